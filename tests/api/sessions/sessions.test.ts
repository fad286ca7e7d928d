// /api/sessions against real Postgres and Redis: the seed's bodies and shapes, validation,
// ownership (others get 404, staff may read), expiry, and deletion with a backup on disk.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createUser } from '../../helpers/users.ts';
import { testConfig } from '../../helpers/worker.ts';
import { dataDirOf } from '../../../api/services/sessions.ts';
import { makeMessages, makeSession, makeSessionGame, SEED_PUT_BODY, SEED_SESSION_BODY } from './fixtures.ts';

let s: Services;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let owner: Awaited<ReturnType<typeof createUser>>;
let other: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
const bearer = (t: { token: string }) => `Bearer ${t.token}`;
interface Backup {
  session: { session_id: string };
  conversation: { content: string }[];
  games: { versions: { version: number }[] }[];
}

beforeAll(async () => {
  s = await connectServices();
  // A task queue of its own: nothing here should ever run a job.
  app = (await buildTestApp(s, { cfg: testConfig(s) })).app;
  [owner, other, moderator] = await Promise.all([createUser(s), createUser(s), createUser(s, 'moderator')]);
}, 60_000);
afterAll(async () => s?.close());

describe('POST /api/sessions/', () => {
  it('creates a session from the seed body: 201 with the seed shape and a 12-hour expiry', async () => {
    const res = await request(app).post('/api/sessions/').set('Authorization', bearer(owner)).send(SEED_SESSION_BODY)
      .expect(201);
    expect(res.body).toEqual({
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/), created_at: expect.any(String),
      expires_at: expect.any(String),
      preferences: SEED_SESSION_BODY.user_preferences, client_info: SEED_SESSION_BODY.client_info,
      status: 'initialized',
    });
    expect(Date.parse(res.body.expires_at) - Date.parse(res.body.created_at)).toBe(12 * 3600 * 1000);
    expect(res.headers.location).toBe(`/api/sessions/${res.body.session_id}`);
    const row = await s.db.models.Session.findByPk(res.body.session_id);
    expect(row?.userId).toBe(owner.user.id);
  });

  it('accepts an empty body (no preferences yet)', async () => {
    const res = await request(app).post('/api/sessions').set('Authorization', bearer(owner)).expect(201);
    expect(res.body.preferences).toEqual({});
  });

  it.each([
    ['an unknown field', { ...SEED_SESSION_BODY, extra: 1 }],
    ['a mistyped preference', { user_preferences: { auto_save: 'yes' } }],
    ['a bad screen resolution', { client_info: { screen_resolution: 'huge' } }],
    ['a bad preference name', { user_preferences: { 'Bad-Name': 1 } }],
    [
      'too many preferences',
      { user_preferences: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`p${i}`, i])) },
    ],
    ['an object where a scalar belongs', { user_preferences: { theme: { dark: true } } }],
  ])('refuses %s with 400', async (_what, body) => {
    const res = await request(app).post('/api/sessions/').set('Authorization', bearer(owner)).send(body).expect(400);
    expect(res.body).toMatchObject({
      error_code: 'validation_error', detail: expect.any(String), context: { field: expect.any(String) },
    });
  });

  it('needs a token (401)', async () => {
    await request(app).post('/api/sessions/').send(SEED_SESSION_BODY).expect(401);
  });
});

describe('GET /api/sessions/:session_id', () => {
  it('answers the seed shape for a new session', async () => {
    const created = await request(app).post('/api/sessions/').set('Authorization', bearer(owner))
      .send(SEED_SESSION_BODY).expect(201);
    const res = await request(app).get(`/api/sessions/${created.body.session_id}`).set('Authorization', bearer(owner))
      .expect(200);
    expect(res.body).toEqual({
      session_id: created.body.session_id, created_at: created.body.created_at, last_activity: expect.any(String),
      expires_at: created.body.expires_at, status: 'initialized', current_game: null,
      conversation_stats: { total_messages: 0, total_modifications: 0, average_response_time: 0 },
      preferences: SEED_SESSION_BODY.user_preferences, metadata: {},
      resources: { storage_used: '0B', api_calls_today: expect.any(Number), remaining_quota: expect.any(Number) },
    });
  });

  it('shows the newest game of the session as current_game (then active), its storage and its messages', async () => {
    const id = await makeSession(s, owner.user.id, { status: 'initialized' });
    await makeSessionGame(s, owner.user.id, id);
    const newest = await makeSessionGame(s, owner.user.id, id, { versions: 2 });
    await makeMessages(s, owner.user.id, id, 3);
    const res = await request(app).get(`/api/sessions/${id}`).set('Authorization', bearer(owner)).expect(200);
    expect(res.body.current_game)
      .toEqual({ game_id: newest.id, current_version: 2, game_type: 'platformer', last_modified: expect.any(String) });
    expect(res.body.status).toBe('active');
    expect(res.body.conversation_stats.total_messages).toBe(3);
    expect(res.body.resources.storage_used).toMatch(/^\d+(\.\d)?(B|KB|MB)$/);
    expect(res.body.resources.storage_used).not.toBe('0B');
  });

  it('is 404 for another user, 200 for staff, 400 for a bad id, 404 for an unknown one, 401 without a token',
    async () => {
    const id = await makeSession(s, owner.user.id);
    const hidden = await request(app).get(`/api/sessions/${id}`).set('Authorization', bearer(other)).expect(404);
    expect(hidden.body).toMatchObject({ error_code: 'not_found', detail: 'session not found' });
    await request(app).get(`/api/sessions/${id}`).set('Authorization', bearer(moderator)).expect(200);
    await request(app).get('/api/sessions/not-a-uuid').set('Authorization', bearer(owner)).expect(400);
    await request(app).get('/api/sessions/00000000-0000-4000-8000-000000000000').set('Authorization', bearer(owner))
      .expect(404);
    await request(app).get(`/api/sessions/${id}`).expect(401);
  });

  it('reports a session past its expiry as expired', async () => {
    const id = await makeSession(s, owner.user.id, { expired: true });
    const res = await request(app).get(`/api/sessions/${id}`).set('Authorization', bearer(owner)).expect(200);
    expect(res.body.status).toBe('expired');
    expect((await s.db.models.Session.findByPk(id))?.status).toBe('expired');
  });
});

describe('PUT /api/sessions/:session_id', () => {
  it('takes the seed body: preferences merged, metadata stored, seed response', async () => {
    const id = await makeSession(s, owner.user.id);
    const res = await request(app).put(`/api/sessions/${id}`).set('Authorization', bearer(owner)).send(SEED_PUT_BODY)
      .expect(200);
    expect(res.body).toEqual({
      session_id: id, updated_preferences: SEED_PUT_BODY.preferences, updated_metadata: SEED_PUT_BODY.metadata,
      updated_at: expect.any(String), status: 'preferences_updated',
    });
    // A partial update merges; null removes one preference.
    const partial = await request(app).put(`/api/sessions/${id}`).set('Authorization', bearer(owner))
      .send({ preferences: { explanation_level: 'detailed', auto_save: null } }).expect(200);
    expect(partial.body.updated_preferences)
      .toEqual({ real_time_updates: true, explanation_level: 'detailed', preferred_engine: 'three.js' });
    const read = await request(app).get(`/api/sessions/${id}`).set('Authorization', bearer(owner)).expect(200);
    expect(read.body.preferences).toEqual(partial.body.updated_preferences);
    expect(read.body.metadata).toEqual(SEED_PUT_BODY.metadata);
  });

  it.each([
    ['an empty body', {}],
    ['an unknown field', { ...SEED_PUT_BODY, status: 'active' }],
    ['a bad explanation level', { preferences: { explanation_level: 'verbose' } }],
    ['nested metadata', { metadata: { a: { b: 1 } } }],
    [
      'too much metadata',
      { metadata: {
        big: Array.from({ length: 50 }, () => 'x'.repeat(200)), more: Array.from({ length: 50 }, () => 'y'.repeat(200)),
      } },
    ],
  ])('refuses %s with 400', async (_what, body) => {
    const id = await makeSession(s, owner.user.id);
    await request(app).put(`/api/sessions/${id}`).set('Authorization', bearer(owner)).send(body).expect(400);
  });

  it('is 404 for another user, 403 for staff who do not own it, 409 once expired, 401 without a token', async () => {
    const id = await makeSession(s, owner.user.id);
    await request(app).put(`/api/sessions/${id}`).set('Authorization', bearer(other)).send(SEED_PUT_BODY).expect(404);
    await request(app).put(`/api/sessions/${id}`).set('Authorization', bearer(moderator)).send(SEED_PUT_BODY)
      .expect(403);
    await request(app).put(`/api/sessions/${id}`).send(SEED_PUT_BODY).expect(401);
    const expired = await makeSession(s, owner.user.id, { expired: true });
    const res = await request(app).put(`/api/sessions/${expired}`).set('Authorization', bearer(owner))
      .send(SEED_PUT_BODY).expect(409);
    expect(res.body.error_code).toBe('session_closed');
  });
});

describe('DELETE /api/sessions/:session_id', () => {
  it('marks the session deleted, archives its chat and writes a JSON backup (seed query)', async () => {
    const id = await makeSession(s, owner.user.id);
    await makeSessionGame(s, owner.user.id, id, { versions: 2 });
    await makeMessages(s, owner.user.id, id, 2);
    const res = await request(app).delete(`/api/sessions/${id}?force=false&backup_data=true`)
      .set('Authorization', bearer(owner)).expect(200);
    expect(res.body).toEqual({
      session_id: id,
      cleanup_summary: {
        conversation_history_archived: true, messages_archived: 2, game_data_backed_up: true, jobs_cancelled: 0,
        temporary_files_deleted: true, cache_cleared: true,
      },
      backup_location: `backups/sessions/${id}.json`, cleanup_timestamp: expect.any(String), status: 'session_deleted',
    });
    const file = join(dataDirOf(s.cfg), res.body.backup_location);
    const backup = JSON.parse(readFileSync(file, 'utf8')) as Backup;
    expect(backup.session.session_id).toBe(id);
    expect(backup.conversation.map((m) => m.content)).toEqual(['message 1', 'message 2']);
    expect(backup.games[0]!.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(backup.games[0]!.versions[0]).not.toHaveProperty('content');
    rmSync(file);

    expect((await s.db.models.Session.findByPk(id))?.status).toBe('deleted');
    // Archived, not deleted.
    expect(await s.db.models.ChatMessage.count({ where: { sessionId: id } })).toBe(2);
    expect(await s.db.models.ChatMessage.count({ where: { sessionId: id, archivedAt: null } })).toBe(0);
    await request(app).get(`/api/sessions/${id}`).set('Authorization', bearer(owner)).expect(404);
    await request(app).delete(`/api/sessions/${id}`).set('Authorization', bearer(owner)).expect(404);
  });

  it('skips the backup with backup_data=false', async () => {
    const id = await makeSession(s, owner.user.id);
    const res = await request(app).delete(`/api/sessions/${id}?backup_data=false`).set('Authorization', bearer(owner))
      .expect(200);
    expect(res.body.backup_location).toBeNull();
    expect(res.body.cleanup_summary.game_data_backed_up).toBe(false);
    expect(existsSync(join(dataDirOf(s.cfg), `backups/sessions/${id}.json`))).toBe(false);
  });

  it('refuses while a job runs (409) unless force=true', async () => {
    const id = await makeSession(s, owner.user.id);
    const job = await s.db.models.Job.create({
      kind: 'create', userId: owner.user.id, gameId: null, sessionId: id, baseVersion: null, state: 'generating',
      workflowId: `job-test-${id}`,
      idempotencyKey: null, request: { prompt: 'a game' }, templateId: null, provider: null, errorCode: null,
      errorDetail: null,
      resultVersionId: null, startedAt: new Date(), finishedAt: null,
    });
    const busy = await request(app).delete(`/api/sessions/${id}?backup_data=false`).set('Authorization', bearer(owner))
      .expect(409);
    expect(busy.body).toMatchObject({ error_code: 'job_in_progress', context: { job_ids: [job.id] } });
    const forced = await request(app).delete(`/api/sessions/${id}?force=true&backup_data=false`)
      .set('Authorization', bearer(owner)).expect(200);
    expect(forced.body.status).toBe('session_deleted');
  });

  it('is 400 for a bad query, 404 for another user, 403 for staff, 401 without a token', async () => {
    const id = await makeSession(s, owner.user.id);
    await request(app).delete(`/api/sessions/${id}?force=maybe`).set('Authorization', bearer(owner)).expect(400);
    await request(app).delete(`/api/sessions/${id}?purge=true`).set('Authorization', bearer(owner)).expect(400);
    await request(app).delete(`/api/sessions/${id}`).set('Authorization', bearer(other)).expect(404);
    await request(app).delete(`/api/sessions/${id}`).set('Authorization', bearer(moderator)).expect(403);
    await request(app).delete(`/api/sessions/${id}`).expect(401);
    expect((await s.db.models.Session.findByPk(id))?.status).toBe('active');
  });
});
