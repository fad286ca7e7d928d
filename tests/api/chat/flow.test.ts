// The conversation end to end with a real worker and the offline engine (no API keys):
// session → game → change in words → version 2 → the history tells it in order; answers
// written from finished jobs when nobody waited; the socket's modification_request; and a
// deleted session's backup holding the conversation.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { readConfig } from '../../../game/offline/index.ts';
import { dataDirOf } from '../../../api/services/sessions.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { startTestWorker, testConfig, type TestWorker } from '../../helpers/worker.ts';
import { createUser } from '../../helpers/users.ts';
import { collectJobEvents } from '../../helpers/events.ts';
import { seedChatBody, SEED_SESSION_BODY } from '../sessions/fixtures.ts';

let s: Services;
let worker: TestWorker;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let owner: Awaited<ReturnType<typeof createUser>>;
const sockets: Socket[] = [];
const bearer = (t: { token: string }) => `Bearer ${t.token}`;

async function socketFor(token: string): Promise<Socket> {
  const socket = connect(api.base, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

beforeAll(async () => {
  s = await connectServices();
  const cfg = testConfig(s, { LLM_PROVIDERS: 'openai,anthropic,offline' });
  worker = await startTestWorker(s, cfg);
  api = await listenTestApp(s, { cfg });
  owner = await createUser(s);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await api?.close();
  await worker?.stop();
  await s?.close();
});

const GENERATE = {
  description: 'Create a blue platformer game where the player can jump on platforms to reach a golden coin '
    + 'at the top. Make the platforms green and add some simple physics.',
  game_type: 'platformer',
  preferences: { canvas_width: 800, canvas_height: 600, difficulty: 'medium', engine: 'phaser3', style: 'cartoon' },
  template_id: 'basic_platformer',
  advanced_options: { include_sound: false, mobile_optimized: true, performance_mode: 'balanced' },
};

async function sessionWithGame(): Promise<{ sessionId: string; gameId: string }> {
  const session = await request(api.app).post('/api/sessions/').set('Authorization', bearer(owner))
    .send(SEED_SESSION_BODY).expect(201);
  const game = await request(api.app).post('/api/games/generate').set('Authorization', bearer(owner))
    .set('Prefer', 'wait=60')
    .send({ ...GENERATE, session_id: session.body.session_id }).expect(200);
  return { sessionId: session.body.session_id, gameId: game.body.game_id };
}

interface Message {
  role: string;
  content: string;
  timestamp: string;
}
interface History {
  conversation_history: Message[];
  conversation_metadata: unknown;
  pagination: unknown;
}
interface Backup {
  conversation: (Message & { archived_at: string | null })[];
  games: { versions: { version: number }[] }[];
}

const history = async (sessionId: string): Promise<History> =>
  (await request(api.app).get(`/api/chat/history/${sessionId}?include_metadata=true`)
    .set('Authorization', bearer(owner)).expect(200)).body as History;

describe('chat with the offline engine', () => {
  let sessionId: string;
  let gameId: string;

  it('session → generate → "Make the player red and increase jump height" → version 2, and a 4-message history',
    async () => {
    ({ sessionId, gameId } = await sessionWithGame());
    const res = await request(api.app).post('/api/chat/message').set('Authorization', bearer(owner))
      .set('Prefer', 'wait=60')
      .send(seedChatBody(sessionId, 'Make the player red and increase jump height')).expect(200);
    expect(res.headers['preference-applied']).toBe('wait=60');
    expect(res.body).toMatchObject({
      game_id: gameId, session_id: sessionId, status: 'completed',
      response: expect.stringMatching(/^I've updated your game!/),
      game_code: expect.stringMatching(/^<!DOCTYPE html>/i),
      modifications: {
        summary: expect.any(String), total_lines_changed: expect.any(Number), modification_time: expect.any(Number),
        validation_passed: true,
      },
      conversation_context: {
        intent_detected: 'modify_visual_and_gameplay', confidence: expect.any(Number),
        elements_identified: {
          colors: ['red'], targets: ['player'], actions: ['jump_strength'], modifiers: ['increase'],
        },
        preserved_features: expect.arrayContaining(['jumping']), suggested_next_steps: expect.any(Array),
      },
      version_info: {
        previous_version: 1, new_version: 2, rollback_available: true, change_history_id: expect.any(String),
      },
      performance_metrics: {
        generation_time: expect.any(Number), code_quality_score: expect.any(Number), performance_impact: 'minimal',
        compatibility_maintained: true,
      },
    });
    expect(readConfig(res.body.game_code)?.player_color).toBe('#e74c3c');
    expect(res.body.modifications.total_lines_changed).toBeGreaterThanOrEqual(1);
    const changes = res.body.modifications.changes as { type: string }[];
    const color = changes.find((c) => c.type === 'color_modification');
    expect(color).toMatchObject({
      impact: 'visual_only',
      code_location: {
        file_section: 'game_config', line_numbers: [expect.any(Number)], before: '"player_color": "#3498db"',
        after: '"player_color": "#e74c3c"',
      },
    });
    expect(changes.map((c) => c.type)).toContain('physics_modification');

    const h = await history(sessionId);
    expect(h.conversation_history.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const [create, created, ask, answer] = h.conversation_history;
    expect(create).toMatchObject({
      content: GENERATE.description, intent_detected: 'create_game',
      elements_identified: { colors: ['blue', 'golden', 'green'], game_type: 'platformer' },
      confidence: expect.any(Number),
    });
    expect(created).toMatchObject({
      game_version_created: 1, modifications_applied: [], generation_time: expect.any(Number),
      template_used: 'basic_platformer',
    });
    expect(ask).toMatchObject({
      content: 'Make the player red and increase jump height', intent_detected: 'modify_visual_and_gameplay',
      job_id: res.body.job_id,
    });
    expect(answer).toMatchObject({
      content: res.body.response, game_version_created: 2,
      modifications_applied: expect.arrayContaining(['player_color_change', 'jump_strength_adjustment']),
      modification_time: expect.any(Number),
    });
    const times = h.conversation_history.map((m) => Date.parse(m.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(h.conversation_metadata).toMatchObject({
      total_messages: 4, game_versions_created: 2,
      intent_distribution: { create_game: 1, modify_visual: 1, modify_gameplay: 1 },
    });
    expect(h.pagination).toEqual({ current_page: 1, total_pages: 1, has_more: false });

    const session = await request(api.app).get(`/api/sessions/${sessionId}`).set('Authorization', bearer(owner))
      .expect(200);
    expect(session.body).toMatchObject({
      status: 'active', current_game: { game_id: gameId, current_version: 2, game_type: 'platformer' },
      conversation_stats: { total_messages: 4, total_modifications: 1 },
    });
  }, 120_000);

  it('writes the answer from the finished job when nobody waited (once, even when read concurrently)', async () => {
    const res = await request(api.app).post('/api/chat/message').set('Authorization', bearer(owner))
      .send({ message: 'Make the coins purple', session_id: sessionId, context: { current_game_version: 1 } })
        .expect(202);
    const result = await s.client.workflow.getHandle(`job-${res.body.job_id}`).result();
    expect(result).toMatchObject({ state: 'completed', version: 3 });
    expect(await s.db.models.ChatMessage.count({ where: { jobId: res.body.job_id, role: 'assistant' } })).toBe(0);
    const reads = await Promise.all([history(sessionId), history(sessionId), history(sessionId)]);
    for (const h of reads) expect(h.conversation_history).toHaveLength(6);
    expect(await s.db.models.ChatMessage.count({ where: { jobId: res.body.job_id, role: 'assistant' } })).toBe(1);
    expect(reads[0].conversation_history[5])
      .toMatchObject({ role: 'assistant', game_version_created: 3, job_id: res.body.job_id });
    // The base named in the context was used: version 3 descends from version 1, not 2.
    const [
      v1, v3,
    ] = await Promise.all([
      1, 3,
    ].map((version) => s.db.models.GameVersion.scope('summary').findOne({ where: { gameId, version } })));
    expect(v3!.parentVersionId).toBe(v1!.id);
  }, 120_000);

  it('answers a change that failed too (422 when waiting, and a failure message in the history)', async () => {
    const res = await request(api.app).post('/api/chat/message').set('Authorization', bearer(owner))
      .set('Prefer', 'wait=60')
      .send({ message: 'hello there', session_id: sessionId }).expect(422);
    expect(res.body.context).toMatchObject({ state: 'failed' });
    const last = (await history(sessionId)).conversation_history.at(-1);
    expect(last).toMatchObject({
      role: 'assistant', game_version_created: null, job_state: 'failed',
      content: expect.stringMatching(/^I couldn't make that change/),
    });
  }, 120_000);

  it('handles the socket modification_request: ack with the job, then job:completed on that socket', async () => {
    const socket = await socketFor(owner.token);
    const events = collectJobEvents(socket);
    await socket.emitWithAck('subscribe', { session_id: sessionId });
    type GameUpdate = { version: number; game_code: string; changes: { summary: string } };
    const update = new Promise<GameUpdate>((r) => socket.once('game_update', r));
    const ack = (await socket.emitWithAck('modification_request', {
      type: 'modification_request', message: 'Make the player green', timestamp: '2024-01-15T10:35:00Z',
      context: { current_version: 2, viewing_area: 'game_preview' }, session_id: sessionId,
    })) as { ok: boolean; job_id: string };
    expect(ack)
      .toMatchObject({ ok: true, job_id: expect.any(String), game_id: gameId, status_url: `/api/jobs/${ack.job_id}` });
    const done = await events.until(ack.job_id, 60_000);
    expect(done.name).toBe('job:completed');
    expect(done.payload.version).toBe(4);
    // The seed's game_update reaches the session's room with the new code.
    const got = await update;
    expect(got).toMatchObject({
      type: 'game_update', version: 4, game_code: expect.stringMatching(/^<!DOCTYPE html>/i),
      changes: { summary: expect.stringMatching(/green/i) },
    });
    const last = (await history(sessionId)).conversation_history.slice(-2);
    expect(last).toMatchObject([
      { role: 'user', content: 'Make the player green', metadata: { channel: 'socket', viewing_area: 'game_preview' } },
      { role: 'assistant', game_version_created: 4 },
    ]);
  }, 120_000);

  it('refuses bad socket requests with {ok:false, error_code, detail}', async () => {
    const socket = await socketFor(owner.token);
    const invalid = await socket.emitWithAck(
      'modification_request', { type: 'modification_request', message: 'Make it red' },
    );
    expect(invalid)
      .toMatchObject({ ok: false, error_code: 'validation_error', detail: expect.stringMatching(/session_id/) });
    const stranger = await createUser(s);
    const intruder = await socketFor(stranger.token);
    expect(await intruder.emitWithAck('modification_request', { message: 'Make it red', session_id: sessionId }))
      .toEqual({ ok: false, error_code: 'not_found', detail: 'session not found' });
    const empty = await request(api.app).post('/api/sessions/').set('Authorization', bearer(owner)).send({})
      .expect(201);
    expect(await socket.emitWithAck(
      'modification_request', { message: 'Make it red', session_id: empty.body.session_id },
    ))
      .toMatchObject({ ok: false, error_code: 'no_game' });
  }, 60_000);

  it('deleting the session writes a backup that holds the conversation', async () => {
    const res = await request(api.app).delete(`/api/sessions/${sessionId}?force=false&backup_data=true`)
      .set('Authorization', bearer(owner)).expect(200);
    expect(res.body)
      .toMatchObject({ status: 'session_deleted', backup_location: `backups/sessions/${sessionId}.json` });
    const file = join(dataDirOf(s.cfg), res.body.backup_location);
    const backup = JSON.parse(readFileSync(file, 'utf8')) as Backup;
    rmSync(file);
    const contents = backup.conversation.map((m) => m.content);
    expect(contents).toEqual(expect.arrayContaining([
      GENERATE.description, 'Make the player red and increase jump height', 'Make the player green',
    ]));
    expect(backup.conversation).toHaveLength(10);
    expect(backup.conversation.every((m) => m.archived_at === null)).toBe(true);
    expect(backup.games).toHaveLength(1);
    expect(backup.games[0]!.versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    await request(api.app).get(`/api/chat/history/${sessionId}`).set('Authorization', bearer(owner)).expect(404);
  }, 60_000);
});
