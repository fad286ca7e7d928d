// Throwaway databases for tests: each test file gets its own, created on the server that
// DATABASE_URL points at (via its maintenance database "postgres") and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import { createDatabase } from '../../db/index.ts';
import type { Database } from '../../db/index.ts';
import { migrateUp } from '../../db/migrate.ts';

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, terminating any connection still open to it. */
  drop(): Promise<void>;
}

function serverUrl(): URL {
  const raw = process.env.DATABASE_URL;
  if (!raw) throw new Error('DATABASE_URL must point at a PostgreSQL server for the db tests');
  const url = new URL(raw);
  url.pathname = '/postgres';
  return url;
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl().toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  // Only [a-z0-9_] reaches the identifier, so quoting it is enough.
  const name = `playforge_t_${randomBytes(6).toString('hex')}`;
  await onServer((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = serverUrl();
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export interface FreshDatabase {
  readonly url: string;
  readonly db: Database;
}

/**
 * Registers beforeAll/afterAll hooks for the calling test file: a new database, a
 * createDatabase() handle on it and, unless `migrate: false`, the full schema.
 * Read `url` / `db` inside tests or hooks, not at module top level.
 */
export function withFreshDatabase(opts: { migrate?: boolean; poolMax?: number } = {}): FreshDatabase {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase(testDb.url, { poolMax: opts.poolMax ?? 4 });
    if (opts.migrate ?? true) await migrateUp(db.sequelize);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });
  return {
    get url() {
      if (!testDb) throw new Error('withFreshDatabase: not ready; use it inside tests or hooks');
      return testDb.url;
    },
    get db() {
      if (!db) throw new Error('withFreshDatabase: not ready; use it inside tests or hooks');
      return db;
    },
  };
}
