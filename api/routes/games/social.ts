// What players do to public games: rate them (1-5, one rating per player, upserted; never
// on your own game: 403), play them (a throttled counter, anonymous allowed) and remix them.
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { loadGameFor } from '../../services/games.ts';
import { countPlay, rateGame, unrateGame } from '../../services/catalogue.ts';
import { remixGame } from '../../services/remixes.ts';
import { presentGameItem, presentGameRating, presentPlay, presentRating } from '../../presenters/games.ts';
import type { RouteRegistry } from '../registry.ts';
import { assertFeature, flagContext } from '../../services/featureFlags.ts';
import { FLAGS } from '../../../db/flags/known.ts';
import { gameParams, ratingBody, remixBody } from './schema.ts';

const rate = {
  method: 'post', path: '/api/games/:game_id/rating', tag: 'games', access: 'user', owned: 'game',
  params: gameParams, body: ratingBody,
  summary: "Rate a public game 1-5 with an optional review; again replaces the caller's rating. Not your own game",
  responses: {
    200: 'rating replaced', 201: 'rating created', 400: 'invalid body', 401: 'no token',
    403: 'own game, or the game is not public', 404: 'not found (or not visible)',
  },
} satisfies RouteSpec;

const unrate = {
  method: 'delete', path: '/api/games/:game_id/rating', tag: 'games', access: 'user', owned: 'game', params: gameParams,
  summary: "Remove the caller's rating of a game",
  responses: {
    200: "the game's new average", 400: 'bad id', 401: 'no token', 404: 'game not found, or no rating by the caller',
  },
} satisfies RouteSpec;

const play = {
  method: 'post', path: '/api/games/:game_id/play', tag: 'games', access: 'public', owned: 'game', params: gameParams,
  summary: 'Count a play: once per game per player (or per IP when anonymous) per 10 minutes; '
    + 'private games are not counted',
  responses: {
    200: '{play_count, counted}', 400: 'bad id', 401: 'a token was sent but is invalid',
    404: 'not found (or not visible)',
  },
} satisfies RouteSpec;

const remix = {
  method: 'post', path: '/api/games/:game_id/remix', tag: 'games', access: 'user', owned: 'game',
  params: gameParams, body: remixBody,
  summary: "Start a game of the caller's own from a version of a public game (recorded as remixed_from)",
  responses: {
    201: 'the new game', 400: 'invalid body', 401: 'no token',
    403: 'the game is not public, or remixing is off for the caller (feature_disabled: flag remix)',
    404: 'game, version or session not found', 409: 'version not playable, or the session expired',
  },
} satisfies RouteSpec;

export const socialRoutes: RouteSpec[] = [rate, unrate, play, remix];

export function mountSocialRoutes(routes: RouteRegistry, deps: ApiDeps): void {
  const { db } = deps;

  routes.mount(rate, async ({ caller, params, body, res }) => {
    const access = await loadGameFor(db, caller, params.game_id);
    const row = await rateGame(db, caller, access, body.rating, body.review || null);
    res.status(row.inserted ? 201 : 200).json(presentRating(access.game, row, caller.username));
  });

  routes.mount(unrate, async ({ caller, params, res }) => {
    const access = await loadGameFor(db, caller, params.game_id);
    await unrateGame(db, caller, access);
    res.json(presentGameRating(access.game));
  });

  routes.mount(play, async ({ caller, params, req, res }) => {
    const access = await loadGameFor(db, caller, params.game_id);
    const who = caller ? `user:${caller.id}` : `ip:${req.ip ?? 'unknown'}`;
    const counted = await countPlay(db, deps.redis, access, who, caller?.id ?? null);
    res.json(presentPlay(access.game, counted));
  });

  routes.mount(remix, async ({ caller, params, body, req, res }) => {
    const access = await loadGameFor(db, caller, params.game_id);
    const about = { gameId: access.game.id, templateId: access.game.templateId ?? undefined };
    await assertFeature(deps, FLAGS.remix, flagContext(deps, caller, about));
    const game = await remixGame(
      db, caller, access, { version: body.version, sessionId: body.session_id, requestId: req.id },
    );
    res.status(201).location(`/api/games/${game.id}`).json(presentGameItem(game));
  });
}
