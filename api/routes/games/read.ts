// Reading games: the public catalogue, the caller's own games, one game (seed §9) and its
// versions. Public routes answer more to the owner (and staff): private games, pending and
// rejected versions; to everyone else a private game does not exist (404).
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import {
  findVisibleVersion, isRollbackTarget, listVisibleVersions, loadGameFor, shownVersion,
} from '../../services/games.ts';
import { listOwnGames, listPublicGames } from '../../services/catalogue.ts';
import { remixLinks } from '../../services/remixes.ts';
import { AppError } from '../../errors.ts';
import { presentGameDetail, presentGameList, presentVersionList } from '../../presenters/games.ts';
import type { RouteRegistry } from '../registry.ts';
import { catalogueQuery, gameParams, gameQuery, mineQuery, versionParams, versionsQuery } from './schema.ts';

const catalogue = {
  method: 'get', path: '/api/games', tag: 'games', access: 'public', query: catalogueQuery,
  summary: 'The public catalogue (public and active games): filters game_type, difficulty, tag, '
    + 'q (title/description), creator; sort newest|popular|rating',
  responses: { 200: '{games, total, page, per_page, total_pages}', 400: 'invalid query' },
} satisfies RouteSpec;

const mine = {
  method: 'get', path: '/api/games/mine', tag: 'games', access: 'user', query: mineQuery,
  summary: "The caller's own games, any status, most recently changed first",
  responses: { 200: '{games, total, page, per_page, total_pages}', 400: 'invalid query', 401: 'no token' },
} satisfies RouteSpec;

const detail = {
  method: 'get', path: '/api/games/:game_id', tag: 'games', access: 'public', owned: 'game',
  params: gameParams, query: gameQuery,
  summary: 'One game (seed §9): private games for the owner and staff only; '
    + 'on public games others see approved versions only',
  responses: {
    200: 'the game', 400: 'bad id or query', 401: 'a token was sent but is invalid',
    404: 'no such game or version (or not visible)',
  },
} satisfies RouteSpec;

const versions = {
  method: 'get', path: '/api/games/:game_id/versions', tag: 'games', access: 'public', owned: 'game',
  params: gameParams, query: versionsQuery,
  summary: "A game's versions (summaries, oldest first), with the same visibility as the game",
  responses: {
    200: '{versions, total, page, per_page, total_pages}', 400: 'bad id or query',
    401: 'a token was sent but is invalid', 404: 'no such game (or not visible)',
  },
} satisfies RouteSpec;

const thumbnail = {
  method: 'get', path: '/api/games/:game_id/versions/:version/thumbnail', tag: 'games', access: 'public',
  owned: 'game', params: versionParams, produces: 'image/png',
  summary: "A PNG of the version being played (the browser playtest's last frame), with the game's visibility",
  responses: {
    200: 'image/png', 400: 'bad id or version', 401: 'a token was sent but is invalid',
    404: 'no such game or version (or not visible), or thumbnail_not_ready: the version has no picture',
  },
} satisfies RouteSpec;

export const readRoutes: RouteSpec[] = [catalogue, mine, detail, versions, thumbnail];

export function mountReadRoutes(routes: RouteRegistry, deps: ApiDeps): void {
  const { db } = deps;

  routes.mount(catalogue, async ({ query: q, res }) => {
    const { rows, count } = await listPublicGames(db, {
      gameType: q.game_type, difficulty: q.difficulty, tag: q.tag, q: q.q, creator: q.creator, sort: q.sort,
      page: q.page, perPage: q.per_page,
    });
    res.json(presentGameList(rows, count, q.page, q.per_page));
  });

  routes.mount(mine, async ({ caller, query: q, res }) => {
    const { rows, count } = await listOwnGames(db, caller, { status: q.status, page: q.page, perPage: q.per_page });
    res.json(presentGameList(rows, count, q.page, q.per_page));
  });

  routes.mount(detail, async ({ caller, params, query: q, res }) => {
    const access = await loadGameFor(db, caller, params.game_id);
    const [{ rows }, shown, remixes] = await Promise.all([
      listVisibleVersions(db, access), shownVersion(db, access), remixLinks(db, access.game),
    ]);
    const wanted = q.version ?? shown;
    const requested = wanted === null ? null : await findVisibleVersion(db, access, wanted);
    // The answer depends on who asks: shared caches must not hand the owner's view to others.
    res.setHeader('Vary', 'Authorization');
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(presentGameDetail({
      access, versions: rows, shown, requested, includeHistory: q.include_history, withCode: q.format === 'complete',
      rollbackTargets: rows.filter(isRollbackTarget).map((v) => v.version), remixes,
    }));
  });

  routes.mount(versions, async ({ caller, params, query: q, res }) => {
    const access = await loadGameFor(db, caller, params.game_id);
    const [{ rows, count }, shown] = await Promise.all([
      listVisibleVersions(db, access, { page: q.page, perPage: q.per_page }), shownVersion(db, access),
    ]);
    res.setHeader('Vary', 'Authorization');
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(presentVersionList(access.game, rows, shown, count, q.page, q.per_page));
  });

  routes.mount(thumbnail, async ({ caller, params, res }) => {
    const access = await loadGameFor(db, caller, params.game_id);
    const { thumbnailPng: png } = await findVisibleVersion(db, access, params.version);
    if (!png) {
      throw new AppError(404, 'thumbnail_not_ready', 'this version has no picture', { version: params.version });
    }
    // A version's picture never changes, but who may see it can: kept by the viewer's browser only.
    res.set({ 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=3600', Vary: 'Authorization' });
    res.send(png);
  });
}
