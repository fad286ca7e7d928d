// GET /api/openapi.json (the document, from the route table) and GET /api/docs (Swagger UI).
// Swagger UI's files come from the npm package swagger-ui-dist, served from here: never a
// CDN (no internet in production either, and the CSP below forbids it). Without the package
// /api/docs still works: a plain HTML reference rendered from the same document.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Response, Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { buildOpenApi } from '../../openapi.ts';
import { AppError } from '../../errors.ts';
import { routeRegistry } from '../registry.ts';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
const assetParams = z.object({ asset: z.enum(['init.js', ...Object.keys(ASSETS)]) });

const openapiJson = {
  method: 'get', path: '/api/openapi.json', tag: 'docs', access: 'public',
  summary: 'This OpenAPI 3.1 document', responses: { 200: 'the document' },
} satisfies RouteSpec;

const viewer = {
  method: 'get', path: '/api/docs', tag: 'docs', access: 'public',
  summary: 'Swagger UI for this API (HTML)', responses: { 200: 'HTML' },
} satisfies RouteSpec;

const asset = {
  method: 'get', path: '/api/docs/:asset', tag: 'docs', access: 'public', params: assetParams,
  summary: "Swagger UI's static files, served locally",
  responses: { 200: 'the file', 400: 'unknown file', 404: 'Swagger UI is not installed' },
} satisfies RouteSpec;

export const docsRoutes: RouteSpec[] = [openapiJson, viewer, asset];

// The viewer's own start-up code, as a file: the CSP allows scripts from 'self' only.
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout',
  });
});
`;

const CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "font-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

function swaggerDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    return undefined;
  }
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SWAGGER_HTML = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Playforge API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>
`;

type Operation = { summary?: string; tags?: string[]; 'x-access'?: string };

const row = (cells: string[]): string => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

/** A readable reference without any script, for machines without swagger-ui-dist. */
function referenceHtml(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const rows = Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => row([
    `<code>${method.toUpperCase()}</code>`, `<code>${esc(path)}</code>`, esc(op['x-access'] ?? ''),
    esc(op.tags?.join(', ') ?? ''), esc(op.summary ?? ''),
  ])));
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Playforge API</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}
td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}</style>
</head>
<body><h1>Playforge API</h1>
<p>The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
The interactive viewer needs the <code>swagger-ui-dist</code> package, which is not installed here.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Access</th><th>Tag</th><th>Summary</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}

function sendHtml(res: Response, html: string): void {
  res.set({
    'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-cache',
  }).send(html);
}

/** `routes` is the whole route table (passed in, so this file does not import the list of
 *  routers that imports it). */
export function docsRouter(deps: Pick<ApiDeps, 'cfg' | 'db'>, routes: readonly RouteSpec[]): Router {
  const registry = routeRegistry(deps);
  let doc: Record<string, unknown> | undefined;
  const document = () => (doc ??= buildOpenApi(routes, { version: deps.cfg.APP_VERSION }));

  registry.mount(openapiJson, ({ res }) => {
    res.set('Cache-Control', 'no-cache').json(document());
  });

  registry.mount(viewer, ({ res }) => {
    sendHtml(res, swaggerDir() ? SWAGGER_HTML : referenceHtml(document()));
  });

  registry.mount(asset, async ({ params: { asset: name }, res }) => {
    if (name === 'init.js') {
      res.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }).send(INIT_JS);
      return;
    }
    const dir = swaggerDir();
    if (!dir) throw new AppError(404, 'not_installed', 'Swagger UI is not installed (npm package swagger-ui-dist)');
    // The name comes from a fixed allow-list, never from the path as given.
    res.set({ 'Content-Type': ASSETS[name]!, 'Cache-Control': 'public, max-age=86400' })
      .send(await readFile(join(dir, name)));
  });

  return registry.router;
}
