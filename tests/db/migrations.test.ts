import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { createDatabase } from '../../db/index.ts';
import { migrateDown, migrateUp, pendingMigrations, MIGRATIONS_TABLE } from '../../db/migrate.ts';
import { migrations, TABLES } from '../../db/migrations/index.ts';
import { withFreshDatabase } from './helpers.ts';
import { rows } from './fixtures.ts';

const fresh = withFreshDatabase({ migrate: false });
const names = migrations.map((m) => m.name);

async function publicTables(): Promise<string[]> {
  const r = await rows<{ t: string }>(
    fresh.db.sequelize,
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );
  return r.map((x) => x.t);
}

/** Every column and constraint of the public schema, to compare schemas. */
async function schemaFingerprint(): Promise<string[]> {
  const cols = await rows<{ c: string }>(
    fresh.db.sequelize,
    `SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || ` +
      `coalesce(column_default, '') AS c
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`,
  );
  const cons = await rows<{ c: string }>(
    fresh.db.sequelize,
    `SELECT conrelid::regclass || '.' || conname || ':' || pg_get_constraintdef(oid) AS c
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
  );
  return [...cols.map((r) => r.c), ...cons.map((r) => r.c)];
}

async function publicFunctions(): Promise<string[]> {
  const r = await rows<{ f: string }>(
    fresh.db.sequelize,
    `SELECT p.proname AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' ORDER BY 1`,
  );
  return r.map((x) => x.f);
}

describe('migrations', () => {
  it('have unique, ordered names', () => {
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
  });

  it('apply from an empty database and create every table', async () => {
    expect(await publicTables()).toEqual([]);
    expect(await migrateUp(fresh.db.sequelize)).toEqual(names);
    expect(await publicTables()).toEqual([...TABLES, MIGRATIONS_TABLE].sort());
    expect(await pendingMigrations(fresh.db.sequelize)).toEqual([]);
  });

  it('re-running applies nothing', async () => {
    expect(await migrateUp(fresh.db.sequelize)).toEqual([]);
  });

  it('revert the latest migration and re-apply it to the same schema', async () => {
    const before = await schemaFingerprint();
    expect(await migrateDown(fresh.db.sequelize)).toEqual([names.at(-1)]);
    expect(await schemaFingerprint()).not.toEqual(before);
    expect(await migrateUp(fresh.db.sequelize)).toEqual([names.at(-1)]);
    expect(await schemaFingerprint()).toEqual(before);
  });

  it('down to 0 leaves only schema_migrations, and nothing else behind', async () => {
    expect(await migrateDown(fresh.db.sequelize, { to: 0 })).toEqual([...names].reverse());
    expect(await publicTables()).toEqual([MIGRATIONS_TABLE]);
    expect(await publicFunctions()).toEqual([]);
    const applied = await rows(fresh.db.sequelize, `SELECT * FROM ${MIGRATIONS_TABLE}`);
    expect(applied).toEqual([]);
  });

  it('apply again after a full revert, then are idempotent', async () => {
    expect(await migrateUp(fresh.db.sequelize)).toEqual(names);
    expect(await migrateUp(fresh.db.sequelize)).toEqual([]);
    expect(await publicTables()).toEqual([...TABLES, MIGRATIONS_TABLE].sort());
  });

  it('two processes migrating at once apply each migration exactly once', async () => {
    await migrateDown(fresh.db.sequelize, { to: 0 });
    const a = createDatabase(fresh.url, { poolMax: 3 });
    const b = createDatabase(fresh.url, { poolMax: 3 });
    try {
      const [ra, rb] = await Promise.all([migrateUp(a.sequelize), migrateUp(b.sequelize)]);
      expect([...ra, ...rb].sort()).toEqual(names);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const applied = await rows<{ name: string }>(
      fresh.db.sequelize, `SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY name`);
    expect(applied.map((r) => r.name)).toEqual(names);
  });

  it('a failing migration rolls back whole and its error does not leak the connection config', async () => {
    await migrateDown(fresh.db.sequelize, { to: 0 });
    // 0002 creates users and refresh_token_families before it trips over this table.
    await fresh.db.sequelize.query('CREATE TABLE refresh_tokens (x int)');
    let caught: unknown;
    try {
      await migrateUp(fresh.db.sequelize);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toMatch(/^Migration 0002_users_auth \(up\) failed/);
    const password = decodeURIComponent(new URL(fresh.url).password);
    if (password) expect(inspect(caught, { depth: 20 })).not.toContain(password);
    expect(await publicTables()).toEqual([MIGRATIONS_TABLE, 'refresh_tokens'].sort());
    expect(await pendingMigrations(fresh.db.sequelize)).toEqual(names.slice(1));

    await fresh.db.sequelize.query('DROP TABLE refresh_tokens');
    expect(await migrateUp(fresh.db.sequelize)).toEqual(names.slice(1));
  });
});
