// validate, scan and playtest as activities: thin wrappers over game/validate and game/scan,
// which the `npm run scan` CLI uses too (one code path). Long checks heartbeat.
import { Context } from '@temporalio/activity';
import { validateGame, type ValidationReport } from '../game/validate/index.ts';
import type { ScanReport, Scanner } from '../game/scan/index.ts';
import { playtestDraft, type PlaytestOutcome } from '../game/scan/playtest/outcome.ts';

async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const beat = setInterval(() => ctx.heartbeat(), 2000);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}

export function createCheckActivities(deps: { scanner: Scanner; maxBytes: number; chromiumPath?: string }) {
  return {
    validateDraft(input: { jobId: string; html: string }): Promise<ValidationReport> {
      return Promise.resolve(validateGame(input.html, { maxBytes: deps.maxBytes }));
    },

    playtestDraft(input: { jobId: string; html: string }): Promise<PlaytestOutcome> {
      return heartbeating(() => playtestDraft(input.html, { chromiumPath: deps.chromiumPath }));
    },

    scanDraft(input: { jobId: string; html: string }): Promise<ScanReport> {
      return heartbeating(() => deps.scanner.scanGame(input.html));
    },
  };
}
