// The services a local stack runs for the app — PostgreSQL, Redis, Temporal — started under a
// Supervisor unless the environment provides them, and waited on until each answers.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from '../../config.ts';
import type { Plan } from './plan.ts';
import { portOpen, waitFor, type ServiceSpec, type Supervisor } from './processes.ts';
import { ensureTemporalCli } from './temporal.ts';
import { connectTemporal, ensureNamespace, temporalDevServer } from './temporalServer.ts';
import { ensureRedisServer, localRedis } from './redis.ts';
import { canConnect } from './database.ts';

const root = resolve(import.meta.dirname, '../..');

/** persistRedis: Redis saves its data on shutdown and loads it at start (default: development only). */
export async function startServices(
  p: Plan, sup: Supervisor, log: (msg: string) => void, opts: { persistRedis?: boolean } = {},
): Promise<void> {
  const specs: ServiceSpec[] = [];
  const ports: number[] = [];
  const temporalBin = p.local.temporal ? await ensureTemporalCli(join(root, '.tools'), log) : undefined;
  const redisBin = p.local.redis ? ensureRedisServer(log) : undefined;
  if (p.local.postgres) {
    p.local.postgres.initialise();
    specs.push(p.local.postgres.spec);
    ports.push(p.settings.pgPort);
  }
  if (redisBin) {
    specs.push(localRedis(redisBin, p.dataDir, p.settings.redisPort, opts.persistRedis ?? p.mode === 'dev'));
    ports.push(p.settings.redisPort);
  }
  if (temporalBin) {
    specs.push(temporalDevServer({
      binary: temporalBin, dataRoot: p.dataDir, port: p.settings.temporalPort, uiPort: p.settings.temporalUiPort,
      namespace: p.env.TEMPORAL_NAMESPACE!, persist: p.mode === 'dev',
    }));
    mkdirSync(join(p.dataDir, 'temporal'), { recursive: true });
    ports.push(p.settings.temporalPort, p.settings.temporalUiPort);
  }
  for (const port of ports) {
    if (await portOpen(port)) {
      throw new Error(
        `port ${port} is already in use (another Playforge stack, or set the PLAYFORGE_*_PORT variables)`,
      );
    }
  }
  for (const spec of specs) sup.start(spec);

  await Promise.all([
    waitFor('PostgreSQL', 60, () => canConnect(p.cfg.DATABASE_URL)),
    waitFor('Redis', 30, () => redisAnswers(p.cfg)),
    (async () => {
      const connection = await connectTemporal(p.cfg.TEMPORAL_ADDRESS, 90);
      try {
        await ensureNamespace(connection, p.cfg.TEMPORAL_NAMESPACE);
      } finally {
        await connection.close();
      }
    })(),
  ]);
}

export async function redisAnswers(cfg: Config): Promise<boolean> {
  const r = new Redis(cfg.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } finally {
    r.disconnect();
  }
}
