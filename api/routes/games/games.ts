// /api/games: generation (long work: 202 + job, or the full answer with Prefer: wait=N), plus
// reading (read.ts), changing (manage.ts), rating and playing (social.ts) games.
import { Router } from 'express';
import { startJob, waitForJob } from '../../services/jobs.ts';
import { assertOpen, loadSession, touchSession } from '../../services/sessions.ts';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { generationQuota } from '../../middleware/rateLimit.ts';
import { callerOf, requireUser } from '../../middleware/auth.ts';
import { parseBody } from '../../validate.ts';
import { AppError } from '../../errors.ts';
import { presentGeneratedGame, presentJobAccepted } from '../../presenters/games.ts';
import { generateBody, idempotencyKey, preferWait } from './schema.ts';
import { addReadRoutes, readRoutes } from './read.ts';
import { addManageRoutes, manageRoutes } from './manage.ts';
import { addSocialRoutes, socialRoutes } from './social.ts';

export const gamesRoutes: RouteSpec[] = [
  {
    method: 'post', path: '/api/games/generate', tag: 'games', access: 'user', body: generateBody, longRunning: true,
    summary: 'Generate a game from a description (202 + job; the full game with Prefer: wait=N)',
    responses: { 200: 'the finished game (Prefer: wait)', 202: 'job accepted', 400: 'invalid body', 401: 'no token', 404: 'session not found', 409: 'session closed', 429: 'quota', 503: 'job service down' },
  },
  ...readRoutes,
  ...manageRoutes,
  ...socialRoutes,
];

export function gamesRouter(deps: ApiDeps): Router {
  const router = Router();
  const auth = requireUser(deps.cfg, deps.db);
  const quota = generationQuota(deps.cfg, deps.redis);

  router.post('/generate', auth, quota, async (req, res) => {
    const caller = callerOf(req);
    const body = parseBody(generateBody, req.body);
    const key = req.get('idempotency-key');
    // The session must be the caller's own and still open; the new game becomes its current one.
    const session = body.session_id ? await loadSession(deps.db, caller, body.session_id, 'own') : undefined;
    if (session) assertOpen(session);
    const { job } = await startJob(deps, caller, {
      kind: 'create', prompt: body.description, sessionId: body.session_id, templateId: body.template_id,
      gameType: body.game_type, preferences: body.preferences, advancedOptions: body.advanced_options,
      idempotencyKey: key === undefined ? undefined : parseBody(idempotencyKey, key, 'Idempotency-Key'),
    });
    if (session) await touchSession(session, job.gameId!);
    const wait = preferWait(req.get('prefer'));
    if (wait > 0 && (await waitForJob(deps, job, wait))) {
      await job.reload();
      const version = job.resultVersionId ? await deps.db.models.GameVersion.findByPk(job.resultVersionId) : null;
      const game = await deps.db.models.Game.findByPk(job.gameId!);
      if (job.state === 'completed' && version && game) {
        res.setHeader('Preference-Applied', `wait=${wait}`);
        res.status(200).json(presentGeneratedGame(game, version, job));
        return;
      }
      throw new AppError(422, job.errorCode ?? 'job_failed', job.errorDetail ?? `the job ended ${job.state}`, { job_id: job.id, state: job.state });
    }
    res.status(202).location(`/api/jobs/${job.id}`).json(presentJobAccepted(job));
  });

  // After /generate; read.ts registers /mine before /:game_id so "mine" is not taken for an id.
  addReadRoutes(router, deps);
  addManageRoutes(router, deps);
  addSocialRoutes(router, deps);
  return router;
}
