// The browser playtest, through the real play page (wrapper + game with the play headers) in
// headless Chromium: a template draws, changes while played, responds to the standard inputs,
// yields a PNG thumbnail and no CSP violation; a game calling fetch() gets its violation
// recorded; the vendored Phaser loads and responds; no Chromium means 'skipped', not 'failed'.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { playtestGame } from '../../../game/scan/playtest/playtest.ts';
import { loadTemplate } from '../../templates/helpers.ts';

const games = join(import.meta.dirname, '../../fixtures/games');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('playtest in Chromium', () => {
  it('plays a template: non-blank, changing, responding, thumbnail, no errors or CSP violations', async () => {
    const report = await playtestGame(loadTemplate('basic_platformer').html);
    expect(report).toMatchObject({
      status: 'ok', console_errors: [], csp_violations: [], canvas_nonblank: true, canvas_changes: true,
      responds: true,
    });
    // The standard inputs in their order, up to the one the game answered: the play ends there.
    const standard = ['click', 'Enter', 'Space', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'KeyD', 'KeyW', 'KeyA'];
    expect(report.inputs).toEqual(standard.slice(0, report.inputs.length));
    expect(report.inputs.at(-1)).toBe(report.first_response);
    const png = report.thumbnail_png!;
    expect(png.subarray(0, 8)).toEqual(PNG);
    expect(png.length).toBeLessThan(1024 * 1024);
    expect(png.readUInt32BE(16)).toBeLessThanOrEqual(320); // IHDR width
  }, 60_000);

  it('records the CSP violation of a game that tries fetch()', async () => {
    const report = await playtestGame(readFileSync(join(games, 'hostile/network/fetch-basic.html'), 'utf8'), {
      durationMs: 800,
    });
    expect(report.status).toBe('failed');
    expect(report.csp_violations.join('\n')).toMatch(/connect-src.*evil\.example/);
    expect(report.reason).toMatch(/CSP violation/);
  }, 60_000);

  it('loads the vendored Phaser engine under the play CSP', async () => {
    const report = await playtestGame(readFileSync(join(games, 'benign/phaser-vendored.html'), 'utf8'), {
      durationMs: 1500,
    });
    expect(report).toMatchObject({
      status: 'ok', console_errors: [], csp_violations: [], canvas_nonblank: true, responds: true,
    });
  }, 60_000);

  it('alone (no idle copy): draws, moves, keys pressed; whether it responds is not told', async () => {
    const report = await playtestGame(loadTemplate('basic_platformer').html, { alone: true });
    expect(report).toMatchObject({
      status: 'ok', console_errors: [], csp_violations: [], canvas_nonblank: true, canvas_changes: true,
      responds: null, response_share: 0,
    });
    expect(report.inputs.length).toBeGreaterThanOrEqual(2);
    expect(report.thumbnail_png?.subarray(0, 8)).toEqual(PNG);
    // A key handler that throws is still caught alone: at least one key follows the click.
    const throwing = loadTemplate('basic_platformer').html.replace('</body>',
      '<script>window.addEventListener("keydown", () => { throw new Error("boom on a key"); });</script></body>');
    const thrown = await playtestGame(throwing, { alone: true });
    expect(thrown.status).toBe('failed');
    expect(thrown.console_errors.join('\n')).toMatch(/boom on a key/);
  }, 60_000);

  it('is skipped, not failed, without Chromium', async () => {
    const report = await playtestGame(loadTemplate('basic_puzzle').html, {
      chromiumPath: join(games, 'no-such-chromium'),
    });
    expect(report).toMatchObject({ status: 'skipped', reason: expect.stringContaining('no Chromium') });
    expect(report.thumbnail_png).toBeUndefined();
  });
});
