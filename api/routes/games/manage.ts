// Changing a game: its head (title, description, tags, visibility), rollback to an earlier
// version, and regeneration (seed §10: a 'regenerate' job; 202, or the seed's full answer
// with Prefer: wait=N). Owner only (admins too, for support); others who can see the game
// get 403, others 404.
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { consumeGenerationQuota } from '../../middleware/rateLimit.ts';
import {
  assertCanChange, checkRegeneration, finishedRegeneration, loadGameFor, rollbackGame, startRegeneration, updateGame,
} from '../../services/games.ts';
import { presentGameItem, presentJobAccepted, presentRegeneration, presentRollback } from '../../presenters/games.ts';
import type { RouteRegistry } from '../registry.ts';
import { replyWithJob } from '../jobReply.ts';
import { gameParams, patchBody, regenerateBody, rollbackBody } from './schema.ts';

const patch = {
  method: 'patch', path: '/api/games/:game_id', tag: 'games', access: 'user', owned: 'game',
  params: gameParams, body: patchBody,
  summary: 'Change title, description, tags (at most 10, each 1-30 of a-z 0-9 -) or is_public',
  responses: {
    200: 'the game', 400: 'invalid body', 401: 'no token', 403: 'not the owner', 404: 'not found',
    409: 'only an active game can be made public',
  },
} satisfies RouteSpec;

const rollback = {
  method: 'post', path: '/api/games/:game_id/rollback', tag: 'games', access: 'user', owned: 'game',
  params: gameParams, body: rollbackBody,
  summary: 'Make a new version whose content equals an earlier, playable version',
  responses: {
    201: 'the new version', 400: 'invalid body', 401: 'no token', 403: 'not the owner',
    404: 'game or version not found',
    409: 'version never approved, or already current',
  },
} satisfies RouteSpec;

const regenerate = {
  method: 'post', path: '/api/games/:game_id/regenerate', tag: 'games', access: 'user', owned: 'game',
  params: gameParams, body: regenerateBody, longRunning: true,
  summary: 'Regenerate the current version with new wishes (seed §10); 202 + job, the full answer with Prefer: wait=N',
  responses: {
    200: 'the regenerated game (Prefer: wait)', 202: 'job accepted', 400: 'invalid body', 401: 'no token',
    403: 'not the owner', 404: 'not found', 409: 'no version yet, or a job is already running on the game',
    422: 'the job ended without a version', 429: 'quota', 503: 'job service down',
  },
} satisfies RouteSpec;

export const manageRoutes: RouteSpec[] = [patch, rollback, regenerate];

export function mountManageRoutes(routes: RouteRegistry, deps: ApiDeps): void {
  const { db } = deps;

  routes.mount(patch, async ({ caller, params, body, req, res }) => {
    const access = await loadGameFor(db, caller, params.game_id);
    res.json(presentGameItem(await updateGame(db, caller, access, body, req.id)));
  });

  routes.mount(rollback, async ({ caller, params: { game_id }, body: { version }, req, res }) => {
    const access = await loadGameFor(db, caller, game_id);
    assertCanChange(access, 'roll this game back');
    const row = await rollbackGame(db, caller, game_id, version, req.id);
    res.status(201).location(`/api/games/${game_id}?version=${row.version}`)
      .json(presentRollback(game_id, version, row));
  });

  routes.mount(regenerate, async (ctx) => {
    const { caller, params, body, idempotencyKey } = ctx;
    const access = await loadGameFor(db, caller, params.game_id);
    const prompt = await checkRegeneration(db, access, body, idempotencyKey);
    // Every refusal (400/403/404/409) is answered above, before the quota is charged.
    await consumeGenerationQuota(deps.cfg, deps.redis, caller);
    const { game } = access;
    const { job } = await startRegeneration(deps, caller, game, prompt, body, idempotencyKey);
    await replyWithJob(deps, ctx, job, {
      finished: async (done) => {
        const found = await finishedRegeneration(db, done, game);
        return found && presentRegeneration(game, found.version, found.base, done, body);
      },
      accepted: presentJobAccepted,
    });
  });
}
