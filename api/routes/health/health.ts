// GET /api/health/, /detailed, /readiness, /liveness — the seed's shapes. Public by
// design (load balancers and probes call them); they expose no host names or secrets.
import { Router } from 'express';
import type { Config } from '../../../config.ts';
import type { HealthChecks } from '../../health.ts';
import type { RouteSpec } from '../../routeTable.ts';

const startedAt = Date.now();

export const healthRoutes: RouteSpec[] = [
  { method: 'get', path: '/api/health/', tag: 'health', access: 'public', summary: 'Is the API up', responses: { 200: 'healthy' } },
  { method: 'get', path: '/api/health/detailed', tag: 'health', access: 'public', summary: 'Postgres, Redis and Temporal, with response times', responses: { 200: 'all healthy', 503: 'degraded' } },
  { method: 'get', path: '/api/health/readiness', tag: 'health', access: 'public', summary: 'Ready to serve (all dependencies answer)', responses: { 200: 'ready', 503: 'not ready' } },
  { method: 'get', path: '/api/health/liveness', tag: 'health', access: 'public', summary: 'The process is alive', responses: { 200: 'alive' } },
];

function uptime(): string {
  let s = Math.floor((Date.now() - startedAt) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  return `${d}d ${h}h ${m}m ${s - m * 60}s`;
}

export function healthRouter(cfg: Pick<Config, 'APP_VERSION' | 'LLM_PROVIDERS'>, checks: HealthChecks): Router {
  const router = Router();
  const now = () => new Date().toISOString();

  router.get('/', (_req, res) => {
    res.json({ status: 'healthy', timestamp: now(), version: cfg.APP_VERSION });
  });

  router.get('/detailed', async (_req, res) => {
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

  router.get('/readiness', async (_req, res) => {
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

  router.get('/liveness', (_req, res) => {
    res.json({ status: 'alive', uptime: uptime() });
  });

  return router;
}
