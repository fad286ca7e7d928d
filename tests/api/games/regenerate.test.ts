// POST /api/games/:game_id/regenerate with a real worker and the offline engine (no LLM key):
// the seed's body starts a 'regenerate' job on the current version; with Prefer: wait the
// answer is the seed's shape, without it 202 + job. The generation quota applies (429).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../../helpers/worker.ts';
import { createSession, createUser } from '../../helpers/users.ts';
import { makeGame } from './fixtures.ts';

let s: Services;
let worker: TestWorker;
let app: Express;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  s = await connectServices();
  const cfg = testConfig(s, { LLM_PROVIDERS: 'openai,anthropic,offline' });
  worker = await startTestWorker(s, cfg);
  app = (await buildTestApp(s, { cfg })).app;
  owner = await createUser(s);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await s?.close();
});

const seedBody = {
  modifications: {
    change_engine: 'three.js', enhance_graphics: true, optimization: 'performance',
    new_features: ['3d_graphics', 'advanced_physics'],
  },
  preserve: { conversation_history: true, user_preferences: true, session_state: true },
  regeneration_reason: 'engine_upgrade',
};

async function settle(jobId: string): Promise<void> {
  const job = await s.db.models.Job.findByPk(jobId);
  await s.client.workflow.getHandle(job!.workflowId!).result();
}

describe('POST /api/games/:game_id/regenerate', () => {
  it("answers the seed's body with the seed's response under Prefer: wait", async () => {
    const sessionId = await createSession(s, owner.user.id);
    const made = await request(app).post('/api/games/generate').set('Authorization', `Bearer ${owner.token}`)
      .set('Prefer', 'wait=30')
      .send({
        description: 'A blue platformer where the player jumps on green platforms to reach a golden coin',
        template_id: 'basic_platformer', session_id: sessionId,
      })
      .expect(200);
    const gameId: string = made.body.game_id;
    const res = await request(app).post(`/api/games/${gameId}/regenerate`).set('Authorization', `Bearer ${owner.token}`)
      .set('Prefer', 'wait=60')
      .send(seedBody).expect(200);
    expect(res.headers['preference-applied']).toBe('wait=60');
    expect(res.body).toEqual({
      job_id: expect.any(String), status: 'completed', game_id: gameId, new_version: 2,
      regeneration_summary: {
        // The offline engine only knows its canvas templates: the engine did not change, and the
        // answer says so rather than echoing the wish.
        engine_changed: null, graphics_enhanced: true, performance_optimized: true,
        features_added: ['3d_graphics', 'advanced_physics'],
      },
      game_code: expect.stringMatching(/^<!DOCTYPE html>/i),
      migration_notes: expect.any(Array),
      compatibility: { browser_support: expect.any(Array), performance_requirements: 'Canvas 2D' },
    });
    const job = await s.db.models.Job.findByPk(res.body.job_id);
    expect(job).toMatchObject({ kind: 'regenerate', baseVersion: 1, gameId, sessionId, provider: 'offline' });
    // The wishes became one plain request for the generator.
    expect((job!.request as { prompt: string }).prompt).toBe(
      'Use the three.js engine. Enhance the graphics. Optimize for performance. '
        + 'Add these features: 3d graphics, advanced physics. Reason: engine upgrade.',
    );
    const v2 = await s.db.models.GameVersion.findOne({ where: { gameId, version: 2 } });
    expect(v2!.jobId).toBe(job!.id);
    const detail = await request(app).get(`/api/games/${gameId}?include_history=true`)
      .set('Authorization', `Bearer ${owner.token}`).expect(200);
    expect(detail.body.current_version).toBe(2);
    expect(detail.body.version_history).toHaveLength(2);
  }, 120_000);

  it('answers 202 with the job without Prefer, and an Idempotency-Key returns the same job', async () => {
    const game = await makeGame(s, owner.user.id, { templateId: 'basic_platformer' });
    const first = await request(app).post(`/api/games/${game.id}/regenerate`)
      .set('Authorization', `Bearer ${owner.token}`)
      .set('Idempotency-Key', `regen-${game.id}`).send({ modifications: { player_color: 'red', more_enemies: true } })
        .expect(202);
    expect(first.body).toEqual({
      job_id: expect.any(String), game_id: game.id, status: 'queued', status_url: `/api/jobs/${first.body.job_id}`,
    });
    expect(first.headers.location).toBe(`/api/jobs/${first.body.job_id}`);
    // The retry is not refused as "a job is already running": it is that job.
    const again = await request(app).post(`/api/games/${game.id}/regenerate`)
      .set('Authorization', `Bearer ${owner.token}`)
      .set('Idempotency-Key', `regen-${game.id}`).send({ modifications: { player_color: 'red', more_enemies: true } })
        .expect(202);
    expect(again.body.job_id).toBe(first.body.job_id);
    const job = await s.db.models.Job.findByPk(first.body.job_id);
    expect((job!.request as { prompt: string }).prompt).toBe('Set player color to red. more enemies.');
    await settle(first.body.job_id);
  }, 120_000);

  it('429 when the generation quota is used up, without starting a job', async () => {
    // Both windows at 1, so a minute boundary between the two calls cannot let the second through.
    const tight = testConfig(
      s, { GENERATIONS_PER_MINUTE: '1', GENERATIONS_PER_DAY: '1', TEMPORAL_TASK_QUEUE: worker.cfg.TEMPORAL_TASK_QUEUE },
    );
    const limited = (await buildTestApp(s, { cfg: tight })).app;
    const player = await createUser(s);
    const [a, b] = await Promise.all([
      makeGame(s, player.user.id, { templateId: 'basic_platformer' }),
      makeGame(s, player.user.id, { templateId: 'basic_platformer' }),
    ]);
    const ok = await request(limited).post(`/api/games/${a.id}/regenerate`)
      .set('Authorization', `Bearer ${player.token}`).send(seedBody).expect(202);
    const res = await request(limited).post(`/api/games/${b.id}/regenerate`)
      .set('Authorization', `Bearer ${player.token}`).send(seedBody).expect(429);
    expect(res.body).toMatchObject({ error_code: 'rate_limited', context: { limit: 1, remaining: 0 } });
    expect(['minute', 'day']).toContain(res.body.context.window);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await s.db.models.Job.count({ where: { gameId: b.id } })).toBe(0);
    // A refusal (here 404) is answered before the quota, so it does not say 429.
    await request(limited).post('/api/games/00000000-0000-4000-8000-000000000000/regenerate')
      .set('Authorization', `Bearer ${player.token}`).send(seedBody).expect(404);
    await settle(ok.body.job_id);
  }, 120_000);
});
