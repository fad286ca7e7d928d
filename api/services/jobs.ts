// Starting, reading and cancelling jobs, and moderating them. A job is a row in `jobs` plus one
// workflow run `job-<id>`; a retried POST with the same Idempotency-Key gets the same job.
import { randomUUID } from 'node:crypto';
import {
  ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError, type Client,
} from '@temporalio/client';
import { UniqueConstraintError } from 'sequelize';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { JobRequest } from '../../db/jobContext.ts';
import type { Job } from '../../db/models/index.ts';
import { gameJob } from '../../workflows/gameJob.ts';
import { JOB_STATE, JOB_TEMPLATE, JOB_USER_ID } from '../../workflows/searchAttributes.ts';
import {
  cancelSignal, GAME_JOB_LAYOUT, MODERATION_REFUSALS, moderationUpdate, progressQuery, type GameJobInput,
  type JobSnapshot, type ModerationDecision, type ModerationOutcome, type ModerationRefusal,
} from '../../workflows/messages.ts';
import { withTimeout } from '../../lib/redis.ts';
import { AppError } from '../errors.ts';
import type { Caller } from '../policies.ts';
import { publishedGenres } from './templates.ts';
import type { AdvancedOptions } from '../../game/generate/options.ts';
import { isTerminalState, type JobState, type PipelineJobKind } from '../../game/vocabulary.ts';

export interface JobDeps {
  cfg: Config;
  db: Database;
  temporal: Client;
}

export interface StartJobRequest {
  kind: PipelineJobKind;
  prompt: string;
  gameId?: string;
  sessionId?: string;
  templateId?: string;
  /** A new game's genre: one of the published templates' categories (any case), else a 400. */
  gameType?: string;
  /** Staged templates the caller is not offered: their genres are not offered either. */
  hiddenTemplates?: ReadonlySet<string>;
  preferences?: Record<string, unknown>;
  advancedOptions?: AdvancedOptions;
  baseVersion?: number;
  idempotencyKey?: string;
  /** Charges the caller's quota once every refusal has been answered and a new job will be made
   *  (a keyed retry that finds its job is not charged again). */
  charge?: () => Promise<void>;
}

function titleFrom(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
  const title = words.length > 60 ? `${words.slice(0, 57)}…` : words;
  return title.length >= 3 ? title : 'Untitled game';
}

/** The genre as the templates spell it; one they do not offer is refused, never stored and dropped. */
async function genreOf(db: Database, gameType: string, hidden?: ReadonlySet<string>): Promise<string> {
  const accepted = await publishedGenres(db, hidden);
  const genre = accepted.find((g) => g.toLowerCase() === gameType.trim().toLowerCase());
  if (!genre) {
    throw new AppError(400, 'unknown_game_type', `game_type "${gameType}" is not a genre of the published templates`, {
      field: 'game_type', accepted,
    });
  }
  return genre;
}

export async function startJob(
  deps: JobDeps, caller: Caller, req: StartJobRequest,
): Promise<{ job: Job; created: boolean }> {
  const { models, sequelize } = deps.db;
  if (req.idempotencyKey) {
    const existing = await models.Job.findOne({ where: { userId: caller.id, idempotencyKey: req.idempotencyKey } });
    if (existing) return { job: existing, created: false };
  }
  // Only a new game picks its genre; a change keeps the game's, whatever the catalogue offers now.
  const gameType = req.gameType && req.kind === 'create'
    ? await genreOf(deps.db, req.gameType, req.hiddenTemplates) : req.gameType;
  await req.charge?.();
  const request: JobRequest = {
    prompt: req.prompt, preferences: req.preferences ?? {}, template_id: req.templateId ?? null,
    game_type: gameType ?? null, advanced_options: req.advancedOptions ?? {},
  };
  let job: Job;
  try {
    job = await sequelize.transaction(async (transaction) => {
      let gameId = req.gameId;
      if (req.kind === 'create') {
        const game = await models.Game.create({
          ownerId: caller.id, sessionId: req.sessionId ?? null, title: titleFrom(req.prompt), description: req.prompt,
          gameType: gameType ?? null, difficulty: difficultyOf(req.preferences), engine: null,
          templateId: req.templateId ?? null, templateVersionId: null, currentVersion: null,
        }, { transaction });
        gameId = game.id;
      }
      const id = randomUUID();
      return models.Job.create({
        id, kind: req.kind, userId: caller.id, gameId: gameId ?? null, sessionId: req.sessionId ?? null,
        baseVersion: req.baseVersion ?? null, workflowId: `job-${id}`, idempotencyKey: req.idempotencyKey ?? null,
        request, templateId: req.templateId ?? null, provider: null,
        errorCode: null, errorDetail: null, resultVersionId: null, startedAt: null, finishedAt: null,
      }, { transaction });
    });
  } catch (err) {
    // Two identical keyed requests at once: the loser answers with the winner's job.
    if (err instanceof UniqueConstraintError && req.idempotencyKey) {
      const winner = await models.Job.findOne({ where: { userId: caller.id, idempotencyKey: req.idempotencyKey } });
      if (winner) return { job: winner, created: false };
    }
    throw err;
  }
  // The request stays in the row (see GameJobInput): the run gets identifiers and settings only.
  const input: GameJobInput = {
    jobId: job.id, kind: req.kind, userId: caller.id, gameId: job.gameId!, sessionId: req.sessionId,
    baseVersion: req.baseVersion, reviewTimeout: deps.cfg.REVIEW_TIMEOUT, layout: GAME_JOB_LAYOUT,
  };
  try {
    await deps.temporal.workflow.start(gameJob, {
      workflowId: job.workflowId!, taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE, args: [input],
      typedSearchAttributes: [
        { key: JOB_STATE, value: 'queued' }, { key: JOB_USER_ID, value: caller.id },
        ...(req.templateId ? [{ key: JOB_TEMPLATE, value: req.templateId }] : []),
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
      await job.update({
        state: 'failed', errorCode: 'temporal_unavailable', errorDetail: 'the job could not be started',
        finishedAt: new Date(),
      });
      throw new AppError(503, 'temporal_unavailable', 'The job service is unavailable; try again shortly', {
        job_id: job.id,
      }, { 'Retry-After': '5' });
    }
  }
  return { job, created: true };
}

function difficultyOf(prefs: Record<string, unknown> | undefined): 'easy' | 'medium' | 'hard' | null {
  const d = prefs?.difficulty;
  return d === 'easy' || d === 'medium' || d === 'hard' ? d : null;
}

/** The live snapshot from the workflow, or the row's state when no worker can answer. */
export async function jobSnapshot(deps: JobDeps, job: Job): Promise<JobSnapshot> {
  try {
    const handle = deps.temporal.workflow.getHandle<typeof gameJob>(job.workflowId!);
    return await withTimeout(handle.query(progressQuery), 2000, 'progress query');
  } catch {
    return {
      job_id: job.id, seq: 0, state: job.state as JobState, step: 'stored',
      status: job.state === 'failed' ? 'failed' : 'succeeded',
      message: job.errorDetail ?? job.state, percent: isTerminalState(job.state) ? 100 : 0,
      at: (job.finishedAt ?? job.updatedAt).toISOString(), kind: job.kind as PipelineJobKind, game_id: job.gameId ?? '',
      repair_rounds: job.repairRounds, ...(job.errorCode ? { error_code: job.errorCode } : {}),
      ...(job.provider ? { provider: job.provider } : {}),
    };
  }
}

export async function cancelJob(deps: JobDeps, job: Job, caller: Caller): Promise<void> {
  try {
    await deps.temporal.workflow.getHandle<typeof gameJob>(job.workflowId!)
      .signal(cancelSignal, { by: caller.id, reason: 'cancelled by request' });
  } catch (err) {
    // The run already ended (or never started): there is nothing left to cancel.
    if (err instanceof WorkflowNotFoundError) {
      throw new AppError(409, 'job_not_running', 'the job is not running', { job_id: job.id });
    }
    throw err;
  }
}

/** Waits up to `seconds` for the job to end; true when it did. */
export async function waitForJob(deps: JobDeps, job: Job, seconds: number): Promise<boolean> {
  if (seconds <= 0) return false;
  // Aborting ends the long poll too, instead of leaving it running after we answered.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), seconds * 1000);
  try {
    await deps.temporal.withAbortSignal(abort.signal, () => deps.temporal.workflow.getHandle(job.workflowId!).result());
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

// How long a moderator's request waits for the job to record the decision.
const MODERATION_WAIT_MS = 30_000;

/**
 * A moderator's approve/reject for a job waiting in review (the admin console calls this). The
 * workflow's Update validator is the judge: a decision while nothing waits, or after the first,
 * is a 409. Answers how the review ended, once the workflow has recorded it.
 */
export async function sendModerationDecision(
  deps: JobDeps, job: Job, decision: ModerationDecision,
): Promise<ModerationOutcome> {
  if (decision.decision === 'reject' && !decision.reason?.trim()) {
    throw new AppError(400, 'reason_required', 'a rejection needs a reason', { job_id: job.id });
  }
  const handle = deps.temporal.workflow.getHandle<typeof gameJob>(job.workflowId!);
  try {
    return await deps.temporal.withAbortSignal(AbortSignal.timeout(MODERATION_WAIT_MS), () =>
      handle.executeUpdate(moderationUpdate, { args: [decision] }));
  } catch (err) {
    throw await moderationError(deps, job, err);
  }
}

const isRefusal = (type: string | null | undefined): type is ModerationRefusal =>
  (MODERATION_REFUSALS as readonly (string | null | undefined)[]).includes(type);

async function moderationError(deps: JobDeps, job: Job, err: unknown): Promise<unknown> {
  const refused = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  if (refused instanceof ApplicationFailure && isRefusal(refused.type)) {
    const context = (refused.details?.[0] ?? {}) as Record<string, unknown>;
    return new AppError(409, refused.type, refused.message, { job_id: job.id, ...context });
  }
  // The run has ended, so nothing waits for a decision; the rows tell whether one was made.
  if (err instanceof WorkflowNotFoundError) {
    const made = await deps.db.models.ModerationDecision.findOne({ where: { jobId: job.id } });
    await job.reload();
    return made
      ? new AppError(409, 'already_decided', `the review was already decided (${made.decision})`, {
        job_id: job.id, decision: made.decision, state: job.state,
      })
      : new AppError(409, 'not_awaiting_review', `the job is ${job.state}, not awaiting review`, {
        job_id: job.id, state: job.state,
      });
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new AppError(503, 'decision_unconfirmed', 'the job did not confirm the decision in time; '
      + 'look at the job before deciding again', { job_id: job.id }, { 'Retry-After': '5' });
  }
  return err;
}
