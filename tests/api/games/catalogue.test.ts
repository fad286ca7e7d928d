// GET /api/games (the public catalogue: only public and active games) and GET /api/games/mine
// (the caller's games, any status). Every test tags its games uniquely, so games other test
// files leave in the same database never disturb the counts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createUser } from '../../helpers/users.ts';
import { makeGame, tagOf } from './fixtures.ts';

let s: Services;
let app: Express;
type U = Awaited<ReturnType<typeof createUser>>;
let alice: U;
let bob: U;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  [alice, bob] = await Promise.all([createUser(s), createUser(s)]);
});
afterAll(async () => s?.close());

const titles = (body: { games: { title: string }[] }) => body.games.map((g) => g.title);

describe('GET /api/games (catalogue)', () => {
  it('lists only public, active games, in the seed\'s GameListResponse shape', async () => {
    const tag = tagOf();
    await makeGame(s, alice.user.id, { title: 'Listed One', isPublic: true, tags: [tag] });
    await makeGame(s, alice.user.id, { title: 'Private One', isPublic: false, tags: [tag] });
    await makeGame(s, alice.user.id, { title: 'Draft One', isPublic: true, versions: [], tags: [tag] });
    await makeGame(s, alice.user.id, { title: 'Rejected One', isPublic: true, status: 'rejected', tags: [tag] });
    await makeGame(s, alice.user.id, { title: 'Deleted One', isPublic: true, status: 'deleted', tags: [tag] });
    const res = await request(app).get(`/api/games?tag=${tag}`).expect(200);
    expect(res.body).toEqual({ games: [expect.any(Object)], total: 1, page: 1, per_page: 20, total_pages: 1 });
    expect(res.body.games[0]).toEqual({
      id: expect.any(String), title: 'Listed One', description: 'A jumping game', game_type: 'platformer',
      category: 'platformer',
      difficulty: 'medium', tags: [tag], is_public: true, is_featured: false, creator_username: alice.user.username,
      thumbnail_url: `/api/games/${res.body.games[0].id as string}/versions/1/thumbnail`, remixed_from: null,
      status: 'active', current_version: 1, play_count: 0, rating: 0, rating_count: 0, created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain(alice.user.email);
  });

  it('filters by game_type, difficulty, text, tag and creator', async () => {
    const tag = tagOf();
    await makeGame(
      s, alice.user.id,
      {
        title: 'Moon Runner', description: 'race to the moon', gameType: 'racing', difficulty: 'hard', isPublic: true,
        tags: [tag],
      },
    );
    await makeGame(
      s, alice.user.id,
      {
        title: 'Block Drop', description: 'a 100% pure puzzle', gameType: 'puzzle', difficulty: 'easy', isPublic: true,
        tags: [tag, 'brainy'],
      },
    );
    await makeGame(
      s, bob.user.id,
      {
        title: 'Star Blaster', description: 'shoot the stars', gameType: 'shooter', difficulty: 'hard', isPublic: true,
        tags: [tag],
      },
    );
    const get = async (q: string) => (await request(app).get(`/api/games?tag=${tag}&${q}`).expect(200))
      .body as { games: { title: string }[] };
    expect(titles(await get('game_type=racing'))).toEqual(['Moon Runner']);
    expect(titles(await get('difficulty=hard&sort=newest')).sort()).toEqual(['Moon Runner', 'Star Blaster']);
    expect(titles(await get('q=MOON'))).toEqual(['Moon Runner']);
    expect(titles(await get('q=stars'))).toEqual(['Star Blaster']);
    // % is a character to search for, not a wildcard.
    expect(titles(await get('q=100%25'))).toEqual(['Block Drop']);
    expect(titles(await get('q=1%25%25'))).toEqual([]);
    expect(titles(await get(`creator=${bob.user.username}`))).toEqual(['Star Blaster']);
    expect(titles((await request(app).get(`/api/games?tag=brainy&creator=${alice.user.username}`).expect(200)).body))
      .toEqual(['Block Drop']);
  });

  it('sorts by newest, popular and rating, and pages', async () => {
    const tag = tagOf();
    const a = await makeGame(s, alice.user.id, { title: 'Game A', isPublic: true, tags: [tag] });
    const b = await makeGame(s, alice.user.id, { title: 'Game B', isPublic: true, tags: [tag] });
    const c = await makeGame(s, alice.user.id, { title: 'Game C', isPublic: true, tags: [tag] });
    await s.db.models.Game.update({ playCount: 50 }, { where: { id: a.id } });
    await s.db.models.Game.update({ playCount: 10 }, { where: { id: c.id } });
    // Ratings go through the table; the trigger computes the averages.
    await s.db.models.Rating.create({ userId: bob.user.id, gameId: b.id, rating: 5, review: null });
    await s.db.models.Rating.create({ userId: bob.user.id, gameId: c.id, rating: 3, review: null });
    const get = async (q: string) => titles((await request(app).get(`/api/games?tag=${tag}&${q}`).expect(200)).body);
    expect(await get('sort=newest')).toEqual(['Game C', 'Game B', 'Game A']);
    expect(await get('sort=popular')).toEqual(['Game A', 'Game C', 'Game B']);
    expect(await get('sort=rating')).toEqual(['Game B', 'Game C', 'Game A']);
    const page2 = (await request(app).get(`/api/games?tag=${tag}&sort=newest&per_page=2&page=2`).expect(200)).body;
    expect(page2).toMatchObject({ total: 3, page: 2, per_page: 2, total_pages: 2 });
    expect(titles(page2)).toEqual(['Game A']);
  });

  it('400 for an unknown sort, filter or page size', async () => {
    for (const q of [
      'sort=best', 'per_page=0', 'per_page=51', 'page=0', 'difficulty=extreme', 'tag=Not%20A%20Tag', 'owner=someone',
    ]) {
      const res = await request(app).get(`/api/games?${q}`).expect(400);
      expect(res.body.error_code).toBe('validation_error');
    }
  });
});

describe('GET /api/games/mine', () => {
  it("lists the caller's games in any status and no one else's", async () => {
    const me = await createUser(s);
    await makeGame(s, me.user.id, { title: 'My Draft', versions: [] });
    await makeGame(s, me.user.id, { title: 'My Private' });
    await makeGame(s, me.user.id, { title: 'My Public', isPublic: true });
    await makeGame(s, me.user.id, { title: 'My Rejected', status: 'rejected' });
    await makeGame(s, alice.user.id, { title: 'Not Mine', isPublic: true });
    const res = await request(app).get('/api/games/mine').set('Authorization', `Bearer ${me.token}`).expect(200);
    expect(res.body.total).toBe(4);
    expect(titles(res.body).sort()).toEqual(['My Draft', 'My Private', 'My Public', 'My Rejected']);
    const drafts = await request(app).get('/api/games/mine?status=draft').set('Authorization', `Bearer ${me.token}`)
      .expect(200);
    expect(titles(drafts.body)).toEqual(['My Draft']);
    await request(app).get('/api/games/mine?status=lost').set('Authorization', `Bearer ${me.token}`).expect(400);
  });

  it('401 without a token', async () => {
    const res = await request(app).get('/api/games/mine').expect(401);
    expect(res.body.error_code).toBe('unauthorized');
  });
});
