// GET /api/leaderboard (week: XP earned in the last 7 days; all: total XP) and the caller's own
// progression. Other test files award XP in the same database at the same time, so this file's
// players score far above anything already there and only the top of the board is compared.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { QueryTypes } from 'sequelize';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createUser } from '../../helpers/users.ts';
import { awardAchievements, awardXp } from '../../../db/progression.ts';
import { levelFor } from '../../../game/progression.ts';

let s: Services;
let app: Express;
type U = Awaited<ReturnType<typeof createUser>>;
let players: U[];
let base: number;

async function topScore(): Promise<number> {
  const [row] = await s.db.sequelize.query<{ top: string | null }>(
    `SELECT greatest((SELECT max(xp) FROM users), (SELECT max(w) FROM (SELECT sum(amount) AS w FROM xp_events
       WHERE created_at > now() - interval '7 days' GROUP BY user_id) weekly)) AS top`,
    { type: QueryTypes.SELECT },
  );
  return Number(row?.top ?? 0);
}

let n = 0;
async function earn(u: U, amount: number, daysAgo = 0): Promise<void> {
  n += 1;
  await awardXp(s.db, { userId: u.user.id, kind: 'rating_received', amount, eventKey: `test:board:${u.user.id}:${n}` });
  if (daysAgo) {
    await s.db.models.XpEvent.update(
      { createdAt: new Date(Date.now() - daysAgo * 86_400_000) },
      { where: { eventKey: `test:board:${u.user.id}:${n}` } },
    );
  }
}

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  players = await Promise.all([0, 1, 2, 3].map(() => createUser(s)));
  base = (await topScore()) + 100_000;
  const [a, b, c, d] = players as [U, U, U, U];
  // All-time: a (2·base+5000, mostly old) > b = c (2·base+3000, a tie) > d (base+1000).
  // Week: d (base+1000, all recent) > b (base+600) > c (base+100); a's recent part is only 50.
  await earn(a, 2 * base + 4950, 30);
  await earn(a, 50);
  await earn(b, base + 2400, 8);
  await earn(b, base + 600);
  await earn(c, base + 2900, 10);
  await earn(c, base + 100);
  await earn(d, base + 1000);
  // A suspended account is left off the public board.
  const gone = await createUser(s);
  await earn(gone, base * 3);
  await gone.user.update({ status: 'suspended' });
}, 60_000);
afterAll(async () => s?.close());

interface Entry {
  rank: number; user_id: string; username: string; display_name: string | null; level: number; xp: number;
}
const board = async (query: Record<string, string>) =>
  (await request(app).get('/api/leaderboard').query(query).expect(200)).body as { period: string; entries: Entry[] };
const mine = (e: Entry[]) => e.filter((x) => players.some((p) => p.user.id === x.user_id));

describe('GET /api/leaderboard', () => {
  it('all-time: by total XP; a tie shares its rank and is listed by username; level from the total', async () => {
    const [a, b, c, d] = players as [U, U, U, U];
    const { period, entries } = await board({ period: 'all', limit: '4' });
    expect(period).toBe('all');
    const [first, second] = [b, c].sort((x, y) => x.user.username.localeCompare(y.user.username)) as [U, U];
    expect(entries.map((e) => [e.rank, e.user_id, e.xp])).toEqual([
      [1, a.user.id, 2 * base + 5000],
      [2, first.user.id, 2 * base + 3000],
      [2, second.user.id, 2 * base + 3000],
      [4, d.user.id, base + 1000],
    ]);
    expect(entries[0]).toEqual({
      rank: 1, user_id: a.user.id, username: a.user.username, display_name: a.user.displayName,
      level: levelFor(2 * base + 5000), xp: 2 * base + 5000,
    });
  });

  it('week (the default): XP earned in the last 7 days only, level still from the total', async () => {
    const [a, b, c, d] = players as [U, U, U, U];
    const { period, entries } = await board({});
    expect(period).toBe('week');
    expect(entries.slice(0, 3).map((e) => [e.rank, e.user_id, e.xp])).toEqual([
      [1, d.user.id, base + 1000], [2, b.user.id, base + 600], [3, c.user.id, base + 100],
    ]);
    expect(entries[1]!.level).toBe(levelFor(2 * base + 3000));
    const weekA = mine(entries).find((e) => e.user_id === a.user.id);
    expect(weekA === undefined || weekA.xp === 50).toBe(true);
  });

  it('limits the rows and refuses a bad period or limit with 400', async () => {
    expect((await board({ period: 'all', limit: '2' })).entries).toHaveLength(2);
    for (const query of [{ period: 'month' }, { limit: '0' }, { limit: '101' }, { limit: 'x' }, { other: '1' }]) {
      const res = await request(app).get('/api/leaderboard').query(query).expect(400);
      expect(res.body).toMatchObject({ error_code: expect.any(String), detail: expect.any(String) });
    }
  });
});

describe('GET /api/users/profile/progression', () => {
  it("the caller's XP, level, the next level's threshold and achievements held", async () => {
    const u = await createUser(s);
    await request(app).get('/api/users/profile/progression').expect(401);
    const empty = await request(app).get('/api/users/profile/progression').set('Authorization', `Bearer ${u.token}`)
      .expect(200);
    expect(empty.body).toEqual({ xp: 0, level: 1, level_xp: 0, next_level_xp: 100, achievements: [] });
    await awardXp(s.db, { userId: u.user.id, kind: 'game_created', amount: 320, eventKey: `test:mine:${u.user.id}` });
    await awardAchievements(s.db, u.user.id, ['first_game']);
    const res = await request(app).get('/api/users/profile/progression').set('Authorization', `Bearer ${u.token}`)
      .expect(200);
    expect(res.body).toEqual({
      xp: 320, level: 3, level_xp: 300, next_level_xp: 600,
      achievements: [{
        id: 'first_game', title: 'First game', description: 'Created your first game', awarded_at: expect.any(String),
      }],
    });
  });
});
