// Support work on jobs from the console: cancel a job that is still running, or retry a failed
// one — a new job with the same request, started as the job's owner (their games, their
// quota), audited under the admin who asked.
import { col, fn } from 'sequelize';
import type { Database } from '../../db/index.ts';
import type { Job } from '../../db/models/index.ts';
import type { JobRequest } from '../../db/jobContext.ts';
import { isTerminalState, type PipelineJobKind } from '../../game/vocabulary.ts';
import { AppError, notFound } from '../errors.ts';
import type { Caller } from '../policies.ts';
import { cancelJob, startJob, type JobDeps } from './jobs.ts';

async function findJob(db: Database, jobId: string): Promise<Job> {
  const job = await db.models.Job.findByPk(jobId);
  if (!job) throw notFound('job', { job_id: jobId });
  return job;
}

export async function cancelRun(deps: JobDeps, jobId: string, actor: Caller): Promise<void> {
  const job = await findJob(deps.db, jobId);
  if (isTerminalState(job.state)) {
    throw new AppError(409, 'job_finished', `the job is already ${job.state}`, { job_id: job.id, state: job.state });
  }
  await cancelJob(deps, job, actor);
}

/** Starts a failed job again as its owner; returns the new job. */
export async function retryJob(deps: JobDeps, jobId: string, actorId: string): Promise<Job> {
  const job = await findJob(deps.db, jobId);
  if (job.state !== 'failed') {
    throw new AppError(409, 'job_not_failed', `only failed jobs can be retried (this one is ${job.state})`, {
      job_id: job.id, state: job.state,
    });
  }
  const owner = await deps.db.models.User.findByPk(job.userId);
  if (!owner) throw new AppError(409, 'owner_missing', 'the job owner no longer exists', { job_id: job.id });
  const request = job.request as Partial<JobRequest>;
  if (!request.prompt) throw new AppError(409, 'no_prompt', 'the job has no prompt to retry', { job_id: job.id });
  const asOwner: Caller = { id: owner.id, role: owner.role, username: owner.username };
  const { job: fresh } = await startJob(deps, asOwner, {
    kind: job.kind as PipelineJobKind,
    prompt: request.prompt,
    ...(job.kind !== 'create' && job.gameId ? { gameId: job.gameId } : {}),
    ...(job.sessionId ? { sessionId: job.sessionId } : {}),
    ...(request.template_id ? { templateId: request.template_id } : {}),
    ...(request.game_type ? { gameType: request.game_type } : {}),
    ...(request.preferences ? { preferences: request.preferences } : {}),
    ...(request.advanced_options ? { advancedOptions: request.advanced_options } : {}),
    ...(job.baseVersion ? { baseVersion: job.baseVersion } : {}),
  });
  await deps.db.models.AuditLog.create({
    actorId, action: 'job.retry', targetType: 'job', targetId: job.id,
    details: { new_job_id: fresh.id }, ip: null, requestId: null,
  });
  return fresh;
}

/** Provider attempts per job, for the given jobs (a job without attempts is absent). */
export async function attemptCounts(db: Database, jobIds: string[]): Promise<Map<string, number>> {
  if (!jobIds.length) return new Map();
  const rows = (await db.models.ProviderAttempt.findAll({
    where: { jobId: jobIds }, attributes: ['jobId', [fn('COUNT', col('id')), 'n']], group: ['jobId'], raw: true,
  })) as unknown as { jobId: string; n: string | number }[];
  return new Map(rows.map((row) => [row.jobId, Number(row.n)]));
}
