// checkGame: validate and scan on one read of the document, in the scan thread. Its validation
// is exactly validateGame's; a document that fails it is not scanned (no smoke run, no rules);
// one that passes gets exactly the scan scanGame gives; a size past the limit is decided before
// anything is parsed; a thread stopped before it had validated blocks the draft.
import { afterAll, describe, expect, it } from '@jest/globals';
import { createScanner } from '../../../game/scan/index.ts';
import { validateGame } from '../../../game/validate/index.ts';
import { loadTemplate } from '../../templates/helpers.ts';

const scanner = createScanner({ poolSize: 1 });
afterAll(async () => { await scanner.close(); });

const page = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;

describe('checkGame', () => {
  it('validates as validateGame does, then scans as scanGame does', async () => {
    const html = loadTemplate('snake').html;
    const checked = await scanner.checkGame(html);
    expect(checked.validation).toEqual(validateGame(html));
    const scanned = await scanner.scanGame(html);
    expect(checked.scan).toMatchObject({ verdict: scanned.verdict, findings: scanned.findings });
    expect(checked.scan?.smoke.status).toBe('ok');
  }, 30_000);

  it('does not scan a document that fails validation, even a hostile one', async () => {
    // No canvas, no loop: blocked by validation; the eval would be a scan finding.
    const html = page('<script>eval(location.hash)</script>');
    const checked = await scanner.checkGame(html);
    expect(checked.validation.ok).toBe(false);
    expect(checked.validation).toEqual(validateGame(html));
    expect(checked.scan).toBeUndefined();
  }, 30_000);

  it('decides a document past the size limit without reading it', async () => {
    const html = page(`<canvas></canvas><script>${'// padding\n'.repeat(2000)}</script>`);
    const checked = await scanner.checkGame(html, { maxBytes: 1000 });
    expect(checked.validation).toMatchObject({ ok: false, scripts: [] });
    expect(checked.validation.findings.map((f) => f.rule)).toEqual(['size.too-large']);
    expect(checked.scan).toBeUndefined();
  }, 30_000);

  it('blocks what the thread could not validate within its limits', async () => {
    // Reading ~200 KB of nested markup takes the thread tens of milliseconds; its limit is 1 ms.
    const stalled = createScanner({ poolSize: 1, staticWallMs: 1 });
    try {
      const checked = await stalled.checkGame(page(`<canvas></canvas>${'<div><span>x</span>'.repeat(10_000)}`));
      expect(checked.validation.ok).toBe(false);
      expect(checked.validation.findings.map((f) => f.rule)).toEqual(['validate.stopped']);
      expect(checked.scan).toBeUndefined();
    } finally {
      await stalled.close();
    }
  }, 30_000);
});
