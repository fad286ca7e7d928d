// /api/chat without a worker: validation, ownership, the 409s before a job can start, the
// quota, what a started change stores, history pagination and reset (archived, not deleted).
// Jobs started here go to a task queue nobody polls; the end-to-end flow is in flow.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createUser } from '../../helpers/users.ts';
import { testConfig } from '../../helpers/worker.ts';
import { makeMessages, makeSession, makeSessionGame, seedChatBody, seedResetBody } from '../sessions/fixtures.ts';

let s: Services;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let owner: Awaited<ReturnType<typeof createUser>>;
let other: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
const bearer = (t: { token: string }) => `Bearer ${t.token}`;
const contents = (list: unknown) => (list as { content: string }[]).map((m) => m.content);

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s, { cfg: testConfig(s) })).app;
  [owner, other, moderator] = await Promise.all([createUser(s), createUser(s), createUser(s, 'moderator')]);
}, 60_000);
afterAll(async () => s?.close());

async function sessionWithGame(userId = owner.user.id) {
  const sessionId = await makeSession(s, userId, { status: 'initialized' });
  const game = await makeSessionGame(s, userId, sessionId);
  return { sessionId, game };
}

describe('POST /api/chat/message', () => {
  it('starts a modify job from the seed body: 202, the request stored with its intent, the session active',
    async () => {
    const { sessionId, game } = await sessionWithGame();
    const res = await request(app).post('/api/chat/message').set('Authorization', bearer(owner))
      .send(seedChatBody(sessionId)).expect(202);
    expect(res.body).toEqual({
      job_id: expect.any(String), game_id: game.id, session_id: sessionId, status: 'queued',
      status_url: `/api/jobs/${res.body.job_id}`,
    });
    const job = await s.db.models.Job.findByPk(res.body.job_id);
    expect(job).toMatchObject({ kind: 'modify', gameId: game.id, sessionId, baseVersion: 1, userId: owner.user.id });
    const session = await s.db.models.Session.findByPk(sessionId);
    expect(session).toMatchObject({ status: 'active', currentGameId: game.id });

    const history = await request(app).get(`/api/chat/history/${sessionId}?include_metadata=true`)
      .set('Authorization', bearer(owner)).expect(200);
    expect(history.body.conversation_history).toEqual([{
      id: expect.any(String), role: 'user', content: 'Change the player color to red and make it jump higher',
      timestamp: expect.any(String),
      intent_detected: 'modify_visual_and_gameplay',
      elements_identified: {
        colors: ['red'], targets: ['player'], actions: ['jump_strength'], modifiers: ['increase'],
        game_type: 'platformer',
      },
      confidence: expect.any(Number), job_id: res.body.job_id,
      metadata: expect.objectContaining({
        channel: 'http', current_focus: 'gameplay_mechanics', client_history_length: 2,
        modification_preferences: expect.any(Object),
      }),
    }]);
    // The quota counter the session reports is the one the job spent.
    const read = await request(app).get(`/api/sessions/${sessionId}`).set('Authorization', bearer(owner)).expect(200);
    expect(read.body.resources.api_calls_today).toBeGreaterThanOrEqual(1);
    expect(read.body.resources.remaining_quota).toBe(s.cfg.GENERATIONS_PER_DAY - read.body.resources.api_calls_today);
  });

  it('answers 202 when Prefer: wait runs out before the job ends', async () => {
    const { sessionId } = await sessionWithGame();
    const res = await request(app).post('/api/chat/message').set('Authorization', bearer(owner)).set('Prefer', 'wait=1')
      .send(seedChatBody(sessionId)).expect(202);
    expect(res.headers['preference-applied']).toBeUndefined();
    expect(res.headers.location).toBe(`/api/jobs/${res.body.job_id}`);
  });

  it('answers a retry with the same Idempotency-Key with the same job, and stores the request once', async () => {
    const { sessionId } = await sessionWithGame();
    const send = () => request(app).post('/api/chat/message').set('Authorization', bearer(owner))
      .set('Idempotency-Key', `chat-${sessionId}`).send(seedChatBody(sessionId));
    const first = await send().expect(202);
    const again = await send().expect(202);
    expect(again.body.job_id).toBe(first.body.job_id);
    expect(await s.db.models.ChatMessage.count({ where: { sessionId } })).toBe(1);
    await request(app).post('/api/chat/message').set('Authorization', bearer(owner)).set('Idempotency-Key', 'bad key!')
      .send(seedChatBody(sessionId)).expect(400);
  });

  it.each([
    ['no session_id', (id: string) => ({ ...seedChatBody(id), session_id: undefined })],
    ['an empty message', (id: string) => ({ ...seedChatBody(id), message: '   ' })],
    ['a too long message', (id: string) => ({ ...seedChatBody(id), message: 'x'.repeat(5001) })],
    ['an unknown field', (id: string) => ({ ...seedChatBody(id), model: 'gpt' })],
    [
      'a bad history role',
      (id: string) => ({ ...seedChatBody(id), context: { conversation_history: [{ role: 'bot', content: 'hi' }] } }),
    ],
    ['version 0', (id: string) => ({ ...seedChatBody(id), context: { current_game_version: 0 } })],
    [
      'a bad preference',
      (id: string) => ({ ...seedChatBody(id), modification_preferences: { explanation_level: 'loud' } }),
    ],
  ])('refuses %s with 400', async (_what, body) => {
    const { sessionId } = await sessionWithGame();
    const res = await request(app).post('/api/chat/message').set('Authorization', bearer(owner)).send(body(sessionId))
      .expect(400);
    expect(res.body.error_code).toBe('validation_error');
  });

  it('refuses a base version the game does not have (400)', async () => {
    const { sessionId } = await sessionWithGame();
    const res = await request(app).post('/api/chat/message').set('Authorization', bearer(owner))
      .send({ ...seedChatBody(sessionId), context: { current_game_version: 5 } }).expect(400);
    expect(res.body.error_code).toBe('unknown_version');
  });

  it('is 401 without a token, 404 for an unknown or foreign session, 403 for staff who do not own it', async () => {
    const { sessionId } = await sessionWithGame();
    await request(app).post('/api/chat/message').send(seedChatBody(sessionId)).expect(401);
    await request(app).post('/api/chat/message').set('Authorization', bearer(other)).send(seedChatBody(sessionId))
      .expect(404);
    await request(app).post('/api/chat/message').set('Authorization', bearer(owner))
      .send(seedChatBody('00000000-0000-4000-8000-000000000000')).expect(404);
    await request(app).post('/api/chat/message').set('Authorization', bearer(moderator)).send(seedChatBody(sessionId))
      .expect(403);
    expect(await s.db.models.Job.count({ where: { sessionId } })).toBe(0);
  });

  it('is 409 when the session has no game, its game has no version yet, or it has expired', async () => {
    const empty = await makeSession(s, owner.user.id);
    const none = await request(app).post('/api/chat/message').set('Authorization', bearer(owner))
      .send(seedChatBody(empty)).expect(409);
    expect(none.body.error_code).toBe('no_game');
    const pending = await makeSession(s, owner.user.id);
    await makeSessionGame(s, owner.user.id, pending, { versions: 0 });
    const notReady = await request(app).post('/api/chat/message').set('Authorization', bearer(owner))
      .send(seedChatBody(pending)).expect(409);
    expect(notReady.body.error_code).toBe('game_not_ready');
    const expired = await makeSession(s, owner.user.id, { expired: true });
    await makeSessionGame(s, owner.user.id, expired);
    const closed = await request(app).post('/api/chat/message').set('Authorization', bearer(owner))
      .send(seedChatBody(expired)).expect(409);
    expect(closed.body.error_code).toBe('session_closed');
  });

  it('applies the generation quota (429 with Retry-After)', async () => {
    const limited = (await buildTestApp(s, { cfg: testConfig(s, { GENERATIONS_PER_MINUTE: '1' }) })).app;
    const user = await createUser(s);
    const { sessionId } = await sessionWithGame(user.user.id);
    await request(limited).post('/api/chat/message').set('Authorization', bearer(user)).send(seedChatBody(sessionId))
      .expect(202);
    const res = await request(limited).post('/api/chat/message').set('Authorization', bearer(user))
      .send(seedChatBody(sessionId)).expect(429);
    expect(res.body).toMatchObject({ error_code: 'rate_limited', context: { limit: 1, window: 'minute' } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await s.db.models.Job.count({ where: { sessionId } })).toBe(1);
  });
});

describe('GET /api/chat/history/:session_id', () => {
  it('pages the conversation oldest first, with the seed query accepted', async () => {
    const id = await makeSession(s, owner.user.id);
    await makeMessages(s, owner.user.id, id, 5);
    const seedQuery = await request(app)
      .get(`/api/chat/history/${id}?limit=50&offset=0&include_metadata=true&format=detailed`)
      .set('Authorization', bearer(owner)).expect(200);
    expect(contents(seedQuery.body.conversation_history))
      .toEqual(['message 1', 'message 2', 'message 3', 'message 4', 'message 5']);
    expect(seedQuery.body.conversation_metadata).toEqual({
      total_messages: 5, game_versions_created: 0, session_duration: expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/),
      intent_distribution: { modify_visual: 3 }, user_engagement_score: expect.any(Number),
    });
    expect(seedQuery.body.pagination).toEqual({ current_page: 1, total_pages: 1, has_more: false });
    const page = await request(app).get(`/api/chat/history/${id}?limit=2&offset=2`).set('Authorization', bearer(owner))
      .expect(200);
    expect(contents(page.body.conversation_history)).toEqual(['message 3', 'message 4']);
    expect(page.body.pagination).toEqual({ current_page: 2, total_pages: 3, has_more: true });
    expect(page.body.conversation_history[0]).not.toHaveProperty('metadata');
    const summary = await request(app).get(`/api/chat/history/${id}?format=summary`).set('Authorization', bearer(owner))
      .expect(200);
    expect(Object.keys(summary.body.conversation_history[0]).sort()).toEqual(['content', 'id', 'role', 'timestamp']);
  });

  it('is 400 for a bad query or id, 404 for another user, 200 for staff, 401 without a token', async () => {
    const id = await makeSession(s, owner.user.id);
    for (const q of ['limit=0', 'limit=201', 'offset=-1', 'format=xml', 'include_metadata=maybe', 'sort=desc']) {
      await request(app).get(`/api/chat/history/${id}?${q}`).set('Authorization', bearer(owner)).expect(400);
    }
    await request(app).get('/api/chat/history/nope').set('Authorization', bearer(owner)).expect(400);
    await request(app).get(`/api/chat/history/${id}`).set('Authorization', bearer(other)).expect(404);
    await request(app).get(`/api/chat/history/${id}`).set('Authorization', bearer(moderator)).expect(200);
    await request(app).get(`/api/chat/history/${id}`).expect(401);
  });
});

describe('POST /api/chat/reset', () => {
  it('archives the conversation (seed body and response); the rows stay', async () => {
    const id = await makeSession(s, owner.user.id);
    await makeMessages(s, owner.user.id, id, 4);
    const res = await request(app).post('/api/chat/reset').set('Authorization', bearer(owner)).send(seedResetBody(id))
      .expect(200);
    expect(res.body).toEqual({
      session_id: id,
      reset_summary: {
        conversation_cleared: true, context_reset: true, game_preserved: true, preferences_preserved: true,
        messages_archived: 4,
      },
      new_conversation_state: { message_count: 0, context_window: [], intent_history: [] },
      reset_timestamp: expect.any(String), status: 'conversation_reset_complete',
    });
    expect(await s.db.models.ChatMessage.count({ where: { sessionId: id } })).toBe(4);
    const history = await request(app).get(`/api/chat/history/${id}`).set('Authorization', bearer(owner)).expect(200);
    expect(history.body.conversation_history).toEqual([]);
    expect((await s.db.models.Session.findByPk(id))?.preferences).toEqual({ auto_save: true });
  });

  it('writes messages from job rows, and archives the answer of a request archived by a reset', async () => {
    const { sessionId, game } = await sessionWithGame();
    const version = await s.db.models.GameVersion.scope('summary').findOne({ where: { gameId: game.id, version: 1 } });
    const job = await s.db.models.Job.create({
      kind: 'modify', userId: owner.user.id, gameId: game.id, sessionId, baseVersion: 1, state: 'generating',
      workflowId: `job-test-${sessionId}`,
      idempotencyKey: null, request: { prompt: 'Make the player red' }, templateId: null, provider: null,
      errorCode: null, errorDetail: null,
      resultVersionId: null, startedAt: new Date(), finishedAt: null,
    });
    const before = await request(app).get(`/api/chat/history/${sessionId}`).set('Authorization', bearer(owner))
      .expect(200);
    expect(before.body.conversation_history).toEqual([expect.objectContaining({
      role: 'user', content: 'Make the player red', intent_detected: 'modify_visual',
    })]);
    await request(app).post('/api/chat/reset').set('Authorization', bearer(owner)).send(seedResetBody(sessionId))
      .expect(200);
    await job.update({ state: 'completed', finishedAt: new Date(), resultVersionId: version!.id });
    const after = await request(app).get(`/api/chat/history/${sessionId}`).set('Authorization', bearer(owner))
      .expect(200);
    expect(after.body.conversation_history).toEqual([]);
    const answer = await s.db.models.ChatMessage.findOne({ where: { jobId: job.id, role: 'assistant' } });
    expect(answer?.archivedAt).not.toBeNull();
    expect(answer?.metadata).toMatchObject({ job_state: 'completed', game_version: 1 });
  });

  it('releases the game and the preferences when asked', async () => {
    const { sessionId } = await sessionWithGame();
    await request(app).post('/api/chat/reset').set('Authorization', bearer(owner)).send({
      session_id: sessionId, reset_options: { preserve_game: false, preserve_preferences: false },
    }).expect(200);
    const read = await request(app).get(`/api/sessions/${sessionId}`).set('Authorization', bearer(owner)).expect(200);
    expect(read.body.current_game).toBeNull();
    expect(read.body.preferences).toEqual({});
    const chat = await request(app).post('/api/chat/message').set('Authorization', bearer(owner))
      .send(seedChatBody(sessionId)).expect(409);
    expect(chat.body.error_code).toBe('no_game');
  });

  it('is 400 for a bad body, 404 for another user, 403 for staff, 409 once expired, 401 without a token', async () => {
    const id = await makeSession(s, owner.user.id);
    await request(app).post('/api/chat/reset').set('Authorization', bearer(owner))
      .send({ ...seedResetBody(id), wipe: true }).expect(400);
    await request(app).post('/api/chat/reset').set('Authorization', bearer(owner)).send({ session_id: 'x' })
      .expect(400);
    await request(app).post('/api/chat/reset').set('Authorization', bearer(other)).send(seedResetBody(id)).expect(404);
    await request(app).post('/api/chat/reset').set('Authorization', bearer(moderator)).send(seedResetBody(id))
      .expect(403);
    await request(app).post('/api/chat/reset').send(seedResetBody(id)).expect(401);
    const expired = await makeSession(s, owner.user.id, { expired: true });
    await request(app).post('/api/chat/reset').set('Authorization', bearer(owner)).send(seedResetBody(expired))
      .expect(409);
  });
});
