// The integrity rules the rest of the system relies on, hit directly with SQL.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Sequelize } from 'sequelize';
import { withFreshDatabase } from './helpers.ts';
import { exec, expectDbError, insertGame, insertJob, insertUser, insertVersion, rows } from './fixtures.ts';

const fresh = withFreshDatabase();
let s: Sequelize;
beforeAll(() => {
  s = fresh.db.sequelize;
});

describe('users', () => {
  it('rejects a duplicate username', async () => {
    await insertUser(s, { username: 'dup_name' });
    await expectDbError(insertUser(s, { username: 'dup_name' }), '23505', 'users_username_key');
  });

  it('rejects an e-mail that differs only in case', async () => {
    await insertUser(s, { email: 'Bob@Example.test' });
    await expectDbError(insertUser(s, { email: 'bob@example.TEST' }), '23505', 'users_email_lower_key');
  });

  it('rejects a malformed username and an unknown role', async () => {
    await expectDbError(insertUser(s, { username: 'Bad Name' }), '23514', 'users_username_format');
    await expectDbError(insertUser(s, { username: 'ab' }), '23514', 'users_username_format');
    await expectDbError(insertUser(s, { role: 'root' }), '23514', 'users_role_check');
  });
});

describe('ratings', () => {
  it('accepts 1..5 once per user and game, rejects 6 and 0', async () => {
    const owner = await insertUser(s);
    const rater = await insertUser(s);
    const game = await insertGame(s, owner);
    const rate = (user: string, r: number) =>
      exec(s, `INSERT INTO ratings (user_id, game_id, rating) VALUES ($1, $2, $3)`, [user, game, r]);
    await expectDbError(rate(rater, 6), '23514', 'ratings_rating_check');
    await expectDbError(rate(rater, 0), '23514', 'ratings_rating_check');
    await rate(rater, 5);
    await expectDbError(rate(rater, 4), '23505', 'ratings_user_game_key');
  });
});

describe('moderation_decisions', () => {
  it('requires a non-blank reason to reject, not to approve', async () => {
    const owner = await insertUser(s);
    const moderator = await insertUser(s, { role: 'moderator' });
    const game = await insertGame(s, owner);
    const version = await insertVersion(s, game, 1, { verdict: 'review', reviewStatus: 'pending' });
    const decide = (decision: string, reason: string | null) =>
      exec(s,
        `INSERT INTO moderation_decisions (game_version_id, moderator_id, decision, reason) VALUES ($1, $2, $3, $4)`,
        [version, moderator, decision, reason]);
    await expectDbError(decide('reject', null), '23514', 'moderation_decisions_reject_reason');
    await expectDbError(decide('reject', '   '), '23514', 'moderation_decisions_reject_reason');
    await decide('approve', null);
    await decide('reject', 'contains an external script');
  });
});

describe('game_versions', () => {
  it('allows one version per job (idempotent versioning) and one row per version number', async () => {
    const user = await insertUser(s);
    const game = await insertGame(s, user);
    const job = await insertJob(s, user, game);
    await insertVersion(s, game, 1, { jobId: job });
    await expectDbError(insertVersion(s, game, 2, { jobId: job }), '23505', 'game_versions_job_id_key');
    await expectDbError(insertVersion(s, game, 1), '23505', 'game_versions_game_version_key');
    // Versions without a job (e.g. imported) do not collide with each other.
    await insertVersion(s, game, 2);
    await insertVersion(s, game, 3);
  });

  it('rejects edits of content, hash and version but lets review fields change', async () => {
    const user = await insertUser(s);
    const game = await insertGame(s, user);
    const id = await insertVersion(s, game, 1, { verdict: 'review', reviewStatus: 'pending' });
    await expectDbError(
      exec(s, `UPDATE game_versions SET content = 'tampered' WHERE id = $1`, [id]),
      '23000',
      'game_versions_immutable',
    );
    await expectDbError(
      exec(s, `UPDATE game_versions SET content_hash = repeat('0', 64) WHERE id = $1`, [id]), '23000');
    await expectDbError(exec(s, `UPDATE game_versions SET version = 9 WHERE id = $1`, [id]), '23000');
    await exec(s, `UPDATE game_versions SET review_status = 'approved', security_score = 90 WHERE id = $1`, [id]);
    // Re-writing identical content is not a change.
    await exec(s, `UPDATE game_versions SET content = content WHERE id = $1`, [id]);
    const [row] = await rows(s, `SELECT review_status, security_score FROM game_versions WHERE id = $1`, [id]);
    expect(row).toEqual({ review_status: 'approved', security_score: 90 });
  });

  it('requires review for anything the scanner did not pass', async () => {
    const user = await insertUser(s);
    const game = await insertGame(s, user);
    await expectDbError(
      insertVersion(s, game, 1, { verdict: 'review', reviewStatus: 'not_required' }),
      '23514',
      'game_versions_unpassed_needs_review',
    );
  });
});

describe('jobs', () => {
  it('rejects a terminal state without finished_at', async () => {
    const user = await insertUser(s);
    const job = await insertJob(s, user, null);
    for (const state of ['completed', 'cancelled', 'rejected']) {
      await expectDbError(
        exec(s, `UPDATE jobs SET state = $2 WHERE id = $1`, [job, state]),
        '23514',
        'jobs_terminal_finished',
      );
    }
    await expectDbError(
      exec(s, `UPDATE jobs SET state = 'failed', finished_at = now() WHERE id = $1`, [job]),
      '23514',
      'jobs_failed_has_error',
    );
    await exec(s, `UPDATE jobs SET state = 'generating', started_at = now() WHERE id = $1`, [job]);
    await exec(s, `UPDATE jobs SET state = 'completed', finished_at = now() WHERE id = $1`, [job]);
  });

  it('deduplicates by (user, idempotency key) but never on NULL keys', async () => {
    const user = await insertUser(s);
    const other = await insertUser(s);
    const submit = (u: string, key: string | null) =>
      exec(s, `INSERT INTO jobs (kind, user_id, idempotency_key) VALUES ('create', $1, $2)`, [u, key]);
    await submit(user, 'k-1');
    await expectDbError(submit(user, 'k-1'), '23505', 'jobs_user_idempotency_key');
    await submit(other, 'k-1');
    await submit(user, null);
    await submit(user, null);
  });

  it('requires a game for every kind but create', async () => {
    const user = await insertUser(s);
    await expectDbError(insertJob(s, user, null, 'modify'), '23514', 'jobs_game_required');
  });
});

describe('provider_usage', () => {
  const add = (userId: string | null, requests = 1) =>
    exec(
      s,
      `INSERT INTO provider_usage (day, user_id, provider, model, requests, tokens_in)
       VALUES (DATE '2026-01-02', $1, 'openai', 'gpt-test', $2, 100)
       ON CONFLICT (day, user_id, provider, model) DO UPDATE
         SET requests = provider_usage.requests + EXCLUDED.requests,
             tokens_in = provider_usage.tokens_in + EXCLUDED.tokens_in, updated_at = now()`,
      [userId, requests],
    );

  it('treats NULL users as one system-wide row per day/provider/model', async () => {
    const insert = `INSERT INTO provider_usage (day, user_id, provider, model) VALUES ('2026-01-01', NULL, 'openai',`;
    await exec(s, `${insert} 'm')`);
    await expectDbError(
      exec(s, `${insert} 'm')`),
      '23505',
      'provider_usage_day_user_provider_model_key',
    );
    await exec(s, `${insert} 'm2')`);
  });

  it('accumulates with ON CONFLICT, including the NULL-user row', async () => {
    const user = await insertUser(s);
    await add(null, 2);
    await add(null, 3);
    await add(user, 1);
    const r = await rows<{ user_id: string | null; requests: number; tokens_in: string }>(
      s,
      `SELECT user_id, requests, tokens_in FROM provider_usage WHERE day = '2026-01-02' ORDER BY user_id NULLS FIRST`,
    );
    expect(r).toEqual([
      { user_id: null, requests: 5, tokens_in: '200' },
      { user_id: user, requests: 1, tokens_in: '100' },
    ]);
  });

  it('rejects more failures than requests', async () => {
    await expectDbError(
      exec(s, `INSERT INTO provider_usage (day, provider, model, requests, failures) ` +
        `VALUES ('2026-01-03', 'anthropic', 'm', 1, 2)`),
      '23514',
      'provider_usage_failures_check',
    );
  });
});

describe('games', () => {
  it('checks title length, tag count and featured-implies-public', async () => {
    const user = await insertUser(s);
    await expectDbError(insertGame(s, user, 'ab'), '23514', 'games_title_length');
    await expectDbError(insertGame(s, user, 'x'.repeat(201)), '23514', 'games_title_length');
    const game = await insertGame(s, user);
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    await expectDbError(exec(s, `UPDATE games SET tags = $2 WHERE id = $1`, [game, tags]), '23514', 'games_tags_check');
    await exec(s, `UPDATE games SET tags = $2 WHERE id = $1`, [game, tags.slice(0, 10)]);
    await expectDbError(
      exec(s, `UPDATE games SET is_featured = true WHERE id = $1`, [game]), '23514', 'games_featured_is_public');
  });

  it('only points current_version at an existing version, and requires one when active', async () => {
    const user = await insertUser(s);
    const game = await insertGame(s, user);
    await expectDbError(
      exec(s, `UPDATE games SET status = 'active' WHERE id = $1`, [game]), '23514', 'games_active_has_version');
    await expectDbError(
      exec(s, `UPDATE games SET current_version = 1 WHERE id = $1`, [game]), '23503', 'games_current_version_fkey');
    await insertVersion(s, game, 1);
    await exec(s, `UPDATE games SET current_version = 1, status = 'active' WHERE id = $1`, [game]);
  });
});
