// The one answer of a long-running route (RouteSpec.longRunning): when the client asked to
// wait (`Prefer: wait=N`) and the job ended in time, the finished answer with
// Preference-Applied, or a 422 with the job's error when it ended without one; otherwise
// 202 with the job's Location, to follow on /api/jobs/:id or Socket.IO.
import type { Response } from 'express';
import type { Job } from '../../db/models/index.ts';
import { waitForJob, type JobDeps } from '../services/jobs.ts';
import { AppError } from '../errors.ts';

export interface JobAnswers {
  /** The route's full answer for a completed job; undefined when the job left nothing to show. */
  finished: (job: Job) => Promise<object | undefined>;
  accepted: (job: Job) => object;
}

export async function replyWithJob(
  deps: JobDeps, ctx: { res: Response; wait: number }, job: Job, answers: JobAnswers,
): Promise<void> {
  if (await waitForJob(deps, job, ctx.wait)) {
    await job.reload();
    const answer = job.state === 'completed' ? await answers.finished(job) : undefined;
    if (answer === undefined) {
      throw new AppError(422, job.errorCode ?? 'job_failed', job.errorDetail ?? `the job ended ${job.state}`, {
        job_id: job.id, state: job.state,
      });
    }
    ctx.res.setHeader('Preference-Applied', `wait=${ctx.wait}`);
    ctx.res.status(200).json(answer);
    return;
  }
  ctx.res.status(202).location(`/api/jobs/${job.id}`).json(answers.accepted(job));
}
