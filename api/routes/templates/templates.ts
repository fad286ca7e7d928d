// /api/templates: the published catalogue (public), one template with its code and usage
// statistics (public), its thumbnail (public), and filling a template in (signed-in users
// only, to limit abuse).
import type { Router } from 'express';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { listTemplates, processTemplate, templateDetail, templateThumbnail } from '../../services/templates.ts';
import { presentProcessed, presentTemplateDetail, presentTemplateList } from '../../presenters/templates.ts';
import { routeRegistry } from '../registry.ts';
import { assertTemplateOffered, hiddenTemplatesFor } from '../../services/featureFlags.ts';
import { listQuery, processBody, templateParams, thumbnailQuery } from './schema.ts';

const list = {
  method: 'get', path: '/api/templates', tag: 'templates', access: 'public', query: listQuery, signInOptional: true,
  summary: 'Published templates, filtered by category, difficulty '
    + '(beginner|intermediate|advanced, or easy|medium|hard) and engine; a template in staged rollout '
    + '(feature flag template.<id>) only for callers it is on for',
  responses: {
    200: '{templates, total (matching), categories (of the published templates offered to the caller)}',
    400: 'invalid query', 401: 'bad token',
  },
} satisfies RouteSpec;

const fill = {
  method: 'post', path: '/api/templates/process', tag: 'templates', access: 'user', body: processBody,
  summary: "Fill a template's variables (checked against its specs) and validate the result",
  responses: {
    200: 'processed code and summary', 400: 'invalid body, unknown variable or bad value (named)', 401: 'no token',
    404: 'template not found, not published, or staged and not offered to the caller',
  },
} satisfies RouteSpec;

const detail = {
  method: 'get', path: '/api/templates/:template_id', tag: 'templates', access: 'public', params: templateParams,
  signInOptional: true,
  summary: 'One published template: code, variables, dependencies and usage statistics',
  responses: {
    200: 'template', 400: 'bad id', 401: 'bad token', 404: 'not found, not published, or staged and not offered',
  },
} satisfies RouteSpec;

const thumbnail = {
  method: 'get', path: '/api/templates/:template_id/thumbnail', tag: 'templates', access: 'public',
  params: templateParams, query: thumbnailQuery, produces: 'image/png', signInOptional: true,
  summary: "A PNG of the template's current version being played, made by a browser playtest after start-up",
  responses: {
    200: 'image/png (cached for good when v names the current code, else for five minutes)',
    304: 'not modified (If-None-Match)', 400: 'bad id or v', 401: 'bad token',
    404: 'template not found, not published or staged and not offered, or thumbnail_not_ready: not made yet',
  },
} satisfies RouteSpec;

export const templatesRoutes: RouteSpec[] = [list, fill, detail, thumbnail];

export function templatesRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);

  routes.mount(list, async ({ caller, query, res }) => {
    const { matches, categories } = await listTemplates(deps.db, query, await hiddenTemplatesFor(deps, caller));
    res.json(presentTemplateList(matches, categories));
  });

  routes.mount(fill, async ({ caller, body, res }) => {
    await assertTemplateOffered(deps, caller, body.template_id);
    const processed = await processTemplate(deps.db, body);
    res.json(presentProcessed(processed, Object.keys(body.customizations ?? {}).length));
  });

  routes.mount(detail, async ({ caller, params, res }) => {
    await assertTemplateOffered(deps, caller, params.template_id);
    res.json(presentTemplateDetail(await templateDetail(deps.db, params.template_id)));
  });

  routes.mount(thumbnail, async ({ caller, params, query, res }) => {
    await assertTemplateOffered(deps, caller, params.template_id);
    const { thumbnail: t } = await templateThumbnail(deps.db, params.template_id);
    // A URL naming this code never shows another picture; any other may once a version changes.
    const current = query.v !== undefined && t.codeHash.startsWith(query.v);
    res.set({
      'Content-Type': 'image/png',
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      ETag: `"${t.codeHash}"`,
      'Last-Modified': t.createdAt.toUTCString(),
      // The catalogue may be shown by a site on another origin.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    // Express answers 304 itself when If-None-Match (or If-Modified-Since) says the client has it.
    res.send(t.png);
  });

  return routes.router;
}
