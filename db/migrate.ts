// Schema migrations through umzug; applied names are kept in schema_migrations.
import { MigrationError, Umzug, SequelizeStorage } from 'umzug';
import type { QueryInterface, Sequelize } from 'sequelize';
import { migrations } from './migrations/index.ts';

export const MIGRATIONS_TABLE = 'schema_migrations';

// Arbitrary constant shared by every Playforge process: two processes starting at once
// must not both try to apply the same migration.
const MIGRATION_LOCK_KEY = 7_042_113_001;

type LogFn = (message: Record<string, unknown>) => void;
export interface MigratorOptions {
  /** Log each migration step; silent by default. */
  logger?: { info: LogFn; warn: LogFn; error: LogFn; debug: LogFn } | boolean;
}

export function createMigrator(sequelize: Sequelize, opts: MigratorOptions = {}): Umzug<QueryInterface> {
  const logger = opts.logger === true ? console : opts.logger || undefined;
  return new Umzug<QueryInterface>({
    migrations: migrations.map((m) => ({ name: m.name, up: m.up, down: m.down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: MIGRATIONS_TABLE, modelName: 'SchemaMigration' }),
    logger,
  });
}

/**
 * Holds a session-level advisory lock on a connection of its own while `fn` runs its
 * queries on the others. A pool of one connection cannot spare it, so such callers run
 * unlocked (they are single-connection tools, e.g. a CLI).
 */
async function withMigrationLock<T>(sequelize: Sequelize, fn: () => Promise<T>): Promise<T> {
  const poolMax = sequelize.config.pool?.max ?? 5;
  if (poolMax < 2) return fn();
  const cm = sequelize.connectionManager as unknown as {
    getConnection(): Promise<{ query(sql: string, params?: unknown[]): Promise<unknown> }>;
    releaseConnection(conn: unknown): Promise<void>;
  };
  const conn = await cm.getConnection();
  try {
    await conn.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await cm.releaseConnection(conn);
  }
}

/**
 * umzug's MigrationError carries the migration context, i.e. the whole Sequelize instance
 * with the database password in its config; logging it would leak that. Keep the message
 * and the database error, drop the context.
 */
function withoutContext(err: unknown): unknown {
  if (!(err instanceof MigrationError)) return err;
  const clean = new Error(err.message, { cause: err.cause });
  clean.name = 'MigrationError';
  return clean;
}

/** Apply every pending migration; returns the names applied (empty when up to date). */
export async function migrateUp(sequelize: Sequelize, opts: MigratorOptions = {}): Promise<string[]> {
  return withMigrationLock(sequelize, async () => {
    try {
      const applied = await createMigrator(sequelize, opts).up();
      return applied.map((m) => m.name);
    } catch (err) {
      throw withoutContext(err);
    }
  });
}

/**
 * Revert migrations; `{ to: 0 }` reverts all of them, `{ to: name }` down to and including
 * that one, no option reverts only the last. Returns the names reverted, newest first.
 */
export async function migrateDown(
  sequelize: Sequelize,
  opts: MigratorOptions & { to?: 0 | string } = {},
): Promise<string[]> {
  return withMigrationLock(sequelize, async () => {
    const migrator = createMigrator(sequelize, opts);
    try {
      const reverted = opts.to === undefined ? await migrator.down() : await migrator.down({ to: opts.to });
      return reverted.map((m) => m.name);
    } catch (err) {
      throw withoutContext(err);
    }
  });
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(sequelize: Sequelize): Promise<string[]> {
  return (await createMigrator(sequelize).pending()).map((m) => m.name);
}
