// The worker's activities, built from their dependencies (no module-level singletons), so
// tests can build them with real services of their own.
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Redis } from '../lib/redis.ts';
import type { ProviderChain } from '../game/providers/chain.ts';
import type { Scanner } from '../game/scan/index.ts';
import type { WarmBrowser } from '../game/scan/playtest/warm.ts';
import { createDiagnosticActivities } from './diagnostics.ts';
import { createJobActivities } from './jobs.ts';
import { createNotifyActivities } from './notify.ts';
import { createGenerateActivities } from './generate.ts';
import { createCheckActivities } from './checks.ts';

export interface ActivityDeps {
  cfg: Config;
  db: Database;
  redis: Redis;
  chain: ProviderChain;
  scanner: Scanner;
  /** The playtests' browser, kept running; without it each playtest starts its own. */
  browsers?: WarmBrowser;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createDiagnosticActivities({ sequelize: deps.db.sequelize, redis: deps.redis }),
    ...createJobActivities(deps),
    ...createNotifyActivities(deps),
    ...createGenerateActivities(deps),
    ...createCheckActivities({
      scanner: deps.scanner, maxBytes: deps.cfg.MAX_GAME_BYTES, chromiumPath: deps.cfg.CHROMIUM_PATH, db: deps.db,
      browsers: deps.browsers,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
