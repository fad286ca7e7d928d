// Raw-SQL fixtures and assertions for schema tests: they go around the models on purpose,
// so what is tested is the database's own integrity, not Sequelize's validation.
import { createHash, randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';

type Row = Record<string, unknown>;

export async function rows<T extends Row = Row>(s: Sequelize, sql: string, bind: unknown[] = []): Promise<T[]> {
  return s.query<T>(sql, { bind, type: QueryTypes.SELECT });
}

/** Runs a statement (INSERT/UPDATE/DELETE ... RETURNING or not) and returns its rows. */
export async function exec<T extends Row = Row>(s: Sequelize, sql: string, bind: unknown[] = []): Promise<T[]> {
  const [result] = await s.query(sql, { bind });
  return result as T[];
}

/** Asserts the promise fails with the given SQLSTATE and, if given, constraint name. */
export async function expectDbError(p: Promise<unknown>, code: string, constraint?: string): Promise<void> {
  let caught: unknown;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  if (caught === undefined) {
    throw new Error(`expected SQLSTATE ${code}${constraint ? ` (${constraint})` : ''}, but it succeeded`);
  }
  const e = caught as { original?: Row; parent?: Row } & Row;
  const pgErr = e.original ?? e.parent ?? e;
  expect({ code: pgErr.code, constraint: constraint === undefined ? undefined : pgErr.constraint }).toEqual({
    code,
    constraint,
  });
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const suffix = () => randomBytes(4).toString('hex');

export async function insertUser(s: Sequelize, over: { username?: string; email?: string; role?: string } = {}) {
  const tag = suffix();
  const [row] = await exec<{ id: string }>(
    s,
    `INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, 'x', $3) RETURNING id`,
    [over.username ?? `u_${tag}`, over.email ?? `u_${tag}@example.test`, over.role ?? 'user'],
  );
  return row!.id;
}

export async function insertGame(s: Sequelize, ownerId: string, title = 'Space Jumper') {
  const [row] = await exec<{ id: string }>(s, `INSERT INTO games (owner_id, title) VALUES ($1, $2) RETURNING id`, [
    ownerId,
    title,
  ]);
  return row!.id;
}

export async function insertJob(s: Sequelize, userId: string, gameId: string | null, kind = 'create') {
  const [row] = await exec<{ id: string }>(
    s,
    `INSERT INTO jobs (kind, user_id, game_id, workflow_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [kind, userId, gameId, `job-${suffix()}`],
  );
  return row!.id;
}

export async function insertVersion(
  s: Sequelize,
  gameId: string,
  version: number,
  opts: { jobId?: string | null; verdict?: string; reviewStatus?: string; content?: string } = {},
) {
  const content = opts.content ?? `<html><body>v${version} ${suffix()}</body></html>`;
  const [row] = await exec<{ id: string }>(
    s,
    `INSERT INTO game_versions (game_id, version, job_id, content, content_hash, size_bytes, verdict, review_status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      gameId, version, opts.jobId ?? null, content, sha256(content), Buffer.byteLength(content),
      opts.verdict ?? 'pass', opts.reviewStatus ?? 'not_required',
    ],
  );
  return row!.id;
}
