// The API composed as api/main.ts composes it — Express app, health probes on a Temporal
// connection of their own, optionally the admin console, Socket.IO on the same HTTP server —
// listening on 127.0.0.1 at a free port. Benchmarks drive the real API in-process with it, and
// tests/helpers/app.ts builds its apps with it too.
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { buildAdminRouter } from '../admin/index.ts';
import { createApp } from '../api/app.ts';
import { createHealthChecks, healthConnection, type HealthChecks } from '../api/health.ts';
import { createRealtime } from '../api/realtime.ts';
import type { ApiDeps } from '../api/services/deps.ts';

export interface ApiOptions {
  /** Mount the admin console at /admin. */
  admin?: boolean;
  /** Health checks to use instead of real probes of the deps' services. */
  health?: HealthChecks;
  /** Listen on this port (default: any free one), for a PUBLIC_URL known before listening. */
  port?: number;
}

export interface ListeningApi {
  app: Express;
  server: Server;
  /** http://127.0.0.1:<port> */
  base: string;
  close: () => Promise<void>;
}

export async function composeApi(deps: ApiDeps, opts: ApiOptions = {}): Promise<Express> {
  const { cfg } = deps;
  const health = opts.health ?? createHealthChecks({
    sequelize: deps.db.sequelize, redis: deps.redis, temporal: healthConnection(cfg.TEMPORAL_ADDRESS),
    namespace: cfg.TEMPORAL_NAMESPACE, taskQueue: cfg.TEMPORAL_TASK_QUEUE,
  });
  const adminRouter = opts.admin ? await buildAdminRouter(deps) : undefined;
  return createApp({ ...deps, health, adminRouter });
}

export async function listenApi(deps: ApiDeps, opts: ApiOptions = {}): Promise<ListeningApi> {
  const app = await composeApi(deps, opts);
  const server = createServer(app);
  const realtime = createRealtime(server, deps);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    app, server, base,
    close: async () => {
      await realtime.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
