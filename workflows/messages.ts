// The gameJob workflow's contract with the outside: its input, its messages (signal, query,
// update) and the shapes of its progress events. Shared by the API (client side) and activities.
import { defineQuery, defineSignal, defineUpdate, type Sinks } from '@temporalio/workflow';
import type {
  Finding, JobState, ModerationDecisionValue, PipelineJobKind, ProviderId, TerminalJobState,
} from '../game/vocabulary.ts';

/**
 * Identifiers and the settings the orchestration needs, nothing of the player's request: the
 * job row (`jobs.request`) is the one carrier of the prompt, template, genre, preferences and
 * options, and activities read it there. So the player's words stay out of Temporal's
 * immutable history (deleting the row deletes them) and histories stay small. Histories
 * recorded before carry more input fields; input is data, so they still replay.
 */
export interface GameJobInput {
  jobId: string;
  kind: PipelineJobKind;
  userId: string;
  gameId: string;
  sessionId?: string;
  /** Version the change applies to (modify / regenerate); the latest when absent. */
  baseVersion?: number;
  /** How long a `review` verdict waits for a moderator, e.g. '7 days'. */
  reviewTimeout?: string;
  /** The workflow's layout, set by the starter (GAME_JOB_LAYOUT); absent in runs started before it. */
  layout?: number;
}

/** The current layout of gameJob: every change made behind a patch so far (the moderation Update,
 *  local steps, the browser playtest) taken without recording the patch. A patch is a marker and
 *  a search-attribute upsert in every run's history; the starter's word costs nothing. */
export const GAME_JOB_LAYOUT = 2;

export interface GameJobResult {
  job_id: string;
  state: TerminalJobState;
  game_id: string;
  version?: number;
  version_id?: string;
  provider?: ProviderId;
  error_code?: string;
  detail?: string;
  findings?: Finding[];
}

export type StepStatus = 'started' | 'succeeded' | 'failed';

/** One Socket.IO `job:progress` event (design.md); `seq` grows by one per job. */
export interface ProgressEvent {
  job_id: string;
  seq: number;
  state: JobState;
  step: string;
  status: StepStatus;
  provider?: ProviderId;
  model?: string;
  attempt?: number;
  message: string;
  percent: number;
  at: string;
}

/** What the `progress` query answers: the latest event plus what a late client needs. */
export interface JobSnapshot extends ProgressEvent {
  kind: PipelineJobKind;
  game_id: string;
  repair_rounds: number;
  version?: number;
  version_id?: string;
  error_code?: string;
  detail?: string;
  findings?: Finding[];
}

export interface ModerationDecision {
  decision: ModerationDecisionValue;
  reason?: string;
  moderatorId: string;
}

/** How a review ended, once finishReview has recorded it; moderator_id null: no moderator decided. */
export interface ModerationOutcome {
  job_id: string;
  version_id: string;
  version: number;
  decision: ModerationDecisionValue;
  reason: string | null;
  moderator_id: string | null;
}

/** Why the moderation Update's validator refused a decision (the ApplicationFailure's type). */
export const MODERATION_REFUSALS = ['not_awaiting_review', 'already_decided'] as const;
export type ModerationRefusal = (typeof MODERATION_REFUSALS)[number];

export const progressQuery = defineQuery<JobSnapshot>('progress');
export const cancelSignal = defineSignal<[{ reason?: string; by?: string }?]>('cancel');
/** A moderator's decision; answers the recorded outcome, or is refused (see ModerationRefusal). */
export const moderationUpdate = defineUpdate<ModerationOutcome, [ModerationDecision]>('moderate');
/** How decisions arrived before the Update: runs begun then (and their histories) still take it. */
export const moderationDecisionSignal = defineSignal<[ModerationDecision]>('moderationDecision');

/** One progress event with where it goes: the notify activity's and the progress sink's input. */
export interface ProgressDelivery {
  event: JobSnapshot;
  userId: string;
  sessionId?: string;
  /** The job row already holds this final state (the version's transaction wrote it). */
  recorded?: boolean;
}

/** The worker's side of progress, fire and forget: events before the last one of a job go
 *  through this sink (not recorded in history, not repeated on replay); the last one through
 *  the notify local activity, so the job row's final state is written with retries. */
export interface ProgressSinks extends Sinks {
  progress: { publish(delivery: ProgressDelivery): void };
}
