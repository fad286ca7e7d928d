// Creator progression: the public leaderboards (this week's XP or all-time) and the caller's
// own XP, level and achievements.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { leaderboard, progressionOf } from '../../services/progression.ts';
import { presentLeaderboard, presentProgression } from '../../presenters/progression.ts';
import { LEADERBOARD_PERIODS } from '../../../game/vocabulary.ts';
import { routeRegistry } from '../registry.ts';

export const leaderboardQuery = z
  .object({
    period: z.enum(LEADERBOARD_PERIODS).default('week'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const board = {
  method: 'get', path: '/api/leaderboard', tag: 'progression', access: 'public', query: leaderboardQuery,
  summary: 'Creators by XP: earned in the last 7 days (period=week) or in total (period=all)',
  responses: { 200: '{period, entries: [{rank, user_id, username, display_name, level, xp}]}', 400: 'invalid query' },
} satisfies RouteSpec;

const mine = {
  method: 'get', path: '/api/users/profile/progression', tag: 'progression', access: 'user', owned: 'user',
  summary: "The caller's XP, level, the XP the next level needs, and achievements held",
  responses: { 200: '{xp, level, level_xp, next_level_xp, achievements}', 401: 'no token', 403: 'account suspended' },
} satisfies RouteSpec;

export const progressionRoutes: RouteSpec[] = [board, mine];

export function progressionRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);

  routes.mount(board, async ({ query, res }) => {
    res.json(presentLeaderboard(query.period, await leaderboard(deps.db, query.period, query.limit)));
  });

  routes.mount(mine, async ({ caller, res }) => {
    res.json(presentProgression(await progressionOf(deps.db, caller.id)));
  });

  return routes.router;
}
