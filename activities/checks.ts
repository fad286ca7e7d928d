// validate and scan as activities: thin wrappers over the libraries in validate/ and scan/,
// which the `npm run scan` CLI uses too (one code path).
import { Context } from '@temporalio/activity';
import { validateGame, type ValidationReport } from '../game/validate/index.ts';
import type { ScanReport, Scanner } from '../game/scan/index.ts';
import { playtestGame, type PlaytestReport } from '../game/scan/playtest/playtest.ts';
import type { Finding } from '../game/vocabulary.ts';

/** The playtest's outcome as the workflow and the version row keep it (PNG as base64: small, JSON-safe). */
export type PlaytestOutcome = Omit<PlaytestReport, 'thumbnail_png'> & { thumbnail_base64?: string; findings: Finding[] };

export function createCheckActivities(deps: { scanner: Scanner; maxBytes: number; chromiumPath?: string }) {
  return {
    validateDraft(input: { jobId: string; html: string }): Promise<ValidationReport> {
      return Promise.resolve(validateGame(input.html, { maxBytes: deps.maxBytes }));
    },

    async playtestDraft(input: { jobId: string; html: string }): Promise<PlaytestOutcome> {
      const ctx = Context.current();
      const beat = setInterval(() => ctx.heartbeat(), 2000);
      try {
        const { thumbnail_png, ...report } = await playtestGame(input.html, { chromiumPath: deps.chromiumPath, durationMs: 2000 });
        const findings: Finding[] = [];
        // A game that throws, draws nothing or trips the CSP is broken for the player: repair it.
        if (report.console_errors.length > 0) {
          findings.push({ rule: 'playtest.console-error', severity: 'block', message: `The game logged errors in the browser: ${report.console_errors.slice(0, 3).join(' | ').slice(0, 400)}. Fix them.` });
        }
        if (report.status !== 'skipped' && !report.canvas_nonblank) {
          findings.push({ rule: 'playtest.blank-canvas', severity: 'block', message: 'Nothing was drawn on the canvas after 2 seconds. Draw the first frame immediately and keep the loop running.' });
        }
        if (report.csp_violations.length > 0) {
          findings.push({ rule: 'playtest.csp-violation', severity: 'block', message: `The game tried something its sandbox forbids: ${report.csp_violations.slice(0, 3).join(' | ').slice(0, 400)}.` });
        }
        return { ...report, findings, ...(thumbnail_png ? { thumbnail_base64: thumbnail_png.toString('base64') } : {}) };
      } finally {
        clearInterval(beat);
      }
    },

    async scanDraft(input: { jobId: string; html: string }): Promise<ScanReport> {
      const ctx = Context.current();
      const beat = setInterval(() => ctx.heartbeat(), 2000);
      try {
        return await deps.scanner.scanGame(input.html);
      } finally {
        clearInterval(beat);
      }
    },
  };
}
