// Changing a game: its head (title, description, tags, visibility), rollback to an earlier
// version, and regeneration (seed §10: a 'regenerate' job; 202, or the seed's full answer
// with Prefer: wait=N). Owner only (admins too, for support); others who can see the game
// get 403, others 404.
import type { NextFunction, Request, Response, Router } from 'express';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { callerOf, requireUser } from '../../middleware/auth.ts';
import { generationQuota } from '../../middleware/rateLimit.ts';
import { parseBody } from '../../validate.ts';
import { AppError } from '../../errors.ts';
import { waitForJob } from '../../services/jobs.ts';
import { assertCanChange, checkRegeneration, loadGameFor, rollbackGame, startRegeneration, updateGame, type GameAccess } from '../../services/games.ts';
import { presentGameItem, presentJobAccepted, presentRegeneration, presentRollback } from '../../presenters/games.ts';
import { gameParams, idempotencyKey, patchBody, preferWait, regenerateBody, rollbackBody, type RegenerateBody } from './schema.ts';

export const manageRoutes: RouteSpec[] = [
  {
    method: 'patch', path: '/api/games/:game_id', tag: 'games', access: 'user', owned: 'game', params: gameParams, body: patchBody,
    summary: 'Change title, description, tags (at most 10, each 1-30 of a-z 0-9 -) or is_public',
    responses: { 200: 'the game', 400: 'invalid body', 401: 'no token', 403: 'not the owner', 404: 'not found', 409: 'only an active game can be made public' },
  },
  {
    method: 'post', path: '/api/games/:game_id/rollback', tag: 'games', access: 'user', owned: 'game', params: gameParams, body: rollbackBody,
    summary: 'Make a new version whose content equals an earlier, playable version',
    responses: {
      201: 'the new version', 400: 'invalid body', 401: 'no token', 403: 'not the owner', 404: 'game or version not found',
      409: 'version never approved, or already current',
    },
  },
  {
    method: 'post', path: '/api/games/:game_id/regenerate', tag: 'games', access: 'user', owned: 'game', params: gameParams, body: regenerateBody, longRunning: true,
    summary: 'Regenerate the current version with new wishes (seed §10); 202 + job, the full answer with Prefer: wait=N',
    responses: {
      200: 'the regenerated game (Prefer: wait)', 202: 'job accepted', 400: 'invalid body', 401: 'no token', 403: 'not the owner', 404: 'not found',
      409: 'no version yet, or a job is already running on the game', 422: 'the job ended without a version', 429: 'quota', 503: 'job service down',
    },
  },
];

interface Regeneration {
  access: GameAccess;
  body: RegenerateBody;
  prompt: string;
  key?: string;
}

export function addManageRoutes(router: Router, deps: ApiDeps): void {
  const { db } = deps;
  const auth = requireUser(deps.cfg, db);
  const quota = generationQuota(deps.cfg, deps.redis);

  router.patch('/:game_id', auth, async (req, res) => {
    const { game_id } = parseBody(gameParams, req.params, 'game_id');
    const body = parseBody(patchBody, req.body);
    const caller = callerOf(req);
    const access = await loadGameFor(db, caller, game_id);
    res.json(presentGameItem(await updateGame(db, caller, access, body, req.id)));
  });

  router.post('/:game_id/rollback', auth, async (req, res) => {
    const { game_id } = parseBody(gameParams, req.params, 'game_id');
    const { version } = parseBody(rollbackBody, req.body);
    const caller = callerOf(req);
    const access = await loadGameFor(db, caller, game_id);
    assertCanChange(access, 'roll this game back');
    const row = await rollbackGame(db, caller, game_id, version, req.id);
    res.status(201).location(`/api/games/${game_id}?version=${row.version}`).json(presentRollback(game_id, version, row));
  });

  // Every refusal (400/403/404/409) happens before the quota is charged.
  const prepare = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { game_id } = parseBody(gameParams, req.params, 'game_id');
    const body = parseBody(regenerateBody, req.body);
    const raw = req.get('idempotency-key');
    const key = raw === undefined ? undefined : parseBody(idempotencyKey, raw, 'Idempotency-Key');
    const access = await loadGameFor(db, callerOf(req), game_id);
    const prompt = await checkRegeneration(db, access, body, key);
    res.locals.regeneration = { access, body, prompt, key } satisfies Regeneration;
    next();
  };

  router.post('/:game_id/regenerate', auth, prepare, quota, async (req, res) => {
    const { access, body, prompt, key } = res.locals.regeneration as Regeneration;
    const { game } = access;
    const { job } = await startRegeneration(deps, callerOf(req), game, prompt, body, key);
    const wait = preferWait(req.get('prefer'));
    if (wait > 0 && (await waitForJob(deps, job, wait))) {
      await job.reload();
      const version = job.resultVersionId ? await db.models.GameVersion.findByPk(job.resultVersionId) : null;
      if (job.state === 'completed' && version) {
        const base = job.baseVersion
          ? await db.models.GameVersion.findOne({ where: { gameId: game.id, version: job.baseVersion }, attributes: ['content'] })
          : null;
        res.setHeader('Preference-Applied', `wait=${wait}`);
        res.status(200).json(presentRegeneration(game, version, base, job, body));
        return;
      }
      throw new AppError(422, job.errorCode ?? 'job_failed', job.errorDetail ?? `the job ended ${job.state}`, { job_id: job.id, state: job.state });
    }
    res.status(202).location(`/api/jobs/${job.id}`).json(presentJobAccepted(job));
  });
}
