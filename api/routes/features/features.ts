// GET /api/features: what is on for the signed-in caller — every defined feature flag decided for
// their account, role and this environment (and, when named, a template's scope), with what decided.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { featuresFor, flagContext } from '../../services/featureFlags.ts';
import { routeRegistry } from '../registry.ts';

const featuresQuery = z.object({
  template_id: z.string().regex(/^[a-z0-9_-]{1,100}$/, 'must be a template id').optional(),
}).strict();

const features = {
  method: 'get', path: '/api/features', tag: 'users', access: 'user', query: featuresQuery,
  summary: 'The feature flags as they apply to the caller: {environment, features: {key: {enabled, source}}}; '
    + 'source says what decided (admin, user, game, template, global, default)',
  responses: { 200: 'the decisions', 400: 'invalid query', 401: 'no token' },
} satisfies RouteSpec;

export const featuresRoutes: RouteSpec[] = [features];

export function featuresRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);
  routes.mount(features, async ({ caller, query, res }) => {
    const ctx = flagContext(deps, caller, { templateId: query.template_id });
    res.json({ environment: ctx.environment, features: await featuresFor(deps, ctx) });
  });
  return routes.router;
}
