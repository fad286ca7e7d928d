// The player's app at `/`: one HTML page and its two bundled files, under a strict CSP (scripts
// and styles from this origin only, no inline code; frames only for the /play wrapper;
// connections only back to this origin, the Socket.IO WebSocket included).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../services/deps.ts';
import type { RouteSpec } from '../routeTable.ts';
import { routeRegistry } from '../routes/registry.ts';
import { notFound } from '../errors.ts';
import { playerAppBundle } from './bundle.ts';

const page = {
  method: 'get', path: '/', tag: 'app', access: 'public',
  summary: "The player's app: create, play, change, compare, share, explore and remix games (HTML)",
  responses: { 200: 'HTML' },
} satisfies RouteSpec;

const assetParams = z.object({ asset: z.string().regex(/^(?:app|style)-[0-9a-f]{12}\.(?:js|css)$/, 'an app file') });

const asset = {
  method: 'get', path: '/app/:asset', tag: 'app', access: 'public', params: assetParams,
  summary: "The player's app's script and stylesheet (named by their content hash, cached for good)",
  responses: { 200: 'the file', 400: 'not an app file name', 404: 'no such file (an older build)' },
} satisfies RouteSpec;

export const playerAppRoutes: RouteSpec[] = [page, asset];

/** The play frame shows the /play wrapper, which is always on this origin (it frames the game
 *  itself, on PLAY_ORIGIN when there is one, under its own CSP). */
export const PLAYER_APP_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' blob:", "connect-src 'self'",
  "frame-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "object-src 'none'",
].join('; ');

const html = (script: string, stylesheet: string) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Playforge</title>
<link rel="stylesheet" href="/app/${stylesheet}">
<script type="module" src="/app/${script}"></script>
</head>
<body><div id="app"><noscript>Playforge needs JavaScript to make and play games.</noscript></div></body>
</html>
`;

export function playerAppRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);

  routes.mount(page, async ({ res }) => {
    const bundle = await playerAppBundle();
    res.set({
      'Content-Security-Policy': PLAYER_APP_CSP,
      'Content-Type': 'text/html; charset=utf-8',
      // The page names the current build's files; it must be fetched again to see a new one.
      'Cache-Control': 'no-cache',
    });
    res.send(html(bundle.script, bundle.stylesheet));
  });

  routes.mount(asset, async ({ params, res }) => {
    const found = (await playerAppBundle()).assets.get(params.asset);
    if (!found) throw notFound('file', { asset: params.asset });
    res.set({ 'Content-Type': found.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
    res.send(found.body);
  });

  return routes.router;
}
