// The Sequelize models: that they mirror the migrated schema, and a full happy path.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { UniqueConstraintError } from 'sequelize';
import type { ModelStatic, Model } from 'sequelize';
import { pingDatabase } from '../../db/index.ts';
import type { Models } from '../../db/index.ts';
import { TABLES } from '../../db/migrations/index.ts';
import { withFreshDatabase } from './helpers.ts';
import { rows, sha256 } from './fixtures.ts';

const fresh = withFreshDatabase();
let m: Models;
beforeAll(() => {
  m = fresh.db.models;
});

// Sequelize type key → PostgreSQL udt_name.
const UDT: Record<string, string> = {
  UUID: 'uuid', TEXT: 'text', BOOLEAN: 'bool', INTEGER: 'int4', BIGINT: 'int8', SMALLINT: 'int2',
  DATE: 'timestamptz', DATEONLY: 'date', JSONB: 'jsonb', DECIMAL: 'numeric', CHAR: 'bpchar',
  BLOB: 'bytea', INET: 'inet', ARRAY: '_text',
};

describe('models mirror the migrations', () => {
  it('cover every table', () => {
    const tables = Object.values(m).map((model: ModelStatic<Model>) => model.tableName);
    expect([...tables].sort()).toEqual([...TABLES].sort());
  });

  it('have the same columns, types, nullability and defaults', async () => {
    for (const model of Object.values(m) as ModelStatic<Model>[]) {
      const table = model.tableName;
      type Column = { column_name: string; udt_name: string; is_nullable: string; column_default: string | null };
      const cols = await rows<Column>(
        fresh.db.sequelize,
        `SELECT column_name, udt_name, is_nullable, column_default FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
        [table],
      );
      const attrs = Object.values(model.getAttributes());
      const fromModel = attrs
        .map((a) => ({
          column: a.field!,
          type: UDT[(a.type as { key: string }).key] ?? (a.type as { key: string }).key,
          nullable: a.allowNull !== false && !a.primaryKey,
          // Sequelize fills timestamps and serial ids itself; every other DB default must be
          // mirrored, or a create() without the value fails Sequelize's not-null check.
          hasDefault: a.defaultValue !== undefined || a.autoIncrement === true ||
            ['created_at', 'updated_at'].includes(a.field!),
        }))
        .sort((x, y) => x.column.localeCompare(y.column));
      const fromDb = cols.map((c) => ({
        column: c.column_name,
        type: c.udt_name,
        nullable: c.is_nullable === 'YES',
        hasDefault: c.column_default !== null,
      }));
      expect({ table, columns: fromModel }).toEqual({ table, columns: fromDb });
    }
  });

  it('allow exactly the values the CHECK constraints allow', async () => {
    const checks = await rows<{ table: string; def: string }>(
      fresh.db.sequelize,
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace`,
    );
    let compared = 0;
    for (const model of Object.values(m) as ModelStatic<Model>[]) {
      for (const a of Object.values(model.getAttributes())) {
        if (!a.values) continue;
        const def = checks.find((c) => c.table === model.tableName && c.def.includes(`(${a.field} = ANY (ARRAY[`));
        expect({ column: `${model.tableName}.${a.field}`, found: def !== undefined }).toEqual({
          column: `${model.tableName}.${a.field}`,
          found: true,
        });
        const allowed = [...def!.def.matchAll(/'([^']*)'::text/g)].map((x) => x[1]);
        expect(allowed).toEqual([...a.values]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(15);
  });
});

describe('models', () => {
  it('carry a user from session to game to job to version', async () => {
    const user = await m.User.create({ username: 'ada', email: 'Ada@Example.test', passwordHash: '$2b$12$hash' });
    expect(user.role).toBe('user');
    expect(user.aiTokensUsed).toBe(0);
    expect(JSON.parse(JSON.stringify(user))).not.toHaveProperty('passwordHash');

    const session = await m.Session.create({ userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) });
    const game = await m.Game.create({
      ownerId: user.id, sessionId: session.id, title: 'Space Jumper', tags: ['platformer'],
    });
    await session.update({ currentGameId: game.id, status: 'active' });

    const job = await m.Job.create({
      kind: 'create', userId: user.id, gameId: game.id, sessionId: session.id,
      workflowId: `job-${game.id}`, idempotencyKey: 'req-1', request: { prompt: 'a space platformer' },
    });
    await job.update({ state: 'generating', startedAt: new Date(), provider: 'offline' });
    await m.ProviderAttempt.create({
      jobId: job.id, activityAttempt: 1, provider: 'offline', model: 'offline-v1', status: 'succeeded',
      latencyMs: 12, tokensIn: 100, tokensOut: 900, costUsd: 0, startedAt: new Date(), finishedAt: new Date(),
    });

    const content = '<!doctype html><title>Space Jumper</title>';
    const version = await m.GameVersion.create({
      gameId: game.id, version: 1, jobId: job.id, content, contentHash: sha256(content),
      sizeBytes: Buffer.byteLength(content), verdict: 'pass', securityScore: 97, provider: 'offline',
      model: 'offline-v1', promptVersion: 'p1', tokensIn: 100, tokensOut: 900, costUsd: 0.012345,
    });
    await fresh.db.sequelize.transaction(async (transaction) => {
      await game.update({ currentVersion: 1, status: 'active', isPublic: true }, { transaction });
      await job.update({ state: 'completed', finishedAt: new Date(), resultVersionId: version.id }, { transaction });
    });

    const loaded = await m.Game.findByPk(game.id, {
      include: [{ association: 'owner' }, { association: 'versions' }, { association: 'session' }],
    });
    const plain = loaded!.get({ plain: true }) as unknown as {
      owner: { username: string };
      session: { currentGameId: string };
      versions: { costUsd: number; model: string }[];
      ratingAvg: number;
    };
    expect(plain.owner.username).toBe('ada');
    expect(plain.session.currentGameId).toBe(game.id);
    expect(plain.versions).toHaveLength(1);
    expect(plain.versions[0]!.costUsd).toBe(0.012345);
    expect(plain.versions[0]!.model).toBe('offline-v1');
    expect(plain.ratingAvg).toBe(0);

    const done = await m.Job.findByPk(job.id, { include: ['attempts', 'resultVersion'] });
    expect(done!.get('attempts')).toHaveLength(1);
    expect((done!.get('resultVersion') as { version: number }).version).toBe(1);

    // A retried versioning step for the same job hits the unique job_id.
    await expect(
      m.GameVersion.create({
        gameId: game.id, version: 2, jobId: job.id, content, contentHash: sha256(content), sizeBytes: 1,
        verdict: 'pass',
      }),
    ).rejects.toBeInstanceOf(UniqueConstraintError);
    // And content cannot be rewritten through the model either.
    await expect(version.update({ content: 'tampered' })).rejects.toThrow(/game_versions.content is immutable/);

    const fan = await m.User.create({ username: 'grace', email: 'grace@example.test', passwordHash: 'x' });
    await m.Rating.create({ userId: fan.id, gameId: game.id, rating: 4 });
    await loaded!.reload();
    expect(loaded!.ratingAvg).toBe(4);
    expect(loaded!.ratingCount).toBe(1);

    await m.ChatMessage.create({
      sessionId: session.id, userId: user.id, role: 'user', content: 'make it faster', jobId: job.id,
    });
    const entry = await m.AuditLog.create({
      actorId: user.id, action: 'game.create', targetType: 'game', targetId: game.id,
    });
    expect(typeof entry.id).toBe('string');
    const [usage] = await m.ProviderUsage.upsert({
      day: '2026-01-02', userId: user.id, provider: 'offline', model: 'offline-v1', requests: 1, tokensIn: 100,
    });
    expect(usage.tokensIn).toBe(100);
  });

  it('reject invalid enum values before the round trip', async () => {
    await expect(
      m.User.create({ username: 'eve', email: 'eve@example.test', passwordHash: 'x', role: 'root' as 'user' }),
    ).rejects.toThrow(/Validation isIn on role failed/);
  });

  it('pingDatabase reports a round-trip time', async () => {
    const ms = await pingDatabase(fresh.db.sequelize);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(5_000);
  });
});
