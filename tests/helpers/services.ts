// Real services for tests: the stack runner (`npm test`) started PostgreSQL, Redis and the
// Temporal dev server and put their addresses in the environment.
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type Config } from '../../config.ts';
import { createDatabase, type Database } from '../../db/index.ts';
import { createRedis, type Redis } from '../../lib/redis.ts';
import { createLogger, type Logger } from '../../lib/logger.ts';

export interface Services {
  cfg: Config;
  db: Database;
  redis: Redis;
  temporal: Connection;
  client: Client;
  logger: Logger;
  close: () => Promise<void>;
}

export async function connectServices(): Promise<Services> {
  const cfg = loadConfig();
  const db = createDatabase(cfg.DATABASE_URL, { poolMax: 5 });
  const redis = createRedis(cfg.REDIS_URL, 'test');
  const temporal = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const logger = createLogger({ LOG_LEVEL: 'silent' }, 'test');
  const client = new Client({ connection: temporal, namespace: cfg.TEMPORAL_NAMESPACE });
  return {
    cfg, db, redis, temporal, client, logger,
    close: async () => {
      await temporal.close();
      await db.close();
      redis.disconnect();
    },
  };
}
