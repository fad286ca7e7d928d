// /api/jobs/:id — the live snapshot (the workflow's progress query) and cancellation.
import { Router } from 'express';
import { z } from 'zod';
import { cancelJob, jobSnapshot } from '../../services/jobs.ts';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { callerOf, requireUser } from '../../middleware/auth.ts';
import { canChangeOwned, canSeeOwned } from '../../policies.ts';
import { parseBody } from '../../validate.ts';
import { AppError, notFound } from '../../errors.ts';
import { isTerminalState } from '../../../game/vocabulary.ts';

const jobId = z.uuid();
const jobParams = z.object({ id: jobId });

export const jobsRoutes: RouteSpec[] = [
  {
    method: 'get', path: '/api/jobs/:id', tag: 'jobs', access: 'user', owned: 'job', params: jobParams,
    summary: "A job's live snapshot (the workflow's progress query)", responses: { 200: 'snapshot', 400: 'bad id', 401: 'no token', 404: 'not found' },
  },
  {
    method: 'delete', path: '/api/jobs/:id', tag: 'jobs', access: 'user', owned: 'job', params: jobParams,
    summary: 'Cancel a running job', responses: { 202: 'cancelling', 400: 'bad id', 401: 'no token', 403: 'not the owner', 404: 'not found', 409: 'already ended' },
  },
];

export function jobsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(requireUser(deps.cfg, deps.db));

  async function loadJob(raw: string, canAccess: (ownerId: string) => boolean) {
    const id = parseBody(jobId, raw, 'job id');
    const job = await deps.db.models.Job.findByPk(id);
    // Someone else's job is "not found": its existence is not disclosed either.
    if (!job || !canAccess(job.userId)) throw notFound('job', { job_id: id });
    return job;
  }

  router.get('/:id', async (req, res) => {
    const caller = callerOf(req);
    const job = await loadJob(req.params.id, (owner) => canSeeOwned(caller, owner));
    res.json(await jobSnapshot(deps, job));
  });

  router.delete('/:id', async (req, res) => {
    const caller = callerOf(req);
    const job = await loadJob(req.params.id, (owner) => canSeeOwned(caller, owner));
    if (!canChangeOwned(caller, job.userId)) throw new AppError(403, 'forbidden', 'only the owner may cancel this job', { job_id: job.id });
    if (isTerminalState(job.state)) {
      throw new AppError(409, 'job_finished', `the job already ended (${job.state})`, { job_id: job.id, state: job.state });
    }
    await cancelJob(deps, job, caller);
    res.status(202).json({ job_id: job.id, status: 'cancelling' });
  });

  return router;
}
