// Starting, reading and cancelling jobs. A job is a row in `jobs` plus one workflow run
// `job-<id>`; a retried POST with the same Idempotency-Key gets the same job.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { UniqueConstraintError } from 'sequelize';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { Job } from '../../db/models/index.ts';
import { JOB_STATE, JOB_TEMPLATE, JOB_USER_ID } from '../../workflows/searchAttributes.ts';
import { progressQuery, cancelSignal, moderationDecisionSignal, type GameJobInput, type JobSnapshot } from '../../workflows/messages.ts';
import { withTimeout } from '../../lib/redis.ts';
import { AppError } from '../errors.ts';
import type { Caller } from '../policies.ts';
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
  gameType?: string;
  preferences?: Record<string, unknown>;
  baseVersion?: number;
  idempotencyKey?: string;
}

function titleFrom(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
  const title = words.length > 60 ? `${words.slice(0, 57)}…` : words;
  return title.length >= 3 ? title : 'Untitled game';
}

export async function startJob(deps: JobDeps, caller: Caller, req: StartJobRequest): Promise<{ job: Job; created: boolean }> {
  const { models, sequelize } = deps.db;
  if (req.idempotencyKey) {
    const existing = await models.Job.findOne({ where: { userId: caller.id, idempotencyKey: req.idempotencyKey } });
    if (existing) return { job: existing, created: false };
  }
  let job: Job;
  try {
    job = await sequelize.transaction(async (transaction) => {
      let gameId = req.gameId;
      if (req.kind === 'create') {
        const game = await models.Game.create({
          ownerId: caller.id, sessionId: req.sessionId ?? null, title: titleFrom(req.prompt), description: req.prompt,
          gameType: req.gameType ?? null, difficulty: difficultyOf(req.preferences), engine: null,
          templateId: req.templateId ?? null, templateVersionId: null, currentVersion: null,
        }, { transaction });
        gameId = game.id;
      }
      const id = randomUUID();
      return models.Job.create({
        id, kind: req.kind, userId: caller.id, gameId: gameId ?? null, sessionId: req.sessionId ?? null,
        baseVersion: req.baseVersion ?? null, workflowId: `job-${id}`, idempotencyKey: req.idempotencyKey ?? null,
        request: { prompt: req.prompt, preferences: req.preferences ?? {}, template_id: req.templateId ?? null, game_type: req.gameType ?? null },
        templateId: req.templateId ?? null, provider: null, errorCode: null, errorDetail: null, resultVersionId: null,
        startedAt: null, finishedAt: null,
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
  const input: GameJobInput = {
    jobId: job.id, kind: req.kind, userId: caller.id, gameId: job.gameId!, sessionId: req.sessionId, prompt: req.prompt,
    templateId: req.templateId, preferences: req.preferences, baseVersion: req.baseVersion, reviewTimeout: deps.cfg.REVIEW_TIMEOUT,
  };
  try {
    await deps.temporal.workflow.start('gameJob', {
      workflowId: job.workflowId!, taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE, args: [input],
      typedSearchAttributes: [
        { key: JOB_STATE, value: 'queued' }, { key: JOB_USER_ID, value: caller.id },
        ...(req.templateId ? [{ key: JOB_TEMPLATE, value: req.templateId }] : []),
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
      await job.update({ state: 'failed', errorCode: 'temporal_unavailable', errorDetail: 'the job could not be started', finishedAt: new Date() });
      throw new AppError(503, 'temporal_unavailable', 'The job service is unavailable; try again shortly', { job_id: job.id }, { 'Retry-After': '5' });
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
    return await withTimeout(deps.temporal.workflow.getHandle(job.workflowId!).query(progressQuery), 2000, 'progress query');
  } catch {
    return {
      job_id: job.id, seq: 0, state: job.state as JobState, step: 'stored', status: job.state === 'failed' ? 'failed' : 'succeeded',
      message: job.errorDetail ?? job.state, percent: isTerminalState(job.state) ? 100 : 0,
      at: (job.finishedAt ?? job.updatedAt).toISOString(), kind: job.kind as PipelineJobKind, game_id: job.gameId ?? '',
      repair_rounds: job.repairRounds, ...(job.errorCode ? { error_code: job.errorCode } : {}),
      ...(job.provider ? { provider: job.provider } : {}),
    };
  }
}

export async function cancelJob(deps: JobDeps, job: Job, caller: Caller): Promise<void> {
  try {
    await deps.temporal.workflow.getHandle(job.workflowId!).signal(cancelSignal, { by: caller.id, reason: 'cancelled by request' });
  } catch (err) {
    // The run already ended (or never started): there is nothing left to cancel.
    if (err instanceof WorkflowNotFoundError) throw new AppError(409, 'job_not_running', 'the job is not running', { job_id: job.id });
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

/** A moderator's approve/reject for a job waiting in review (the admin console calls this). */
export async function sendModerationDecision(
  deps: JobDeps, job: Job, decision: { decision: 'approve' | 'reject'; reason?: string; moderatorId: string },
): Promise<void> {
  if (job.state !== 'awaiting_review') {
    throw new AppError(409, 'not_awaiting_review', `the job is ${job.state}, not awaiting review`, { job_id: job.id, state: job.state });
  }
  if (decision.decision === 'reject' && !decision.reason?.trim()) {
    throw new AppError(400, 'reason_required', 'a rejection needs a reason', { job_id: job.id });
  }
  await deps.temporal.workflow.getHandle(job.workflowId!).signal(moderationDecisionSignal, decision);
}
