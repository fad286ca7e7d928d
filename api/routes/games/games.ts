// /api/games: generation (long work: 202 + job, or the full answer with Prefer: wait=N), plus
// reading (read.ts), changing (manage.ts), rating and playing (social.ts) games.
import type { Router } from 'express';
import { startJob } from '../../services/jobs.ts';
import { assertOpen, loadSession, touchSession } from '../../services/sessions.ts';
import { finishedGeneration } from '../../services/games.ts';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { consumeGenerationQuota } from '../../middleware/rateLimit.ts';
import { presentGeneratedGame, presentJobAccepted } from '../../presenters/games.ts';
import { routeRegistry } from '../registry.ts';
import { assertTemplateOffered, hiddenTemplatesFor } from '../../services/featureFlags.ts';
import { replyWithJob } from '../jobReply.ts';
import { generateBody } from './schema.ts';
import { mountReadRoutes, readRoutes } from './read.ts';
import { mountManageRoutes, manageRoutes } from './manage.ts';
import { mountSocialRoutes, socialRoutes } from './social.ts';

const generate = {
  method: 'post', path: '/api/games/generate', tag: 'games', access: 'user', body: generateBody, longRunning: true,
  summary: 'Generate a game from a description (202 + job; the full game with Prefer: wait=N)',
  responses: {
    200: 'the finished game (Prefer: wait)', 202: 'job accepted', 400: 'invalid body', 401: 'no token',
    404: 'session not found, or template_id not offered (unknown, or staged and not on for the caller)',
    409: 'session closed', 429: 'quota', 503: 'job service down',
  },
} satisfies RouteSpec;

export const gamesRoutes: RouteSpec[] = [generate, ...readRoutes, ...manageRoutes, ...socialRoutes];

export function gamesRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);

  routes.mount(generate, async (ctx) => {
    const { caller, body } = ctx;
    // The session must be the caller's own and still open; the new game becomes its current one.
    const session = body.session_id ? await loadSession(deps.db, caller, body.session_id, 'own') : undefined;
    if (session) assertOpen(session);
    if (body.template_id) await assertTemplateOffered(deps, caller, body.template_id);
    // A genre only staged templates have is not offered to a caller those templates are hidden from.
    const hiddenTemplates = body.game_type ? await hiddenTemplatesFor(deps, caller) : undefined;
    const { job } = await startJob(deps, caller, {
      kind: 'create', prompt: body.description, sessionId: body.session_id, templateId: body.template_id,
      gameType: body.game_type, hiddenTemplates, preferences: body.preferences, advancedOptions: body.advanced_options,
      idempotencyKey: ctx.idempotencyKey, charge: () => consumeGenerationQuota(deps.cfg, deps.redis, caller),
    });
    if (session) await touchSession(session, job.gameId!);
    await replyWithJob(deps, ctx, job, {
      finished: async (done) => {
        const found = await finishedGeneration(deps.db, done);
        return found && presentGeneratedGame(found.game, found.version, done);
      },
      accepted: presentJobAccepted,
    });
  });

  // After /generate; read.ts mounts /mine before /:game_id so "mine" is not taken for an id.
  mountReadRoutes(routes, deps);
  mountManageRoutes(routes, deps);
  mountSocialRoutes(routes, deps);
  return routes.router;
}
