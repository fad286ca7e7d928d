// Remix (a public game's version becomes version 1 of a new game in the caller's account,
// linked both ways) and the version picture route the app shows thumbnails from.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createSession, createUser } from '../../helpers/users.ts';
import { makeGame } from './fixtures.ts';

let s: Services;
let app: Express;
type U = Awaited<ReturnType<typeof createUser>>;
let owner: U;
let player: U;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  [owner, player] = await Promise.all([createUser(s), createUser(s)]);
});
afterAll(async () => s?.close());

const remix = (gameId: string, u: U, body: object = {}) =>
  request(app).post(`/api/games/${gameId}/remix`).set('Authorization', `Bearer ${u.token}`).send(body);

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe('POST /api/games/:game_id/remix', () => {
  it("201: a new game of the caller's, version 1 with the source's content, linked both ways", async () => {
    const game = await makeGame(s, owner.user.id, {
      isPublic: true, tags: ['arcade'], versions: [{ summary: 'first' }, { summary: 'second' }],
    });
    const sessionId = await createSession(s, player.user.id);
    const res = await remix(game.id, player, { version: 1, session_id: sessionId }).expect(201);
    expect(res.body).toMatchObject({
      title: 'Sky Hopper (remix)', creator_username: player.user.username, remixed_from: game.id, is_public: false,
      current_version: 1, status: 'active', tags: ['arcade'],
    });
    expect(res.headers.location).toBe(`/api/games/${res.body.id}`);
    const [copy, source] = await Promise.all([
      s.db.models.GameVersion.findOne({ where: { gameId: res.body.id, version: 1 } }),
      s.db.models.GameVersion.findOne({ where: { gameId: game.id, version: 1 } }),
    ]);
    expect(copy!.content).toBe(source!.content);
    expect(copy!.changes).toEqual([{ type: 'remix', from_game: game.id, from_version: 1 }]);
    expect((await s.db.models.Session.findByPk(sessionId))!.currentGameId).toBe(res.body.id);

    const remixed = await request(app).get(`/api/games/${res.body.id}?format=summary&include_history=true`)
      .set('Authorization', `Bearer ${player.token}`).expect(200);
    expect(remixed.body.metadata.remixed_from).toEqual({ game_id: game.id, version: 1, title: 'Sky Hopper' });
    expect(remixed.body.version_history[0].changes).toEqual(['remix']);
    const original = await request(app).get(`/api/games/${game.id}?format=summary`).expect(200);
    expect(original.body.metadata).toMatchObject({ remixed_from: null, remix_count: 1 });
  });

  it('without a version, the one the public is shown', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true, versions: [{}, {}, { review: 'pending' }] });
    const res = await remix(game.id, player).expect(201);
    const row = await s.db.models.Game.findByPk(res.body.id);
    expect(row!.remixedFromVersion).toBe(2);
  });

  it('refuses what is not public (403 to its owner, 404 to others), hidden versions, foreign sessions', async () => {
    const hidden = await makeGame(s, owner.user.id, { isPublic: false });
    expect((await remix(hidden.id, owner).expect(403)).body.error_code).toBe('not_public');
    await remix(hidden.id, player).expect(404);
    const game = await makeGame(s, owner.user.id, { isPublic: true, versions: [{}, { review: 'pending' }] });
    await remix(game.id, player, { version: 2 }).expect(404);
    await remix(game.id, player, { version: 9 }).expect(404);
    const ownersSession = await createSession(s, owner.user.id);
    await remix(game.id, player, { session_id: ownersSession }).expect(404);
    await remix(game.id, player, { version: 0 }).expect(400);
    await remix(game.id, player, { version: 1, extra: true }).expect(400);
    expect(await s.db.models.Game.count({ where: { remixedFrom: game.id } })).toBe(0);
  });
});

describe('GET /api/games/:game_id/versions/:version/thumbnail', () => {
  it("answers the version's PNG with the game's visibility, 404 thumbnail_not_ready without one", async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: false, versions: [{}, {}] });
    await s.db.models.GameVersion.update({ thumbnailPng: PNG }, { where: { gameId: game.id, version: 1 } });
    const path = `/api/games/${game.id}/versions/1/thumbnail`;
    const res = await request(app).get(path).set('Authorization', `Bearer ${owner.token}`).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toMatch(/^private/);
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    await request(app).get(path).expect(404);
    await request(app).get(path).set('Authorization', `Bearer ${player.token}`).expect(404);
    const none = await request(app).get(`/api/games/${game.id}/versions/2/thumbnail`)
      .set('Authorization', `Bearer ${owner.token}`).expect(404);
    expect(none.body.error_code).toBe('thumbnail_not_ready');
    await request(app).get(`/api/games/${game.id}/versions/1e3/thumbnail`).expect(400);
    await game.update({ isPublic: true });
    await request(app).get(path).expect(200);
  });
});
