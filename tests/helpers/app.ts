// The real Express app on the test services (optionally with the admin console), for
// supertest or a real listening server.
import { createServer, type Server } from 'node:http';
import type { Config } from '../../config.ts';
import { createApp } from '../../api/app.ts';
import { createHealthChecks, healthConnection, type HealthChecks } from '../../api/health.ts';
import { buildAdminRouter } from '../../admin/index.ts';
import { createRealtime } from '../../api/realtime.ts';
import type { Services } from './services.ts';

export async function buildTestApp(s: Services, opts: { cfg?: Config; admin?: boolean; health?: HealthChecks } = {}) {
  const cfg = opts.cfg ?? s.cfg;
  const health = opts.health ?? createHealthChecks({
    sequelize: s.db.sequelize, redis: s.redis, temporal: healthConnection(cfg.TEMPORAL_ADDRESS),
    namespace: cfg.TEMPORAL_NAMESPACE, taskQueue: cfg.TEMPORAL_TASK_QUEUE,
  });
  const deps = { cfg, db: s.db, redis: s.redis, temporal: s.client, logger: s.logger };
  const adminRouter = opts.admin ? await buildAdminRouter(deps) : undefined;
  return { app: createApp({ ...deps, health, adminRouter }), jobs: deps, deps, cfg };
}

/** The app listening on 127.0.0.1 (random port) with Socket.IO attached. */
export async function listenTestApp(s: Services, opts: { cfg?: Config; admin?: boolean } = {}) {
  const built = await buildTestApp(s, opts);
  const server: Server = createServer(built.app);
  const realtime = createRealtime(server, built.deps);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    ...built, server, base,
    close: async () => {
      await realtime.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
