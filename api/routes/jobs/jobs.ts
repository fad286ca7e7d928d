// /api/jobs/:id — the live snapshot (the workflow's progress query) and cancellation.
import type { Router } from 'express';
import { z } from 'zod';
import { cancelJob, jobSnapshot } from '../../services/jobs.ts';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { canChangeOwned, canSeeOwned, type Caller } from '../../policies.ts';
import { AppError, notFound } from '../../errors.ts';
import { isTerminalState } from '../../../game/vocabulary.ts';
import { routeRegistry } from '../registry.ts';

const jobParams = z.object({ id: z.uuid() });

const snapshot = {
  method: 'get', path: '/api/jobs/:id', tag: 'jobs', access: 'user', owned: 'job', params: jobParams,
  summary: "A job's live snapshot (the workflow's progress query)",
  responses: { 200: 'snapshot', 400: 'bad id', 401: 'no token', 404: 'not found' },
} satisfies RouteSpec;

const cancel = {
  method: 'delete', path: '/api/jobs/:id', tag: 'jobs', access: 'user', owned: 'job', params: jobParams,
  summary: 'Cancel a running job',
  responses: {
    202: 'cancelling', 400: 'bad id', 401: 'no token', 403: 'not the owner', 404: 'not found', 409: 'already ended',
  },
} satisfies RouteSpec;

export const jobsRoutes: RouteSpec[] = [snapshot, cancel];

export function jobsRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);

  async function visibleJob(caller: Caller, id: string) {
    const job = await deps.db.models.Job.findByPk(id);
    // Someone else's job is "not found": its existence is not disclosed either.
    if (!job || !canSeeOwned(caller, job.userId)) throw notFound('job', { job_id: id });
    return job;
  }

  routes.mount(snapshot, async ({ caller, params, res }) => {
    res.json(await jobSnapshot(deps, await visibleJob(caller, params.id)));
  });

  routes.mount(cancel, async ({ caller, params, res }) => {
    const job = await visibleJob(caller, params.id);
    if (!canChangeOwned(caller, job.userId)) {
      throw new AppError(403, 'forbidden', 'only the owner may cancel this job', { job_id: job.id });
    }
    if (isTerminalState(job.state)) {
      throw new AppError(
        409, 'job_finished', `the job already ended (${job.state})`, { job_id: job.id, state: job.state },
      );
    }
    await cancelJob(deps, job, caller);
    res.status(202).json({ job_id: job.id, status: 'cancelling' });
  });

  return routes.router;
}
