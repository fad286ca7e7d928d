// GET /api/health/, /detailed, /readiness, /liveness — the seed's shapes. Public by
// design (load balancers and probes call them); they expose no host names or secrets.
import type { Router } from 'express';
import type { HealthChecks } from '../../health.ts';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { routeRegistry } from '../registry.ts';

const startedAt = Date.now();

const up = {
  method: 'get', path: '/api/health/', tag: 'health', access: 'public',
  summary: 'Is the API up', responses: { 200: 'healthy' },
} satisfies RouteSpec;

const detailed = {
  method: 'get', path: '/api/health/detailed', tag: 'health', access: 'public',
  summary: 'Postgres, Redis and Temporal, with response times', responses: { 200: 'all healthy', 503: 'degraded' },
} satisfies RouteSpec;

const readiness = {
  method: 'get', path: '/api/health/readiness', tag: 'health', access: 'public',
  summary: 'Ready to serve (all dependencies answer)', responses: { 200: 'ready', 503: 'not ready' },
} satisfies RouteSpec;

const liveness = {
  method: 'get', path: '/api/health/liveness', tag: 'health', access: 'public',
  summary: 'The process is alive', responses: { 200: 'alive' },
} satisfies RouteSpec;

export const healthRoutes: RouteSpec[] = [up, detailed, readiness, liveness];

function uptime(): string {
  let s = Math.floor((Date.now() - startedAt) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  return `${d}d ${h}h ${m}m ${s - m * 60}s`;
}

export function healthRouter(deps: Pick<ApiDeps, 'cfg' | 'db'>, checks: HealthChecks): Router {
  const routes = routeRegistry(deps);
  const { cfg } = deps;
  const now = () => new Date().toISOString();

  routes.mount(up, ({ res }) => {
    res.json({ status: 'healthy', timestamp: now(), version: cfg.APP_VERSION });
  });

  routes.mount(detailed, async ({ res }) => {
    const [database, redis, temporal] = await Promise.all([checks.database(), checks.redis(), checks.temporal()]);
    const services = { database, redis, temporal };
    const down = Object.values(services).filter((s) => s.status !== 'healthy').length;
    const metrics = database.status === 'healthy' ? await checks.metrics().catch(() => null) : null;
    res.status(down === 0 ? 200 : 503).json({
      status: down === 0 ? 'healthy' : down === 3 ? 'unhealthy' : 'degraded',
      timestamp: now(),
      version: cfg.APP_VERSION,
      services,
      // Providers are listed, not called: a health probe must not spend tokens.
      providers: { chain: cfg.LLM_PROVIDERS },
      metrics,
    });
  });

  routes.mount(readiness, async ({ res }) => {
    const [database, redis, temporal] = await Promise.all([checks.database(), checks.redis(), checks.temporal()]);
    const templates = database.status === 'healthy' && (await checks.templatesLoaded().catch(() => false));
    const state = (ok: boolean) => (ok ? 'ready' : 'not_ready');
    const result = {
      database: state(database.status === 'healthy'),
      redis: state(redis.status === 'healthy'),
      temporal: state(temporal.status === 'healthy'),
      template_loading: state(templates),
    };
    const ready = Object.values(result).every((v) => v === 'ready');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: result });
  });

  routes.mount(liveness, ({ res }) => {
    res.json({ status: 'alive', uptime: uptime() });
  });

  return routes.router;
}
