// Job bookkeeping as activities over db/: planning a run, storing its version (once per job,
// even when the activity is retried), and recording the end of a review.
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { beginJobRun } from '../db/jobContext.ts';
import { recordReview, storeJobVersion, type ReviewOutcome, type StoreVersionInput } from '../db/versions.ts';
import type { JobPlan } from '../game/generate/types.ts';
import type { ProviderChain } from '../game/providers/chain.ts';
import type { FeatureFlags } from '../db/flags/store.ts';
import { decideJobFlags, orderProviders } from '../db/flags/jobFlags.ts';
import type { GameJobInput } from '../workflows/messages.ts';
import { translated } from './failures.ts';

export function createJobActivities(
  deps: { db: Database; cfg: Config; chain: ProviderChain; flags: FeatureFlags },
) {
  return {
    async prepareJob(input: GameJobInput): Promise<JobPlan> {
      const { baseVersion, decided } = await translated(async () => {
        const run = await beginJobRun(deps.db, input);
        return {
          baseVersion: run.baseVersion,
          decided: await decideJobFlags(deps.flags, {
            environment: deps.cfg.NODE_ENV, userId: input.userId, gameId: input.gameId, role: run.role,
            templateId: run.templateId,
          }),
        };
      });
      return {
        // The owner's tier (role rules of llm_anthropic_first) may put Anthropic first.
        providers: orderProviders(deps.chain.order, decided.anthropicFirst),
        skipped: deps.chain.skipped,
        llmTimeoutSeconds: deps.cfg.LLM_TIMEOUT_SECONDS,
        maxRepairRounds: deps.cfg.MAX_REPAIR_ROUNDS,
        // BROWSER_PLAYTEST says whether this deployment can; the browser_playtest flag whether it does here.
        playtest: deps.cfg.BROWSER_PLAYTEST && decided.playtest,
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
