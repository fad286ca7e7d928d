// /play: the only place generated games are served. The wrapper page (strict CSP, nothing but
// an <iframe sandbox="allow-scripts">) embeds game.html, which carries the sandboxing CSP
// from api/play/page.ts. With PLAY_ORIGIN set, game documents render only on that origin
// (the wrapper stays on the site's), so a game never runs on the API/admin origin.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { ENGINE_PATH, engineHeaders, gameHeaders, wrapperHeaders, wrapperHtml } from '../../../game/play/page.ts';
import { withGamePrelude } from '../../../game/play/prelude.ts';
import { scriptHashes, type ScriptHashes } from '../../../game/play/script-hashes.ts';
import { apiRate } from '../../middleware/rateLimit.ts';
import { canSeeOwned, isStaff } from '../../policies.ts';
import { notFound } from '../../errors.ts';
import { routeRegistry } from '../registry.ts';
import {
  awaitsReview, loadPlayable, loadServable, originsOf, playParams, playQuery, requestOrigin, sameHost, type SpendNonce,
} from './access.ts';
import { sendPlayError } from './pages.ts';
import { signPlayToken, SINGLE_USE_TTL_SECONDS } from '../../services/playTokens.ts';

const engine = {
  method: 'get', path: ENGINE_PATH, tag: 'play', access: 'public',
  summary: 'The vendored Phaser engine (long cache, loadable from sandboxed games)', responses: { 200: 'JavaScript' },
} satisfies RouteSpec;

const notPlayable = 'unknown, not public, rejected, or bad/expired token (HTML)';

const wrapper = {
  method: 'get', path: '/play/:game_id/:version', tag: 'play', access: 'public', params: playParams, query: playQuery,
  summary: 'The play page: a wrapper that embeds the game in a sandboxed iframe',
  responses: {
    200: 'HTML wrapper page', 302: 'moved to the site origin (PLAY_ORIGIN serves games only)', 404: notPlayable,
  },
} satisfies RouteSpec;

const document = {
  method: 'get', path: '/play/:game_id/:version/game.html', tag: 'play', access: 'public',
  params: playParams, query: playQuery,
  summary: 'The game document itself, under a sandboxing CSP (no network, no same-origin)',
  responses: {
    200: 'the game (HTML), only when framed (Sec-Fetch-Dest: iframe)',
    302: 'moved to PLAY_ORIGIN, or to the wrapper page when not framed', 404: notPlayable,
  },
} satisfies RouteSpec;

const token = {
  method: 'get', path: '/play/:game_id/:version/token', tag: 'play', access: 'user', owned: 'game', params: playParams,
  summary: 'A short-lived play link for a private or pending version (owner or staff); an owner\'s link '
    + 'to a version awaiting review opens once, within 5 minutes',
  responses: {
    200: '{url, expires_at, token, single_use}', 400: 'bad id or version', 401: 'no token',
    404: 'not found, or not yours', 429: 'rate limited',
  },
} satisfies RouteSpec;

export const playRoutes: RouteSpec[] = [engine, wrapper, document, token];

let engineFile: Promise<Buffer> | undefined;
function engineSource(): Promise<Buffer> {
  // Read once from the npm package; a failed read is retried on the next request.
  engineFile ??= readFile(createRequire(import.meta.url).resolve('phaser/dist/phaser.min.js')).catch((e: unknown) => {
    engineFile = undefined;
    throw e;
  });
  return engineFile;
}

const FRAMED = new Set(['iframe', 'frame']);

// A version's content never changes, so its script hashes are read once per version.
const HASH_CACHE_SIZE = 256;
const hashCache = new Map<string, ScriptHashes>();
function hashesOf(versionId: string, content: string): ScriptHashes {
  let hashes = hashCache.get(versionId);
  if (!hashes) {
    hashes = scriptHashes(content);
    if (hashCache.size >= HASH_CACHE_SIZE) hashCache.delete(hashCache.keys().next().value!);
    hashCache.set(versionId, hashes);
  }
  return hashes;
}

/** The player's app (at `/`, on this origin) shows games in this page's frame; no other site may frame it. */
function framedBySite(headers: Record<string, string>): Record<string, string> {
  const csp = headers['Content-Security-Policy']!.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
  return { ...headers, 'Content-Security-Policy': csp, 'X-Frame-Options': 'SAMEORIGIN' };
}

/** A play link as parsed from the path and query: what to play and the token, if any. */
type PlayLink = { gameId: string; version: number; token?: string };

const linkOf = (params: { game_id: string; version: number }, query?: { t?: string }): PlayLink => ({
  gameId: params.game_id.toLowerCase(), version: params.version, ...(query?.t ? { token: query.t } : {}),
});

const playPath = (p: PlayLink, suffix = ''): string =>
  `/play/${p.gameId}/${p.version}${suffix}${p.token ? `?t=${encodeURIComponent(p.token)}` : ''}`;

export function playRouter(deps: ApiDeps): Router {
  const { cfg, db } = deps;
  const routes = routeRegistry(deps);

  const spendNonce: SpendNonce = async (nonce, exp) => {
    const ttl = Math.max(1, exp - Math.floor(Date.now() / 1000));
    return (await deps.redis.set(`play-token:used:${nonce}`, '1', 'EX', ttl, 'NX')) === 'OK';
  };

  routes.mount(engine, async ({ res }) => {
    res.set(engineHeaders()).send(await engineSource());
  });

  routes.mount(wrapper, async ({ params, query, req, res }) => {
    const p = linkOf(params, query);
    const origins = originsOf(cfg);
    // The play origin serves game documents only; the page around them belongs to the site.
    if (origins.play && sameHost(req, origins.play.host)) {
      return res.redirect(302, `${origins.site.origin}${playPath(p)}`);
    }
    const found = await loadPlayable(cfg, db, p.gameId, p.version, p.token, false);
    if (!found) return sendPlayError(res, 404);
    const gameUrl = `${origins.play?.origin ?? ''}${playPath(p, '/game.html')}`;
    res.set(framedBySite(wrapperHeaders(origins.play ? { gameOrigin: origins.play.origin } : {})));
    res.send(wrapperHtml({ gameUrl, title: found.game.title, storageKey: p.gameId }));
  });

  routes.mount(document, async ({ params, query, req, res }) => {
    const p = linkOf(params, query);
    const origins = originsOf(cfg);
    // A game never renders on the API/admin origin when a play origin exists.
    if (origins.play && !sameHost(req, origins.play.host)) {
      return res.redirect(302, `${origins.play.origin}${playPath(p, '/game.html')}`);
    }
    // Only ever inside the wrapper's frame: opened as a page (a shared link, a new tab) a game
    // could pose as the site, so the browser is sent to the wrapper instead. Browsers always
    // send Sec-Fetch-Dest and pages cannot forge it; a client without it gets the wrapper too.
    if (!FRAMED.has(req.get('sec-fetch-dest') ?? '')) {
      return res.redirect(302, `${origins.site.origin}${playPath(p)}`);
    }
    const found = await loadPlayable(cfg, db, p.gameId, p.version, p.token, true, spendNonce);
    if (!found) return sendPlayError(res, 404);
    const content = found.version.content;
    const here = origins.play?.origin ?? requestOrigin(req);
    // The sandboxed document has an opaque origin, so 'self' would not match the engine: it
    // is allowed by its absolute URL, and only for games that load it.
    const engineUrl = here && content.includes(ENGINE_PATH) ? `${here}${ENGINE_PATH}` : undefined;
    // The CSP's frame-ancestors replaces X-Frame-Options, whose SAMEORIGIN would refuse the
    // cross-origin wrapper when games are isolated.
    res.removeHeader('X-Frame-Options');
    const scripts = hashesOf(found.version.id, content);
    res.set(gameHeaders({ engineUrl, playOrigin: origins.play ? origins.site.origin : undefined, scripts }));
    res.send(withGamePrelude(content));
  });

  // The token route is an API call: limited like every /api request, before the sign-in.
  routes.router.get(token.path, apiRate(cfg, deps.redis));
  routes.mount(token, async ({ caller, params, res }) => {
    const p = linkOf(params);
    const found = await loadServable(db, p.gameId, p.version, false);
    // Someone else's game, or a version that will never be served: both simply "not found".
    if (!found || !canSeeOwned(caller, found.game.ownerId)) {
      throw notFound('version', { game_id: p.gameId, version: p.version });
    }
    // Staff review with ordinary links; an owner's link to a version awaiting review opens once.
    const singleUse = awaitsReview(found.version) && !isStaff(caller);
    const { token: signed, expiresAt } = singleUse
      ? signPlayToken(cfg, p.gameId, p.version, Date.now(), SINGLE_USE_TTL_SECONDS, true)
      : signPlayToken(cfg, p.gameId, p.version);
    res.set('Cache-Control', 'no-store').json({
      url: playPath({ ...p, token: signed }), expires_at: expiresAt.toISOString(), token: signed, single_use: singleUse,
    });
  });

  routes.router.use('/play', (_req, res) => sendPlayError(res, 404));

  // The token route is an API call and answers the API's JSON errors; pages answer HTML, and
  // a malformed link looks like a missing game (400 → 404), so nothing about a game leaks.
  routes.router.use('/play', (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (req.path.endsWith('/token')) return next(err);
    const status = z.object({ status: z.number() }).safeParse(err).data?.status;
    if (status === undefined || status >= 500) req.log?.error({ err }, 'play page failed');
    if (res.headersSent) return res.end();
    sendPlayError(res, status === 404 || status === 400 ? 404 : 500);
  });

  return routes.router;
}
