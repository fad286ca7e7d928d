// validate and scan as activities: thin wrappers over the libraries in validate/ and scan/,
// which the `npm run scan` CLI uses too (one code path).
import { Context } from '@temporalio/activity';
import { validateGame, type ValidationReport } from './validate/index.ts';
import type { ScanReport, Scanner } from './scan/index.ts';

export function createCheckActivities(deps: { scanner: Scanner; maxBytes: number }) {
  return {
    validateDraft(input: { jobId: string; html: string }): Promise<ValidationReport> {
      return Promise.resolve(validateGame(input.html, { maxBytes: deps.maxBytes }));
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
