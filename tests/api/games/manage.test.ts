// PATCH /api/games/:game_id, POST …/rollback and the refusals of POST …/regenerate (the
// jobs themselves run in regenerate.test.ts, with a worker). Owner only: others who can see
// the game get 403, others 404.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createUser } from '../../helpers/users.ts';
import { makeGame } from './fixtures.ts';

let s: Services;
let app: Express;
type U = Awaited<ReturnType<typeof createUser>>;
let owner: U;
let stranger: U;
let moderator: U;
let admin: U;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  [
    owner, stranger, moderator, admin,
  ] = await Promise.all([createUser(s), createUser(s), createUser(s, 'moderator'), createUser(s, 'admin')]);
});
afterAll(async () => s?.close());

const bearer = (u: U) => `Bearer ${u.token}`;

describe('PATCH /api/games/:game_id', () => {
  it('lets the owner change title, description, tags and visibility, and audits it', async () => {
    const game = await makeGame(s, owner.user.id);
    const res = await request(app).patch(`/api/games/${game.id}`).set('Authorization', bearer(owner))
      .send({
        title: '  Moon Hopper ', description: 'Hop to the moon', tags: ['Space', 'space', 'jump-n-run'],
        is_public: true,
      }).expect(200);
    expect(res.body).toMatchObject({
      id: game.id, title: 'Moon Hopper', description: 'Hop to the moon', tags: ['space', 'jump-n-run'], is_public: true,
      creator_username: owner.user.username,
    });
    await game.reload();
    expect(game.isPublic).toBe(true);
    const audit = await s.db.models.AuditLog.findOne({ where: { action: 'game.update', targetId: game.id } });
    expect(audit?.actorId).toBe(owner.user.id);
    // Now public, anyone can read it.
    await request(app).get(`/api/games/${game.id}`).expect(200);
    await request(app).patch(`/api/games/${game.id}`).set('Authorization', bearer(owner)).send({ is_public: false })
      .expect(200);
    await request(app).get(`/api/games/${game.id}`).expect(404);
  });

  it('validates the body: tags (at most 10, each 1-30 of a-z 0-9 -), title length, unknown fields, empty body',
    async () => {
    const game = await makeGame(s, owner.user.id);
    const send = (body: unknown) => request(app).patch(`/api/games/${game.id}`).set('Authorization', bearer(owner))
      .send(body as object);
    const eleven = Array.from({ length: 11 }, (_, i) => `tag-${i}`);
    expect((await send({ tags: eleven }).expect(400)).body.detail).toMatch(/at most 10 tags/);
    expect((await send({ tags: ['no spaces'] }).expect(400)).body.context.field).toBe('tags.0');
    await send({ tags: ['x'.repeat(31)] }).expect(400);
    await send({ title: 'ab' }).expect(400);
    await send({ is_public: 'yes' }).expect(400);
    await send({ owner_id: stranger.user.id }).expect(400);
    await send({ rating_avg: 5 }).expect(400);
    await send({}).expect(400);
    // Ten distinct tags are fine; duplicates do not count twice.
    await send({ tags: [...eleven.slice(0, 10), 'tag-0'] }).expect(200);
  });

  it('403 for someone who can see but not change it, 404 for someone who cannot see it, 401 without token',
    async () => {
    const priv = await makeGame(s, owner.user.id);
    const pub = await makeGame(s, owner.user.id, { isPublic: true });
    await request(app).patch(`/api/games/${priv.id}`).set('Authorization', bearer(stranger)).send({ title: 'Mine now' })
      .expect(404);
    const forbidden = await request(app).patch(`/api/games/${pub.id}`).set('Authorization', bearer(stranger))
      .send({ title: 'Mine now' }).expect(403);
    expect(forbidden.body.error_code).toBe('forbidden');
    await request(app).patch(`/api/games/${priv.id}`).set('Authorization', bearer(moderator))
      .send({ title: 'Moderated' }).expect(403);
    // Admins may change any game (support).
    await request(app).patch(`/api/games/${priv.id}`).set('Authorization', bearer(admin))
      .send({ title: 'Fixed by support' }).expect(200);
    await request(app).patch(`/api/games/${priv.id}`).send({ title: 'Anyone' }).expect(401);
  });

  it('409 when making public a game with nothing playable', async () => {
    const draft = await makeGame(s, owner.user.id, { versions: [] });
    const res = await request(app).patch(`/api/games/${draft.id}`).set('Authorization', bearer(owner))
      .send({ is_public: true }).expect(409);
    expect(res.body).toMatchObject({ error_code: 'not_playable', context: { status: 'draft' } });
  });
});

describe('POST /api/games/:game_id/rollback', () => {
  it('makes a new version equal to the old one (201) and moves the current version', async () => {
    const game = await makeGame(s, owner.user.id, { versions: [{}, {}] });
    const res = await request(app).post(`/api/games/${game.id}/rollback`).set('Authorization', bearer(owner))
      .send({ version: 1 }).expect(201);
    expect(res.body).toMatchObject({
      game_id: game.id, rolled_back_to: 1, new_version: 3,
      version: {
        version: 3, description: 'Rollback to version 1', changes: ['rollback_to_version_1'], is_current: true,
        review_status: 'not_required',
      },
    });
    expect(res.headers.location).toBe(`/api/games/${game.id}?version=3`);
    const [
      v1, v3,
    ] = await Promise.all([
      1, 3,
    ].map((version) => s.db.models.GameVersion.findOne({ where: { gameId: game.id, version } })));
    expect(v3!.content).toBe(v1!.content);
    const detail = await request(app).get(`/api/games/${game.id}`).set('Authorization', bearer(owner)).expect(200);
    expect(detail.body).toMatchObject({ current_version: 3, rollback_options: { available_versions: [1, 2, 3] } });
  });

  it('409 for the current version and for versions never approved', async () => {
    const game = await makeGame(s, owner.user.id, { versions: [{}, { review: 'pending' }, { review: 'rejected' }] });
    const send = (version: number) => request(app).post(`/api/games/${game.id}/rollback`)
      .set('Authorization', bearer(owner)).send({ version });
    expect((await send(1).expect(409)).body.error_code).toBe('already_current');
    expect((await send(2).expect(409)).body.error_code).toBe('version_not_playable');
    expect((await send(3).expect(409)).body.error_code).toBe('version_not_playable');
    expect((await send(7).expect(404)).body.context).toMatchObject({ version: 7 });
  });

  it('400 for a bad body, 403/404 for others, 401 without token', async () => {
    const pub = await makeGame(s, owner.user.id, { isPublic: true, versions: [{}, {}] });
    const priv = await makeGame(s, owner.user.id, { versions: [{}, {}] });
    for (const body of [{}, { version: 0 }, { version: '1' }, { version: 1, force: true }]) {
      await request(app).post(`/api/games/${pub.id}/rollback`).set('Authorization', bearer(owner)).send(body)
        .expect(400);
    }
    await request(app).post(`/api/games/${pub.id}/rollback`).set('Authorization', bearer(stranger)).send({ version: 1 })
      .expect(403);
    await request(app).post(`/api/games/${priv.id}/rollback`).set('Authorization', bearer(stranger))
      .send({ version: 1 }).expect(404);
    await request(app).post(`/api/games/${priv.id}/rollback`).set('Authorization', bearer(moderator))
      .send({ version: 1 }).expect(403);
    await request(app).post(`/api/games/${priv.id}/rollback`).send({ version: 1 }).expect(401);
    expect(await s.db.models.GameVersion.count({ where: { gameId: pub.id } })).toBe(2);
  });
});

describe('POST /api/games/:game_id/regenerate (refusals)', () => {
  const seedBody = {
    modifications: {
      change_engine: 'three.js', enhance_graphics: true, optimization: 'performance',
      new_features: ['3d_graphics', 'advanced_physics'],
    },
    preserve: { conversation_history: true, user_preferences: true, session_state: true },
    regeneration_reason: 'engine_upgrade',
  };

  it('400 for a bad body, a bad id or a bad Idempotency-Key', async () => {
    const game = await makeGame(s, owner.user.id);
    const send = (body: unknown) => request(app).post(`/api/games/${game.id}/regenerate`)
      .set('Authorization', bearer(owner)).send(body as object);
    await send({}).expect(400);
    expect((await send({ modifications: {} }).expect(400)).body.context.field).toBe('modifications');
    await send({ modifications: { enhance_graphics: 'very' } }).expect(400);
    await send({ ...seedBody, preserve: { everything: true } }).expect(400);
    await send({ ...seedBody, extra: 1 }).expect(400);
    await request(app).post('/api/games/nope/regenerate').set('Authorization', bearer(owner)).send(seedBody)
      .expect(400);
    await request(app).post(`/api/games/${game.id}/regenerate`).set('Authorization', bearer(owner))
      .set('Idempotency-Key', 'x').send(seedBody).expect(400);
  });

  it('401 without token, 404 for a private game of someone else, 403 on a public one and for moderators', async () => {
    const priv = await makeGame(s, owner.user.id);
    const pub = await makeGame(s, owner.user.id, { isPublic: true });
    await request(app).post(`/api/games/${priv.id}/regenerate`).send(seedBody).expect(401);
    await request(app).post(`/api/games/${priv.id}/regenerate`).set('Authorization', bearer(stranger)).send(seedBody)
      .expect(404);
    await request(app).post(`/api/games/${pub.id}/regenerate`).set('Authorization', bearer(stranger)).send(seedBody)
      .expect(403);
    await request(app).post(`/api/games/${priv.id}/regenerate`).set('Authorization', bearer(moderator)).send(seedBody)
      .expect(403);
    expect(await s.db.models.Job.count({ where: { gameId: [priv.id, pub.id] } })).toBe(0);
  });

  it('409 when there is no version yet, or a job is already running on the game', async () => {
    const draft = await makeGame(s, owner.user.id, { versions: [] });
    const none = await request(app).post(`/api/games/${draft.id}/regenerate`).set('Authorization', bearer(owner))
      .send(seedBody).expect(409);
    expect(none.body.error_code).toBe('no_version');
    const busy = await makeGame(s, owner.user.id);
    const running = await s.db.models.Job.create({
      kind: 'modify', userId: owner.user.id, gameId: busy.id, sessionId: null, baseVersion: 1, state: 'generating',
      workflowId: `job-busy-${busy.id}`,
      idempotencyKey: null, templateId: null, provider: null, errorCode: null, errorDetail: null, resultVersionId: null,
      startedAt: new Date(), finishedAt: null,
    });
    const res = await request(app).post(`/api/games/${busy.id}/regenerate`).set('Authorization', bearer(owner))
      .send(seedBody).expect(409);
    expect(res.body).toMatchObject({ error_code: 'job_in_progress', context: { job_id: running.id } });
  });
});
