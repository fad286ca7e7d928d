// What every router gets: the same handles, built once per process (api/server.ts) or per
// test (tests/helpers/app.ts).
import type { Client } from '@temporalio/client';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Redis } from '../../lib/redis.ts';

export interface ApiDeps {
  cfg: Config;
  db: Database;
  redis: Redis;
  temporal: Client;
  logger: Logger;
}
