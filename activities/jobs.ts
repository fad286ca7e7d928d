// Job bookkeeping as activities over db/: planning a run, storing its version (once per job,
// even when the activity is retried), and recording the end of a review.
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { beginJobRun } from '../db/jobContext.ts';
import { recordReview, storeJobVersion, type ReviewOutcome, type StoreVersionInput } from '../db/versions.ts';
import type { JobPlan } from '../game/generate/types.ts';
import type { ProviderChain } from '../game/providers/chain.ts';
import type { GameJobInput } from '../workflows/messages.ts';
import { translated } from './failures.ts';

export function createJobActivities(deps: { db: Database; cfg: Config; chain: ProviderChain }) {
  return {
    async prepareJob(input: GameJobInput): Promise<JobPlan> {
      const baseVersion = await translated(() => beginJobRun(deps.db, input));
      return {
        providers: deps.chain.order,
        skipped: deps.chain.skipped,
        llmTimeoutSeconds: deps.cfg.LLM_TIMEOUT_SECONDS,
        maxRepairRounds: deps.cfg.MAX_REPAIR_ROUNDS,
        playtest: deps.cfg.BROWSER_PLAYTEST,
        baseVersion,
      };
    },

    storeVersion(input: StoreVersionInput): Promise<{ versionId: string; version: number }> {
      return translated(() => storeJobVersion(deps.db, input));
    },

    finishReview(input: ReviewOutcome): Promise<void> {
      return translated(() => recordReview(deps.db, input));
    },
  };
}
