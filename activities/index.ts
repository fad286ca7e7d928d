// The worker's activities, built from their dependencies (no module-level singletons), so
// tests can build them with real services of their own.
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Redis } from '../lib/redis.ts';
import type { ProviderChain } from '../game/providers/chain.ts';
import type { Scanner } from '../game/scan/index.ts';
import type { WarmBrowser } from '../game/scan/playtest/warm.ts';
import { createFeatureFlags } from '../db/flags/store.ts';
import { createDiagnosticActivities } from './diagnostics.ts';
import { createJobActivities } from './jobs.ts';
import { createNotifyActivities, createProgressPublisher, type ProgressPublisher } from './notify.ts';
import { createGenerateActivities } from './generate.ts';
import { createCheckActivities } from './checks.ts';
import { createEmailActivities } from './email.ts';
import { createMailer, type Mailer } from '../lib/mail.ts';

export interface ActivityDeps {
  cfg: Config;
  db: Database;
  redis: Redis;
  chain: ProviderChain;
  scanner: Scanner;
  /** The playtests' browser, kept running; without it each playtest starts its own. */
  browsers?: WarmBrowser;
  /** SMTP for the account mails; by default from cfg (none when SMTP_HOST is unset). */
  mailer?: Mailer;
}

/** `progress` is shared with the worker's progress sink, so both keep one order per job. */
export function createActivities(deps: ActivityDeps, progress: ProgressPublisher = createProgressPublisher(deps)) {
  return {
    ...createDiagnosticActivities({ sequelize: deps.db.sequelize, redis: deps.redis }),
    ...createJobActivities({ ...deps, flags: createFeatureFlags(deps.db, deps.redis) }),
    ...createNotifyActivities({ progress }),
    ...createGenerateActivities(deps),
    ...createCheckActivities({
      scanner: deps.scanner, maxBytes: deps.cfg.MAX_GAME_BYTES, chromiumPath: deps.cfg.CHROMIUM_PATH, db: deps.db,
      browsers: deps.browsers,
    }),
    ...createEmailActivities({ db: deps.db, cfg: deps.cfg, mailer: deps.mailer ?? createMailer(deps.cfg) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
