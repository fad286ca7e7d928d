// With no API key at all, a job started through the API completes with the offline engine,
// its progress arrives on the socket in order, and the version is stored exactly once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { startJob } from '../../api/services/jobs.ts';
import { rollbackGame } from '../../api/services/games.ts';
import { readConfig } from '../../game/offline/index.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { listenTestApp } from '../helpers/app.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createSession, createUser } from '../helpers/users.ts';
import { collectJobEvents, type Collected } from '../helpers/events.ts';

let s: Services;
let worker: TestWorker;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let owner: Awaited<ReturnType<typeof createUser>>;
let socket: Socket;

beforeAll(async () => {
  s = await connectServices();
  // No OPENAI/ANTHROPIC key: the chain is the offline engine alone.
  const cfg = testConfig(s, { LLM_PROVIDERS: 'openai,anthropic,offline' });
  worker = await startTestWorker(s, cfg);
  api = await listenTestApp(s, { cfg });
  owner = await createUser(s);
  socket = connect(api.base, { auth: { token: owner.token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}, 60_000);

afterAll(async () => {
  socket?.close();
  await api?.close();
  await worker?.stop();
  await s?.close();
});

const seedBody = {
  description: 'Create a blue platformer game where the player can jump on platforms to reach a golden coin at the '
    + 'top. Make the platforms green and add some simple physics.',
  game_type: 'platformer',
  preferences: { canvas_width: 800, canvas_height: 600, difficulty: 'medium', engine: 'phaser3', style: 'cartoon' },
  template_id: 'basic_platformer',
  advanced_options: { include_sound: false, mobile_optimized: true, performance_mode: 'balanced' },
};

describe('offline pipeline through the API', () => {
  it('generates, streams ordered progress, and stores one version', async () => {
    expect(worker.cfg.LLM_PROVIDERS).toEqual(['openai', 'anthropic', 'offline']);
    const sessionId = await createSession(s, owner.user.id);
    // Subscribing to the session first means every event of the job arrives, from seq 1.
    const sub = (await socket.emitWithAck('subscribe', { session_id: sessionId })) as { ok: boolean };
    expect(sub.ok).toBe(true);
    const events: Collected = collectJobEvents(socket);

    const res = await request(api.app).post('/api/games/generate').set('Authorization', `Bearer ${owner.token}`)
      .send({ ...seedBody, session_id: sessionId }).expect(202);
    expect(res.body).toEqual({
      job_id: expect.any(String), game_id: expect.any(String), status: 'queued',
      status_url: `/api/jobs/${res.body.job_id}`,
    });

    const done = await events.until(res.body.job_id, 30_000);
    expect(done.name).toBe('job:completed');
    const seqs = events.progress(res.body.job_id).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // 1, 2, 3… no gap, no duplicate
    const states = events.progress(res.body.job_id).map((e) => e.state);
    expect(states).toEqual(expect.arrayContaining(['generating', 'validating', 'scanning', 'versioning', 'completed']));
    expect(states.at(-1)).toBe('completed');
    expect(events.progress(res.body.job_id).find((e) => e.step === 'generate:offline')?.provider).toBe('offline');

    const versions = await s.db.models.GameVersion.findAll({ where: { gameId: res.body.game_id } });
    expect(versions).toHaveLength(1);
    expect(versions[0]!.jobId).toBe(res.body.job_id);
    expect(versions[0]!.provider).toBe('offline');
    const config = readConfig(versions[0]!.content)!;
    expect(config.player_color).toBe('#3498db');
    expect(config.coin_color).toBe('#f1c40f');
    expect(config.platform_color).toBe('#2ecc71'); // Make the platforms green
    const job = await s.db.models.Job.findByPk(res.body.job_id);
    expect(job?.state).toBe('completed');
    expect(job?.finishedAt).not.toBeNull();
    const attempts = await s.db.models.ProviderAttempt.findAll({ where: { jobId: res.body.job_id } });
    expect(attempts.map((a) => [a.provider, a.status])).toEqual([['offline', 'succeeded']]);
    const game = await s.db.models.Game.findByPk(res.body.game_id);
    expect(game?.currentVersion).toBe(1);
    // Named by the title the game shows (its config's), not the template's placeholder <title>.
    expect(game?.title).toBe(config.title);
    expect(game?.title).not.toBe('Playforge game');

    // A late client gets the final snapshot from the workflow's progress query.
    const snap = await request(api.app).get(`/api/jobs/${res.body.job_id}`)
      .set('Authorization', `Bearer ${owner.token}`).expect(200);
    expect(snap.body).toMatchObject({
      job_id: res.body.job_id, state: 'completed', percent: 100, version: 1, seq: seqs.at(-1),
    });
  }, 60_000);

  it('answers the seed\'s full response with Prefer: wait, and an Idempotency-Key returns the same job', async () => {
    const res = await request(api.app).post('/api/games/generate').set('Authorization', `Bearer ${owner.token}`)
      .set('Prefer', 'wait=30').set('Idempotency-Key', 'seed-example-0001').send(seedBody).expect(200);
    expect(res.body).toMatchObject({
      game_id: expect.any(String), version: 1, game_code: expect.stringMatching(/^<!DOCTYPE html>/i),
      metadata: { game_type: 'platformer', template_used: 'basic_platformer', code_size: expect.any(Number) },
      conversation_context: { initial_prompt: seedBody.description, ai_interpretation: expect.any(String) },
      validation_results: {
        security_score: expect.any(Number), code_quality: expect.any(Number), warnings: expect.any(Array),
      },
      assets: { sprites: [], sounds: [] },
    });
    const again = await request(api.app).post('/api/games/generate').set('Authorization', `Bearer ${owner.token}`)
      .set('Idempotency-Key', 'seed-example-0001').send(seedBody).expect(202);
    expect(again.body.job_id).toBe(res.body.job_id);
    expect(await s.db.models.GameVersion.count({ where: { gameId: res.body.game_id } })).toBe(1);
  }, 60_000);

  it('a change request makes version 2 from version 1 ("make the player red and jump higher")', async () => {
    const first = await request(api.app).post('/api/games/generate').set('Authorization', `Bearer ${owner.token}`)
      .set('Prefer', 'wait=30').send(seedBody).expect(200);
    const { job } = await startJob(api.jobs, { id: owner.user.id, role: 'user', username: owner.user.username }, {
      kind: 'modify', gameId: first.body.game_id, prompt: 'Make the player red and jump higher',
    });
    const result = await s.client.workflow.getHandle(job.workflowId!).result();
    expect(result).toMatchObject({ state: 'completed', version: 2, provider: 'offline' });
    const [v1, v2] = await s.db.models.GameVersion.findAll({
      where: { gameId: first.body.game_id }, order: [['version', 'ASC']],
    });
    expect(v2!.parentVersionId).toBe(v1!.id);
    const before = readConfig(v1!.content)!;
    const after = readConfig(v2!.content)!;
    expect(after.player_color).toBe('#e74c3c');
    expect(Number(after.jump_strength)).toBeGreaterThan(Number(before.jump_strength));
    expect(v2!.changeSummary).toMatch(/red/i);

    // Rollback: a new version 3 whose content equals version 1; history is kept.
    const callerOwner = { id: owner.user.id, role: 'user' as const, username: owner.user.username };
    const v3 = await rollbackGame(s.db, callerOwner, first.body.game_id, 1);
    expect(v3.version).toBe(3);
    expect(v3.contentHash).toBe(v1!.contentHash);
    expect(v3.parentVersionId).toBe(v2!.id);
    expect((await s.db.models.Game.findByPk(first.body.game_id))?.currentVersion).toBe(3);
    await expect(rollbackGame(s.db, callerOwner, first.body.game_id, 3)).rejects
      .toMatchObject({ errorCode: 'already_current' });
    expect(await s.db.models.GameVersion.count({ where: { gameId: first.body.game_id } })).toBe(3);
  }, 60_000);

  it('another user can neither read nor subscribe to the job', async () => {
    const res = await request(api.app).post('/api/games/generate').set('Authorization', `Bearer ${owner.token}`)
      .send(seedBody).expect(202);
    const other = await createUser(s);
    await request(api.app).get(`/api/jobs/${res.body.job_id}`).set('Authorization', `Bearer ${other.token}`)
      .expect(404);
    const intruder = connect(api.base, {
      auth: { token: other.token }, transports: ['websocket'], reconnection: false,
    });
    try {
      type Ack = { ok: boolean; error_code?: string };
      const ack = (await intruder.emitWithAck('subscribe', { job_id: res.body.job_id })) as Ack;
      expect(ack).toEqual({ ok: false, error_code: 'not_found', detail: 'job not found' });
    } finally {
      intruder.close();
    }
    await request(api.app).post('/api/games/generate').send(seedBody).expect(401);
  }, 30_000);
});
