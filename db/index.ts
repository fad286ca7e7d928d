// Database entry point: one Sequelize instance per process, models bound to it.
import pg from 'pg';
import { QueryTypes, Sequelize } from 'sequelize';
import { initModels } from './models/index.ts';
import type { Models } from './models/index.ts';

export type { Models } from './models/index.ts';
export { migrateUp, migrateDown, createMigrator, pendingMigrations, MIGRATIONS_TABLE } from './migrate.ts';

export interface DatabaseOptions {
  poolMax?: number;
  /** true logs SQL to the console; a function receives each statement. Off by default. */
  logging?: boolean | ((sql: string) => void);
}

export interface Database {
  sequelize: Sequelize;
  models: Models;
  close(): Promise<void>;
}

export function createDatabase(url: string, opts: DatabaseOptions = {}): Database {
  const logging = opts.logging === true ? (sql: string) => console.log(sql) : opts.logging || false;
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    // Passed explicitly so bundlers and ESM loaders never have to resolve it dynamically.
    dialectModule: pg,
    logging,
    pool: { max: opts.poolMax ?? 10, min: 0, acquire: 30_000, idle: 10_000 },
    // Always store and compare instants as UTC; columns are timestamptz.
    timezone: '+00:00',
    define: { underscored: true, freezeTableName: true },
  });
  const models = initModels(sequelize);
  let closed: Promise<void> | undefined;
  return {
    sequelize,
    models,
    close: () => (closed ??= sequelize.close()),
  };
}

/** Round-trip time of a trivial query in milliseconds; throws when the database is unreachable. */
export async function pingDatabase(sequelize: Sequelize): Promise<number> {
  const started = performance.now();
  await sequelize.query('SELECT 1', { type: QueryTypes.SELECT });
  return Math.round((performance.now() - started) * 100) / 100;
}
