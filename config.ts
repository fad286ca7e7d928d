// The one place that reads the environment. Every process (stack runner, API, worker,
// CLI) calls loadConfig() once at start; a bad variable stops start-up with one line
// that names it, and never echoes its value (it may hold a password).
import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(1).max(65535);

const postgresUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '' && u.pathname.length > 1;
  } catch {
    return false;
  }
}, 'must be a postgres://user:password@host:port/database URL');

const redisUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a redis://host:port/db URL');

// Express's `trust proxy`: a number of hops, or names (loopback, linklocal, uniquelocal) and
// addresses or subnets, comma-separated; who may set X-Forwarded-For (client IPs for limits).
const trustProxy = z.string().trim().refine((v) => /^\d{1,2}$/.test(v) || v.split(',').every((t) => {
  const [addr = '', bits] = t.trim().split('/');
  return ['loopback', 'linklocal', 'uniquelocal'].includes(addr)
    || (isIP(addr) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits)));
}), 'must be a hop count, or loopback/linklocal/uniquelocal and addresses or subnets, comma-separated')
  .transform((v) => (/^\d+$/.test(v) ? Number(v) : v));

const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port');

const httpUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http(s) URL');

const providerList = z
  .string()
  .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['openai', 'anthropic', 'gemini', 'offline'])).min(1, 'must name at least one provider'));

const optionalSecret = z.string().min(1).optional();

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An OpenID issuer is trusted for who a user is: https, except on this machine (tests, development). */
const oidcIssuer = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname));
  } catch {
    return false;
  }
}, 'must be an https URL (http only for localhost)');

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    PUBLIC_URL: httpUrl.optional(),
    PLAY_ORIGIN: httpUrl.optional(),
    TRUST_PROXY: trustProxy.default('loopback'),
    APP_VERSION: z.string().default('1.0.0'),

    DATABASE_URL: postgresUrl,
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    DATABASE_LOGGING: bool.default(false),
    REDIS_URL: redisUrl,

    TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a lower-case namespace name')
      .default('playforge'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).max(200).default('playforge-jobs'),
    TEMPORAL_UI_URL: httpUrl.default('http://localhost:8233'),

    JWT_SECRET: z.string().min(1),
    JWT_ISSUER: z.string().min(1).default('playforge'),
    JWT_AUDIENCE: z.string().min(1).default('playforge-api'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),

    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    /** Where a generated first-admin password is written (mode 0600); default <data dir>/secrets/admin-password. */
    ADMIN_PASSWORD_FILE: z.string().min(1).optional(),
    ADMIN_USERNAME: z.string().regex(/^[a-z0-9_]{3,50}$/, 'must be 3-50 of a-z, 0-9, _').default('admin'),

    TEMPLATES_DIR: z.string().min(1).default('templates'),
    PLAYFORGE_DATA_DIR: z.string().min(1).default('.data'),

    LLM_PROVIDERS: providerList.default(['openai', 'anthropic', 'gemini', 'offline']),
    OPENAI_API_KEY: optionalSecret,
    OPENAI_BASE_URL: httpUrl.optional(),
    OPENAI_MODEL: z.string().min(1).default('gpt-4.1-mini'),
    ANTHROPIC_API_KEY: optionalSecret,
    ANTHROPIC_BASE_URL: httpUrl.optional(),
    ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-6'),
    GEMINI_API_KEY: optionalSecret,
    GEMINI_BASE_URL: httpUrl.optional(),
    GEMINI_MODEL: z.string().min(1).default('gemini-2.5-flash'),
    LLM_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(120),
    LLM_MAX_TOKENS: z.coerce.number().int().min(256).max(64_000).default(16_000),
    MAX_GAME_BYTES: z.coerce.number().int().min(10_000).max(1_000_000).default(200_000),
    MAX_REPAIR_ROUNDS: z.coerce.number().int().min(0).max(5).default(2),
    GENERATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(5),
    GENERATIONS_PER_DAY: z.coerce.number().int().min(1).max(1_000_000).default(200),
    PREMIUM_GENERATIONS_PER_DAY: z.coerce.number().int().min(1).max(1_000_000).default(2000),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(30),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    REGISTRATIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
    API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(10).max(1_000_000).default(300),
    OIDC_ISSUER: oidcIssuer.default('https://accounts.google.com'),
    OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
    OIDC_CLIENT_SECRET: optionalSecret,
    OIDC_PROVIDER_NAME: z.string().min(1).max(40).default('Google'),
    BROWSER_PLAYTEST: bool.default(true),
    /** The SDK's stack traces of waiting workflows (Temporal UI's Stack Trace tab); they cost CPU. */
    WORKFLOW_STACK_TRACES: bool.default(false),
    CHROMIUM_PATH: z.string().min(1).optional(),
    // E-mail (password reset, address verification): off while SMTP_HOST is unset.
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: port.default(587),
    /** TLS from the first byte (port 465); false still upgrades with STARTTLS when the server offers it. */
    SMTP_SECURE: bool.default(false),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: optionalSecret,
    FROM_EMAIL: z.email().default('noreply@playforge.local'),
    PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(48),
    EMAILS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
    PASSWORD_RESETS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
    REVIEW_TIMEOUT: z.string()
      .regex(/^\d+ (seconds|minutes|hours|days)$/, 'must look like "7 days" or "30 minutes"')
      .default('7 days'),
  })
  .superRefine((env, ctx) => {
    // HS256 with a short secret is brute-forceable offline from any token, and a development
    // or test stack is often reachable too: the same floor everywhere.
    if (Buffer.byteLength(env.JWT_SECRET, 'utf8') < 32) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be at least 32 bytes' });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      const missing = env.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with the other ADMIN_ variable' });
    }
    if ((env.OIDC_CLIENT_ID === undefined) !== (env.OIDC_CLIENT_SECRET === undefined)) {
      const missing = env.OIDC_CLIENT_ID === undefined ? 'OIDC_CLIENT_ID' : 'OIDC_CLIENT_SECRET';
      ctx.addIssue({
        code: 'custom', path: [missing], message: 'must be set together with the other OIDC_CLIENT_ variable',
      });
    }
    if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) {
      const missing = env.SMTP_USER === undefined ? 'SMTP_USER' : 'SMTP_PASSWORD';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with the other SMTP credential' });
    }
  })
  .superRefine((env, ctx) => {
    // Games are hostile: in production they never run on the site's own origin.
    if (env.NODE_ENV !== 'production') return;
    if (!env.PLAY_ORIGIN) {
      ctx.addIssue({
        code: 'custom', path: ['PLAY_ORIGIN'],
        message: 'must be set in production: a separate origin that serves the games (e.g. https://play.example.com)',
      });
    } else if (new URL(env.PLAY_ORIGIN).origin === new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).origin) {
      ctx.addIssue({ code: 'custom', path: ['PLAY_ORIGIN'], message: 'must be a different origin from PUBLIC_URL' });
    }
  });

export type Config = z.output<typeof envSchema> & { publicUrl: string };

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** Parse an environment; throws ConfigError naming the first bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // An empty value means "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const message = cleaned[variable] === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
    throw new ConfigError(variable, message);
  }
  const cfg = result.data;
  return { ...cfg, publicUrl: cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}` };
}

let cached: Config | undefined;

/** The process-wide config; the first call validates process.env. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Entry points call this: print the one-line reason and exit non-zero. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

// --- The local stack (scripts/stack.main.ts): which ports and folders it uses for the services
// it starts itself when DATABASE_URL / REDIS_URL / TEMPORAL_ADDRESS are not given.
const stackSchema = z.object({
  PLAYFORGE_DATA_DIR: z.string().min(1).optional(),
  PLAYFORGE_PG_PORT: port.optional(),
  PLAYFORGE_REDIS_PORT: port.optional(),
  PLAYFORGE_TEMPORAL_PORT: port.optional(),
  TEMPORAL_UI_PORT: port.optional(),
  // The whole test run, jest included: a hang (an open handle, a stuck suite) fails it instead.
  PLAYFORGE_TEST_TIME_LIMIT_MINUTES: z.coerce.number().int().min(1).max(600).optional(),
});

export interface StackSettings {
  dataDir: string;
  pgPort: number;
  redisPort: number;
  temporalPort: number;
  temporalUiPort: number;
  database: string;
  redisDb: number;
  namespace: string;
  /** `npm test` only: minutes the jest run may take before it is stopped and counted as failed. */
  testTimeLimitMinutes: number;
}

/** Settings of the local stack for `start` (development) or `test`; tests never share dev's. */
export function parseStackSettings(env: NodeJS.ProcessEnv, mode: 'dev' | 'test'): StackSettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = stackSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const s = result.data;
  const test = mode === 'test';
  return {
    dataDir: s.PLAYFORGE_DATA_DIR ?? (test ? '.data/test' : '.data'),
    pgPort: s.PLAYFORGE_PG_PORT ?? (test ? 54331 : 54321),
    redisPort: s.PLAYFORGE_REDIS_PORT ?? (test ? 63791 : 63781),
    temporalPort: s.PLAYFORGE_TEMPORAL_PORT ?? (test ? 7243 : 7233),
    temporalUiPort: s.TEMPORAL_UI_PORT ?? (test ? 8243 : 8233),
    database: test ? 'playforge_test' : 'playforge',
    redisDb: test ? 1 : 0,
    namespace: test ? 'playforge-test' : 'playforge',
    // Today's run takes ~20 minutes on two cores; CI allows 90.
    testTimeLimitMinutes: s.PLAYFORGE_TEST_TIME_LIMIT_MINUTES ?? 60,
  };
}
