// What every router, the console and the services get: the same handles, built once per
// process (api/main.ts), per test (tests/helpers/app.ts) or per benchmark (bench/pipeline.ts).
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
