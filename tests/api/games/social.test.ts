// Ratings (1-5, one per player and game, never your own game, only public games; the average
// comes from the database trigger) and the throttled play counter.
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
let ann: U;
let ben: U;
let moderator: U;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  [
    owner, ann, ben, moderator,
  ] = await Promise.all([createUser(s), createUser(s), createUser(s), createUser(s, 'moderator')]);
});
afterAll(async () => s?.close());

const bearer = (u: U) => `Bearer ${u.token}`;
const rate = (gameId: string, u: U, body: object) => request(app).post(`/api/games/${gameId}/rating`)
  .set('Authorization', bearer(u)).send(body);

describe('POST/DELETE /api/games/:game_id/rating', () => {
  it('creates (201), replaces (200) and removes ratings; the trigger keeps the average', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    const first = await rate(game.id, ann, { rating: 4, review: 'Nice jumps' }).expect(201);
    expect(first.body).toEqual({
      id: expect.any(String), game_id: game.id, username: ann.user.username, rating: 4, review: 'Nice jumps',
      created_at: expect.any(String), updated_at: expect.any(String), game_rating: { rating: 4, rating_count: 1 },
    });
    const second = await rate(game.id, ben, { rating: 5 }).expect(201);
    expect(second.body.game_rating).toEqual({ rating: 4.5, rating_count: 2 });
    // Rating again replaces the first one: still two ratings.
    const replaced = await rate(game.id, ann, { rating: 1, review: null }).expect(200);
    expect(replaced.body)
      .toMatchObject({ id: first.body.id, rating: 1, review: null, game_rating: { rating: 3, rating_count: 2 } });
    expect(await s.db.models.Rating.count({ where: { gameId: game.id } })).toBe(2);
    const listed = await request(app).get(`/api/games/${game.id}`).expect(200);
    expect(listed.body.metadata).toMatchObject({ rating: 3, rating_count: 2 });

    const removed = await request(app).delete(`/api/games/${game.id}/rating`).set('Authorization', bearer(ben))
      .expect(200);
    expect(removed.body).toEqual({ game_id: game.id, game_rating: { rating: 1, rating_count: 1 } });
    const gone = await request(app).delete(`/api/games/${game.id}/rating`).set('Authorization', bearer(ben))
      .expect(404);
    expect(gone.body.error_code).toBe('not_found');
  });

  it('403 on your own game and on a game that is not public; 404 when the game is not visible', async () => {
    const pub = await makeGame(s, owner.user.id, { isPublic: true });
    const priv = await makeGame(s, owner.user.id);
    expect((await rate(pub.id, owner, { rating: 5 }).expect(403)).body.error_code).toBe('own_game');
    expect((await rate(priv.id, owner, { rating: 5 }).expect(403)).body.error_code).toBe('own_game');
    await rate(priv.id, ann, { rating: 5 }).expect(404);
    // Staff can see a private game but its rating would mean nothing.
    expect((await rate(priv.id, moderator, { rating: 5 }).expect(403)).body.error_code).toBe('not_public');
    await request(app).delete(`/api/games/${priv.id}/rating`).set('Authorization', bearer(ann)).expect(404);
    await expectNoRatings(pub.id);
  });

  it('400 for ratings outside 1-5, fractions, unknown fields; 401 without token', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    for (const body of [
      { rating: 0 }, { rating: 6 }, { rating: 3.5 }, { rating: '4' }, {}, { rating: 4, stars: 4 },
      { rating: 4, review: 'x'.repeat(5001) },
    ]) {
      await rate(game.id, ann, body).expect(400);
    }
    await request(app).post(`/api/games/${game.id}/rating`).send({ rating: 4 }).expect(401);
    await request(app).delete(`/api/games/${game.id}/rating`).expect(401);
    await request(app).post('/api/games/not-a-game/rating').set('Authorization', bearer(ann)).send({ rating: 4 })
      .expect(400);
    await expectNoRatings(game.id);
  });
});

async function expectNoRatings(gameId: string): Promise<void> {
  const game = await s.db.models.Game.findByPk(gameId);
  expect({ avg: game!.ratingAvg, count: game!.ratingCount }).toEqual({ avg: 0, count: 0 });
}

describe('POST /api/games/:game_id/play', () => {
  it('counts one play per player or IP per 10 minutes', async () => {
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    const play = (opts: { user?: U; ip?: string } = {}) => {
      const r = request(app).post(`/api/games/${game.id}/play`);
      if (opts.user) void r.set('Authorization', bearer(opts.user));
      // The app trusts X-Forwarded-For from loopback, as behind a local proxy.
      if (opts.ip) void r.set('X-Forwarded-For', opts.ip);
      return r.expect(200);
    };
    expect((await play({ ip: '203.0.113.7' })).body).toEqual({ game_id: game.id, play_count: 1, counted: true });
    expect((await play({ ip: '203.0.113.7' })).body).toEqual({ game_id: game.id, play_count: 1, counted: false });
    expect((await play({ ip: '203.0.113.8' })).body).toMatchObject({ play_count: 2, counted: true });
    expect((await play({ user: ann, ip: '203.0.113.7' })).body).toMatchObject({ play_count: 3, counted: true });
    // Signed in, the player is the key, wherever they connect from.
    expect((await play({ user: ann, ip: '198.51.100.1' })).body).toMatchObject({ play_count: 3, counted: false });
    const ttl = await s.redis.ttl(`play:${game.id}:user:${ann.user.id}`);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    const stored = await s.db.models.Game.findByPk(game.id);
    expect(stored!.playCount).toBe(3);
    // A play is not an edit: the game's updated_at stays.
    expect(stored!.updatedAt.getTime()).toBe(game.updatedAt.getTime());
  });

  it('does not count private previews, hides private games from others, 400/401 on bad input', async () => {
    const priv = await makeGame(s, owner.user.id);
    const res = await request(app).post(`/api/games/${priv.id}/play`).set('Authorization', bearer(owner)).expect(200);
    expect(res.body).toEqual({ game_id: priv.id, play_count: 0, counted: false });
    await request(app).post(`/api/games/${priv.id}/play`).expect(404);
    await request(app).post(`/api/games/${priv.id}/play`).set('Authorization', bearer(ann)).expect(404);
    await request(app).post('/api/games/123/play').expect(400);
    await request(app).post(`/api/games/${priv.id}/play`).set('Authorization', 'Bearer expired-or-forged-token')
      .expect(401);
  });
});
