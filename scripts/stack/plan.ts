// What a stack run uses: its mode's ports and folders, the environment its children get
// (local service URLs filled in, a persisted development JWT secret), validated once.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConfig, parseStackSettings, type Config, type StackSettings } from '../../config.ts';
import { localPostgres } from './postgres.ts';
import { withDatabase } from './database.ts';
import { which } from './apt.ts';

const root = resolve(import.meta.dirname, '../..');

export type Mode = 'dev' | 'test';

export interface Plan {
  mode: Mode;
  settings: StackSettings;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  cfg: Config;
  local: { postgres?: ReturnType<typeof localPostgres>; redis: boolean; temporal: boolean };
}

export function loadDotEnv(): void {
  const file = join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** A development JWT secret that survives restarts (tokens stay valid); never used in production. */
function devSecret(dataDir: string): string {
  const file = join(dataDir, 'secrets', 'jwt');
  if (!existsSync(file)) {
    mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function plan(mode: Mode): Plan {
  const settings = parseStackSettings(process.env, mode);
  const dataDir = resolve(root, settings.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const given = process.env;
  const env: NodeJS.ProcessEnv = { ...given, PLAYFORGE_DATA_DIR: settings.dataDir };
  const local: Plan['local'] = { redis: !given.REDIS_URL, temporal: !given.TEMPORAL_ADDRESS };

  if (given.DATABASE_URL) {
    env.DATABASE_URL = mode === 'test' ? safeWithDatabase(given.DATABASE_URL, settings.database) : given.DATABASE_URL;
  } else {
    local.postgres = localPostgres(dataDir, settings.pgPort);
    env.DATABASE_URL = local.postgres.url(settings.database);
  }
  if (given.REDIS_URL) {
    env.REDIS_URL = mode === 'test' ? safeWithRedisDb(given.REDIS_URL, settings.redisDb) : given.REDIS_URL;
  } else {
    env.REDIS_URL = `redis://127.0.0.1:${settings.redisPort}/${settings.redisDb}`;
  }
  env.TEMPORAL_ADDRESS = given.TEMPORAL_ADDRESS ?? `127.0.0.1:${settings.temporalPort}`;
  if (mode === 'test') {
    env.NODE_ENV = 'test';
    env.TEMPORAL_NAMESPACE = settings.namespace;
    env.TEMPORAL_TASK_QUEUE = 'playforge-test-jobs';
    env.LOG_LEVEL = given.LOG_LEVEL ?? 'warn';
    env.BCRYPT_COST = given.BCRYPT_COST ?? '4'; // the cost is verified in its own test; speed elsewhere
    // Every test calls from 127.0.0.1 as few users: limits are tested with their own config.
    env.API_REQUESTS_PER_MINUTE = given.API_REQUESTS_PER_MINUTE ?? '1000000';
    env.REGISTRATIONS_PER_IP_PER_HOUR = given.REGISTRATIONS_PER_IP_PER_HOUR ?? '1000000';
    env.GENERATIONS_PER_MINUTE = given.GENERATIONS_PER_MINUTE ?? '10000';
    env.GENERATIONS_PER_DAY = given.GENERATIONS_PER_DAY ?? '1000000';
    // Seconds of Chromium per job would dominate the suite; the playtest has its own tests.
    env.BROWSER_PLAYTEST = given.BROWSER_PLAYTEST ?? 'false';
    // No test mails a real server: the mail tests start their own on 127.0.0.1 and say so.
    env.SMTP_HOST = '';
    env.SMTP_USER = '';
    env.SMTP_PASSWORD = '';
  } else {
    env.TEMPORAL_NAMESPACE = given.TEMPORAL_NAMESPACE ?? settings.namespace;
    // The browser playtest uses Chromium when the machine has it (tests install it; start does not).
    if (!given.CHROMIUM_PATH) {
      const chromium = which('chromium');
      if (chromium) env.CHROMIUM_PATH = chromium;
    }
    if (!given.TEMPORAL_UI_URL && local.temporal) env.TEMPORAL_UI_URL = `http://localhost:${settings.temporalUiPort}`;
  }
  if (!given.JWT_SECRET && env.NODE_ENV !== 'production') env.JWT_SECRET = devSecret(dataDir);
  const cfg = parseConfig(env);
  return { mode, settings, dataDir, env, cfg, local };
}

// A malformed URL must reach parseConfig intact so that the error names the variable.
function safeWithDatabase(url: string, db: string): string {
  try {
    return withDatabase(url, db);
  } catch {
    return url;
  }
}
function safeWithRedisDb(url: string, db: number): string {
  try {
    const u = new URL(url);
    u.pathname = `/${db}`;
    return u.toString();
  } catch {
    return url;
  }
}

