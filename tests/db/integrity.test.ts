// Delete behaviour, derived columns and the other triggers.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Sequelize } from 'sequelize';
import { withFreshDatabase } from './helpers.ts';
import { exec, expectDbError, insertGame, insertJob, insertUser, insertVersion, rows, sha256 } from './fixtures.ts';

const fresh = withFreshDatabase();
let s: Sequelize;
beforeAll(() => {
  s = fresh.db.sequelize;
});

const count = async (table: string, where: string, bind: unknown[]) =>
  Number((await rows<{ n: string }>(s, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, bind))[0]!.n);

describe('ratings keep games.rating_avg / rating_count in step', () => {
  it('on insert, update and delete, and when a rater is deleted', async () => {
    const owner = await insertUser(s);
    const [a, b] = [await insertUser(s), await insertUser(s)];
    const game = await insertGame(s, owner);
    const agg = async () => (await rows(s, `SELECT rating_avg, rating_count FROM games WHERE id = $1`, [game]))[0];
    await exec(s, `INSERT INTO ratings (user_id, game_id, rating) VALUES ($1, $3, 5), ($2, $3, 4)`, [a, b, game]);
    expect(await agg()).toEqual({ rating_avg: '4.50', rating_count: 2 });
    await exec(s, `UPDATE ratings SET rating = 1 WHERE user_id = $1`, [a]);
    expect(await agg()).toEqual({ rating_avg: '2.50', rating_count: 2 });
    await exec(s, `DELETE FROM users WHERE id = $1`, [b]);
    expect(await agg()).toEqual({ rating_avg: '1.00', rating_count: 1 });
    await exec(s, `DELETE FROM ratings WHERE game_id = $1`, [game]);
    expect(await agg()).toEqual({ rating_avg: '0.00', rating_count: 0 });
  });

  it('counts concurrent raters of the same game', async () => {
    const owner = await insertUser(s);
    const [a, b] = [await insertUser(s), await insertUser(s)];
    const game = await insertGame(s, owner);
    const rate = `INSERT INTO ratings (user_id, game_id, rating) VALUES ($1, $2, $3)`;
    const t1 = await s.transaction();
    await s.query(rate, { bind: [a, game, 5], transaction: t1 });
    // b's trigger blocks on the game row until t1 commits, then must still see a's rating.
    const second = s.transaction(async (t2) => {
      await s.query(rate, { bind: [b, game, 3], transaction: t2 });
    });
    await new Promise((r) => setTimeout(r, 150));
    await t1.commit();
    await second;
    const [agg] = await rows(s, `SELECT rating_avg, rating_count FROM games WHERE id = $1`, [game]);
    expect(agg).toEqual({ rating_avg: '4.00', rating_count: 2 });
  });
});

describe('deleting a user', () => {
  it('cascades their games, versions, jobs, sessions and chat; keeps audit entries anonymised', async () => {
    const user = await insertUser(s);
    const [session] = await exec<{ id: string }>(s, `INSERT INTO sessions (user_id) VALUES ($1) RETURNING id`, [user]);
    const game = await insertGame(s, user);
    const job = await insertJob(s, user, game);
    const version = await insertVersion(s, game, 1, { jobId: job });
    await exec(s,
      `UPDATE games SET current_version = 1, status = 'active', session_id = $2 WHERE id = $1`, [game, session!.id]);
    await exec(s, `UPDATE sessions SET current_game_id = $2 WHERE id = $1`, [session!.id, game]);
    await exec(s, `UPDATE jobs SET result_version_id = $2 WHERE id = $1`, [job, version]);
    await exec(s, `INSERT INTO chat_messages (session_id, user_id, role, content, job_id, game_version_id)
                   VALUES ($1, $2, 'user', 'make it faster', $3, $4)`, [session!.id, user, job, version]);
    await exec(s,
      `INSERT INTO audit_log (actor_id, action, target_type, target_id) VALUES ($1, 'game.create', 'game', $2)`,
      [user, game]);

    await exec(s, `DELETE FROM users WHERE id = $1`, [user]);

    expect(await count('games', 'id = $1', [game])).toBe(0);
    expect(await count('game_versions', 'id = $1', [version])).toBe(0);
    expect(await count('jobs', 'id = $1', [job])).toBe(0);
    expect(await count('sessions', 'id = $1', [session!.id])).toBe(0);
    expect(await count('chat_messages', 'session_id = $1', [session!.id])).toBe(0);
    const audit = await rows(s, `SELECT actor_id, action FROM audit_log WHERE target_id = $1`, [game]);
    expect(audit).toEqual([{ actor_id: null, action: 'game.create' }]);
  });

  it('is refused for a moderator with decisions on record (suspend instead)', async () => {
    const owner = await insertUser(s);
    const moderator = await insertUser(s, { role: 'moderator' });
    const game = await insertGame(s, owner);
    const version = await insertVersion(s, game, 1, { verdict: 'review', reviewStatus: 'pending' });
    await exec(s,
      `INSERT INTO moderation_decisions (game_version_id, moderator_id, decision) VALUES ($1, $2, 'approve')`,
      [version, moderator]);
    await expectDbError(
      exec(s, `DELETE FROM users WHERE id = $1`, [moderator]), '23503', 'moderation_decisions_moderator_id_fkey');
    // Deleting the game (and with it the decision) is fine.
    await exec(s, `DELETE FROM games WHERE id = $1`, [game]);
    await exec(s, `DELETE FROM users WHERE id = $1`, [moderator]);
  });
});

describe('deleting a job', () => {
  it('keeps the version it produced', async () => {
    const user = await insertUser(s);
    const game = await insertGame(s, user);
    const job = await insertJob(s, user, game);
    const version = await insertVersion(s, game, 1, { jobId: job });
    await exec(s, `DELETE FROM jobs WHERE id = $1`, [job]);
    expect(await rows(s, `SELECT job_id FROM game_versions WHERE id = $1`, [version])).toEqual([{ job_id: null }]);
  });
});

describe('refresh tokens', () => {
  it('rotate inside a family: claim the old token first, insert the successor after', async () => {
    const user = await insertUser(s);
    const [fam] = await exec<{ id: string }>(s,
      `INSERT INTO refresh_token_families (user_id, expires_at) VALUES ($1, now() + interval '30 days') RETURNING id`,
      [user]);
    const [t1] = await exec<{ jti: string }>(s,
      `INSERT INTO refresh_tokens (family_id, expires_at) VALUES ($1, now() + interval '30 days') RETURNING jti`,
      [fam!.id]);
    const next = crypto.randomUUID();
    await s.transaction(async (transaction) => {
      const claimed = await s.query(
        `UPDATE refresh_tokens SET used_at = now(), replaced_by = $2 WHERE jti = $1 AND used_at IS NULL RETURNING jti`,
        { bind: [t1!.jti, next], transaction },
      );
      expect(claimed[0]).toHaveLength(1);
      await s.query(
        `INSERT INTO refresh_tokens (jti, family_id, expires_at) VALUES ($1, $2, now() + interval '30 days')`,
        { bind: [next, fam!.id], transaction },
      );
    });
    // Presenting t1 again finds nothing to claim: that is the reuse signal.
    const again = await exec(s,
      `UPDATE refresh_tokens SET used_at = now() WHERE jti = $1 AND used_at IS NULL RETURNING jti`, [t1!.jti]);
    expect(again).toHaveLength(0);
  });

  it('refuses a successor from another family and a revocation without reason', async () => {
    const user = await insertUser(s);
    const fam = async () => (await exec<{ id: string }>(s,
      `INSERT INTO refresh_token_families (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
      [user]))[0]!.id;
    const [f1, f2] = [await fam(), await fam()];
    const tok = async (family: string) => (await exec<{ jti: string }>(s,
      `INSERT INTO refresh_tokens (family_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING jti`,
      [family]))[0]!.jti;
    const [a, b] = [await tok(f1), await tok(f2)];
    await expectDbError(
      exec(s, `UPDATE refresh_tokens SET used_at = now(), replaced_by = $2 WHERE jti = $1`, [a, b]),
      '23503',
      'refresh_tokens_replaced_by_fkey',
    );
    await expectDbError(
      exec(s, `UPDATE refresh_token_families SET revoked_at = now() WHERE id = $1`, [f1]),
      '23514',
      'refresh_token_families_revocation_check',
    );
    await exec(s,
      `UPDATE refresh_token_families SET revoked_at = now(), revoked_reason = 'reuse_detected' WHERE id = $1`, [f1]);
  });
});

describe('templates', () => {
  it('version code is immutable; current_version must exist; delete cascades', async () => {
    await exec(s, `INSERT INTO templates (id, name) VALUES ('basic_platformer', 'Basic platformer')`);
    await expectDbError(
      exec(s, `UPDATE templates SET status = 'published' WHERE id = 'basic_platformer'`),
      '23514',
      'templates_published_has_version',
    );
    await expectDbError(exec(s, `UPDATE templates SET current_version = 1 WHERE id = 'basic_platformer'`), '23503');
    const code = 'export default {}';
    const [tv] = await exec<{ id: string }>(s,
      `INSERT INTO template_versions (template_id, version, code, code_hash) ` +
        `VALUES ('basic_platformer', 1, $1, $2) RETURNING id`,
      [code, sha256(code)]);
    await exec(s, `UPDATE templates SET current_version = 1, status = 'published' WHERE id = 'basic_platformer'`);
    await expectDbError(
      exec(s, `UPDATE template_versions SET code = 'x' WHERE id = $1`, [tv!.id]),
      '23000',
      'template_versions_immutable',
    );
    await exec(s, `UPDATE template_versions SET verdict = 'pass' WHERE id = $1`, [tv!.id]);
    await expectDbError(
      exec(s, `INSERT INTO templates (id, name) VALUES ('Bad-Id', 'x')`), '23514', 'templates_id_format');
    await exec(s, `DELETE FROM templates WHERE id = 'basic_platformer'`);
    expect(await count('template_versions', 'id = $1', [tv!.id])).toBe(0);
  });
});

describe('audit_log and provider_attempts', () => {
  it('audit entries cannot be rewritten', async () => {
    const [row] = await exec<{ id: string }>(s, `INSERT INTO audit_log (action) VALUES ('auth.login') RETURNING id`);
    await expectDbError(
      exec(s, `UPDATE audit_log SET action = 'nothing' WHERE id = $1`, [row!.id]),
      '23000',
      'audit_log_immutable',
    );
  });

  it('a failed attempt carries an error class, a successful one does not', async () => {
    const user = await insertUser(s);
    const job = await insertJob(s, user, null);
    const attempt = (status: string, errorClass: string | null) =>
      exec(s,
        `INSERT INTO provider_attempts (job_id, activity_attempt, provider, model, status, error_class, started_at)
               VALUES ($1, 1, 'openai', 'gpt-test', $2, $3, now())`, [job, status, errorClass]);
    await expectDbError(attempt('failed', null), '23514', 'provider_attempts_error_class_iff_failed');
    await expectDbError(attempt('succeeded', 'retryable'), '23514', 'provider_attempts_error_class_iff_failed');
    await attempt('failed', 'safety_refusal');
    await attempt('succeeded', null);
  });
});
