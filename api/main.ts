// The API process: HTTP + Socket.IO + the admin console, with a graceful shutdown.
import { createServer } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { loadConfigOrExit } from '../config.ts';
import { createDatabase } from '../db/index.ts';
import { createLogger } from '../lib/logger.ts';
import { createRedis } from '../lib/redis.ts';
import { exitWithParent } from '../lib/process.ts';
import { createApp } from './app.ts';
import { createHealthChecks, healthConnection } from './health.ts';
import { createRealtime } from './realtime.ts';
import { buildAdminRouter } from '../admin/index.ts';
import { playerAppBundle } from './web/bundle.ts';

const cfg = loadConfigOrExit();
const logger = createLogger(cfg, 'api');
const db = createDatabase(cfg.DATABASE_URL, { poolMax: cfg.DATABASE_POOL_MAX });
const redis = createRedis(cfg.REDIS_URL, 'api');
// Lazy: the API starts (and answers "not ready") even while Temporal is still coming up.
const temporal = healthConnection(cfg.TEMPORAL_ADDRESS);
const health = createHealthChecks({
  sequelize: db.sequelize, redis, temporal, namespace: cfg.TEMPORAL_NAMESPACE, taskQueue: cfg.TEMPORAL_TASK_QUEUE,
});

// The job client keeps the SDK's retrying interceptor (unlike the health probe's connection).
const jobConnection = Connection.lazy({ address: cfg.TEMPORAL_ADDRESS });
const deps = {
  cfg, db, redis, logger, temporal: new Client({ connection: jobConnection, namespace: cfg.TEMPORAL_NAMESPACE }),
};
const adminRouter = await buildAdminRouter(deps);
// Built before listening: a broken player app stops start-up instead of answering 500 at `/`.
await playerAppBundle();
const app = createApp({ ...deps, health, adminRouter });
const http = createServer(app);
http.requestTimeout = 130_000; // Prefer: wait=120 plus margin
const realtime = createRealtime(http, deps);

await new Promise<void>((resolve, reject) => {
  http.once('error', reject);
  http.listen(cfg.PORT, cfg.HOST, resolve);
});
logger.info({ url: cfg.publicUrl, host: cfg.HOST, port: cfg.PORT }, 'api listening');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'api stopping');
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  await realtime.close();
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeIdleConnections();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
  http.closeAllConnections();
  await temporal.close().catch(() => undefined);
  await jobConnection.close().catch(() => undefined);
  await db.close();
  redis.disconnect();
  logger.info('api stopped');
  process.exit(0);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void shutdown(sig));
exitWithParent(() => shutdown('parent-exit'));
