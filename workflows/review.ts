// gameJob's moderation gate. A `review` verdict waits for one moderator decision, sent as the
// `moderate` Update: its validator refuses a decision while no version waits for one, and any
// decision after the first, so the caller hears the refusal instead of it being dropped; an
// accepted decision answers once finishReview has recorded how the review ended.
import { ApplicationFailure, condition, log, patched, setHandler } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import {
  moderationDecisionSignal, moderationUpdate, type ModerationDecision, type ModerationOutcome, type ModerationRefusal,
} from './messages.ts';
import type { JobState } from '../game/vocabulary.ts';

export interface ReviewGate {
  /** From now decisions are taken: before the job says it awaits review, so none is refused after. */
  open(): void;
  /** The moderator's decision, or undefined when the deadline came first. */
  decision(deadline: Duration): Promise<ModerationDecision | undefined>;
  /** How the review ended, as finishReview recorded it; answers the accepted decision. */
  recorded(outcome: ModerationOutcome): void;
}

function refusal(type: ModerationRefusal, message: string, context: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ type, message, details: [context], nonRetryable: true });
}

/** Registers the handlers; call once, first thing in the workflow (patched() must see the same spot).
 *  `updateOnly`: the run's layout already has the Update (no patch to ask). */
export function reviewGate(jobState: () => JobState, updateOnly = false): ReviewGate {
  let phase: 'before' | 'open' | 'closed' = 'before';
  let decision: ModerationDecision | undefined;
  let outcome: ModerationOutcome | undefined;

  setHandler(moderationUpdate, async (d) => {
    decision = d;
    await condition(() => outcome !== undefined);
    return outcome!;
  }, {
    validator: (_d: ModerationDecision) => {
      if (decision) {
        throw refusal('already_decided', `the review was already decided (${decision.decision})`, {
          decision: decision.decision, state: jobState(),
        });
      }
      if (phase === 'closed') {
        throw refusal('not_awaiting_review', 'the review has ended without a moderator decision', {
          state: jobState(),
        });
      }
      if (phase === 'before') {
        throw refusal('not_awaiting_review', `the job is ${jobState()}, not awaiting review`, { state: jobState() });
      }
    },
  });
  // Runs begun before the Update took decisions by this signal, and their recorded histories
  // (tests/fixtures/histories/review-approved.json) must replay: they keep the handler. New runs
  // record the patch marker and take the Update only.
  if (!updateOnly && !patched('moderation-update')) {
    setHandler(moderationDecisionSignal, (d) => {
      // Only the first decision on a waiting version counts; late or early ones are ignored.
      if (phase === 'open' && !decision) decision = d;
      else log.warn('moderation decision ignored', { phase, decided: !!decision });
    });
  }

  return {
    open() {
      phase = 'open';
    },
    async decision(deadline) {
      await condition(() => decision !== undefined, deadline);
      phase = 'closed';
      return decision;
    },
    recorded(o) {
      phase = 'closed';
      outcome = o;
    },
  };
}
