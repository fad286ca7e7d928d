// The playability gate in real Chromium, on games made to fool or break it: each gets exactly
// the findings the pipeline would send back for repair. The played copy is compared with a copy
// left alone for the same virtual time, so animating by itself (even at random) is not
// responding, while reacting to only a click or only the arrows is.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { playtestGame } from '../../../game/scan/playtest/playtest.ts';
import { noResponseMessage, playtestFindings } from '../../../game/scan/playtest/outcome.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/playtest');
const play = (name: string) => playtestGame(readFileSync(join(fixtures, `${name}.html`), 'utf8'));
const rules = (findings: { rule: string; severity: string }[]) => findings.map((f) => `${f.rule}:${f.severity}`);

describe('the playability gate', () => {
  it('blocks a game that only animates by itself (a spinning logo that ignores every key)', async () => {
    const report = await play('ignores-input');
    expect(report).toMatchObject({ status: 'failed', canvas_nonblank: true, canvas_changes: true, responds: false });
    expect(report.response_share).toBe(0);
    expect(report.reason).toMatch(/does not respond to input/);
    const findings = playtestFindings(report);
    expect(rules(findings)).toEqual(['playtest.no-response:block']);
    expect(findings[0]!.message).toBe(noResponseMessage(report));
    expect(findings[0]!.message).toMatch(/ArrowRight.*KeyW.*keydown/s);
  }, 60_000);

  it('blocks a game animated by timers, randomness and clocks that ignores its player', async () => {
    const report = await play('random-snow');
    expect(report).toMatchObject({ canvas_nonblank: true, canvas_changes: true, responds: false, response_share: 0 });
    expect(rules(playtestFindings(report))).toEqual(['playtest.no-response:block']);
  }, 60_000);

  it('reports the error of a game that throws on keydown, and that its keys do nothing', async () => {
    const report = await play('throws-on-keydown');
    expect(report.console_errors).toEqual([expect.stringMatching(/TypeError: .*reading 'x'/)]);
    expect(rules(playtestFindings(report))).toEqual(['playtest.console-error:block', 'playtest.no-response:block']);
  }, 60_000);

  it('a blank game is reported blank, not also as ignoring input', async () => {
    const report = await play('blank');
    expect(report).toMatchObject({ canvas_nonblank: false, responds: null });
    expect(rules(playtestFindings(report))).toEqual(['playtest.blank-canvas:block']);
  }, 60_000);

  it('passes a game that responds only to a click, even with an effect gone half a second later', async () => {
    const report = await play('click-only');
    expect(report).toMatchObject({ status: 'ok', responds: true, first_response: 'click' });
    expect(playtestFindings(report)).toEqual([]);
  }, 60_000);

  it('passes a game that responds only to the arrow keys', async () => {
    const report = await play('arrows-only');
    expect(report).toMatchObject({ status: 'ok', responds: true, first_response: 'ArrowRight' });
    expect(playtestFindings(report)).toEqual([]);
  }, 60_000);

  it('notes rather than blocks an offline draft that does not respond (its template is tested instead)', async () => {
    const report = await play('ignores-input');
    expect(rules(playtestFindings(report, 'info'))).toEqual(['playtest.no-response:info']);
  }, 60_000);
});
