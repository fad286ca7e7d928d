// The check activities hand the smoke run and the playtest what they need to know of a draft:
// an offline draft is a template filled in, so its declared controls are pressed first.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createCheckActivities } from '../../activities/checks.ts';
import type { Scanner, ScanReport } from '../../game/scan/index.ts';
import { connectServices, type Services } from '../helpers/services.ts';

let s: Services;
beforeAll(async () => { s = await connectServices(); }, 60_000);
afterAll(async () => { await s?.close(); });

/** A scanner that records the options each scan was asked for (the real one is tested in game/scan). */
function recordingScanner(): Scanner & { asked: unknown[] } {
  const asked: unknown[] = [];
  const report = { verdict: 'pass', security_score: 100, findings: [], browser_compatibility: [], duration_ms: 0,
    smoke: { status: 'ok', frames: 0, errors: [], ms: 0 } } as unknown as ScanReport;
  const scanGame: Scanner['scanGame'] = (_html, opts) => {
    asked.push(opts);
    return Promise.resolve(report);
  };
  const checkGame: Scanner['checkGame'] = (_html, opts) => {
    asked.push(opts);
    return Promise.resolve({ validation: {} as never, scan: report });
  };
  return { asked, scanGame, checkGame, close: () => Promise.resolve() };
}

describe('scanDraft', () => {
  it('passes a template\'s declared controls to the smoke run for offline drafts only', async () => {
    const template = await s.db.models.TemplateVersion.findOne({
      where: { templateId: 'snake' }, order: [['version', 'DESC']],
    });
    expect(template?.controls).toBeTruthy();
    const scanner = recordingScanner();
    const checks = createCheckActivities({ scanner, maxBytes: 200_000, db: s.db });
    const env = new MockActivityEnvironment();
    const draft = { jobId: 'j', html: '<!DOCTYPE html>', templateId: 'snake', templateVersion: template!.version };
    await env.run(checks.scanDraft, { ...draft, provider: 'offline' as const });
    await env.run(checks.scanDraft, { ...draft, provider: 'openai' as const });
    await env.run(checks.scanDraft, { jobId: 'j', html: '<!DOCTYPE html>' });
    expect(scanner.asked).toEqual([{ controls: template!.controls }, {}, {}]);
  }, 30_000);
});
