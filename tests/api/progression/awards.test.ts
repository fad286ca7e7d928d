// Creator progression awards: each XP source, each achievement, and exactly once under repeats
// (a retried version step, a play or rating sent again) and concurrent duplicates.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createUser } from '../../helpers/users.ts';
import { makeGame } from '../games/fixtures.ts';
import { awardXp, onGameCreated } from '../../../db/progression.ts';
import { storeJobVersion } from '../../../db/versions.ts';
import { HUNDRED_PLAYS, ratingXp, TEN_GAMES, XP } from '../../../game/progression.ts';
import { achievementsOf, gameWithJob, ledgerOf } from './fixtures.ts';

let s: Services;
let app: Express;
type U = Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
});
afterAll(async () => s?.close());

const bearer = (u: U) => `Bearer ${u.token}`;
const play = (gameId: string, u?: U) => {
  const req = request(app).post(`/api/games/${gameId}/play`);
  return (u ? req.set('Authorization', bearer(u)) : req).expect(200);
};
const rate = (gameId: string, u: U, rating: number) =>
  request(app).post(`/api/games/${gameId}/rating`).set('Authorization', bearer(u)).send({ rating });

describe('XP for creating a game', () => {
  it('awards once when the first version is stored, however often the step runs, at once or again', async () => {
    const owner = await createUser(s);
    const { game, store } = await gameWithJob(s, owner.user.id);
    const answers = await Promise.allSettled([store(), store(), store()]);
    expect(answers.filter((a) => a.status === 'fulfilled').length).toBeGreaterThan(0);
    await store();
    expect(await ledgerOf(s, owner.user.id)).toEqual({
      events: [{ kind: 'game_created', amount: XP.game_created, key: `game_created:${game.id}` }],
      total: XP.game_created, sum: XP.game_created,
    });
    expect(await achievementsOf(s, owner.user.id)).toEqual(['first_game']);
  });

  it('a version added later (a change) awards nothing more', async () => {
    const owner = await createUser(s);
    const first = await gameWithJob(s, owner.user.id);
    await first.store();
    const change = await s.db.models.Job.create({
      kind: 'modify', userId: owner.user.id, gameId: first.game.id, sessionId: null, baseVersion: 1,
      state: 'generating', workflowId: `job-xp-change-${first.game.id}`, idempotencyKey: null, request: {},
      templateId: null, provider: null, errorCode: null, errorDetail: null, resultVersionId: null,
      startedAt: new Date(), finishedAt: null,
    });
    const v2 = await storeJobVersion(s.db, {
      jobId: change.id, verdict: 'pass', reviewStatus: 'not_required', repairRounds: 0, reports: {},
      draft: {
        html: '<!DOCTYPE html><html><head><title>v2</title></head><body></body></html>', provider: 'offline',
        model: 'm', mode: 'edit', tokensIn: 1, tokensOut: 1, costUsd: 0, latencyMs: 1, summary: 'v2', changes: [],
        problems: [], promptVersion: 'test',
      },
    });
    expect(v2.version).toBe(2);
    expect((await ledgerOf(s, owner.user.id)).total).toBe(XP.game_created);
  });

  it(`awards ten games at the ${TEN_GAMES}th, even when the last games are stored at the same moment`, async () => {
    const owner = await createUser(s);
    const games = await Promise.all(Array.from({ length: TEN_GAMES }, () => gameWithJob(s, owner.user.id)));
    for (const g of games.slice(0, TEN_GAMES - 3)) await g.store();
    expect(await achievementsOf(s, owner.user.id)).toEqual(['first_game']);
    // The last three race: each counts the others only after their commit (the user's row lock).
    await Promise.all(games.slice(TEN_GAMES - 3).map((g) => g.store()));
    expect(await achievementsOf(s, owner.user.id)).toEqual(['first_game', 'ten_games']);
    const ledger = await ledgerOf(s, owner.user.id);
    expect(ledger.events).toHaveLength(TEN_GAMES);
    expect(ledger.total).toBe(TEN_GAMES * XP.game_created);
  });

  it('ten games through the service alone: the last awards racing in their own transactions', async () => {
    const owner = await createUser(s);
    const games = await Promise.all(Array.from({ length: TEN_GAMES }, () => makeGame(s, owner.user.id)));
    const created = (g: { id: string }) => s.db.sequelize.transaction(
      (t) => onGameCreated(s.db, t, { id: g.id, ownerId: owner.user.id }),
    );
    for (const g of games.slice(0, TEN_GAMES - 4)) await created(g);
    await Promise.all(games.slice(TEN_GAMES - 4).map(created));
    expect(await achievementsOf(s, owner.user.id)).toEqual(['first_game', 'ten_games']);
  });

  it('the same event sent concurrently through the service inserts one row and adds its XP once', async () => {
    const owner = await createUser(s);
    const game = await makeGame(s, owner.user.id);
    await Promise.all(Array.from({ length: 6 }, () => s.db.sequelize.transaction(
      (t) => onGameCreated(s.db, t, { id: game.id, ownerId: owner.user.id }),
    )));
    const award = { userId: owner.user.id, kind: 'game_created' as const, amount: 7, eventKey: 'test:same-event' };
    const fresh = await Promise.all(Array.from({ length: 6 }, () => awardXp(s.db, award)));
    expect(fresh.filter(Boolean)).toHaveLength(1);
    const ledger = await ledgerOf(s, owner.user.id);
    expect(ledger.events).toHaveLength(2);
    expect(ledger.total).toBe(XP.game_created + 7);
    expect(ledger.sum).toBe(ledger.total);
  });
});

describe('XP for plays', () => {
  it('the first play by someone signed in other than the owner, once per game', async () => {
    const [owner, ann, ben] = await Promise.all([createUser(s), createUser(s), createUser(s)]);
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    await play(game.id, owner);
    await play(game.id);
    expect((await ledgerOf(s, owner.user.id)).total).toBe(0);
    await Promise.all([play(game.id, ann), play(game.id, ann), play(game.id, ben)]);
    await play(game.id, ben);
    expect(await ledgerOf(s, owner.user.id)).toEqual({
      events: [{ kind: 'first_play_by_other', amount: XP.first_play_by_other, key: `first_play_by_other:${game.id}` }],
      total: XP.first_play_by_other, sum: XP.first_play_by_other,
    });
    expect((await ledgerOf(s, ann.user.id)).total).toBe(0);
  });

  it(`awards the hundred-plays achievement once the owner's games together reach ${HUNDRED_PLAYS}`, async () => {
    const [owner, ann, ben] = await Promise.all([createUser(s), createUser(s), createUser(s)]);
    const a = await makeGame(s, owner.user.id, { isPublic: true });
    const b = await makeGame(s, owner.user.id, { isPublic: true });
    await a.update({ playCount: 60 }, { silent: true });
    await b.update({ playCount: HUNDRED_PLAYS - 62 }, { silent: true });
    await play(a.id, ann);
    expect(await achievementsOf(s, owner.user.id)).toEqual([]);
    await Promise.all([play(b.id, ann), play(b.id, ben)]);
    expect(await achievementsOf(s, owner.user.id)).toEqual(['hundred_plays']);
    await play(a.id, ben);
    expect(await s.db.models.UserAchievement.count({ where: { userId: owner.user.id } })).toBe(1);
  });
});

describe('XP for ratings received', () => {
  it('more for more stars, once per rater and game (changing or re-adding a rating adds none)', async () => {
    const [owner, ann, ben] = await Promise.all([createUser(s), createUser(s), createUser(s)]);
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    await rate(game.id, ann, 3).expect(201);
    await rate(game.id, ann, 4).expect(200);
    await request(app).delete(`/api/games/${game.id}/rating`).set('Authorization', bearer(ann)).expect(200);
    await rate(game.id, ann, 4).expect(201);
    await Promise.all([rate(game.id, ben, 2), rate(game.id, ben, 2), rate(game.id, ben, 2)]);
    const ledger = await ledgerOf(s, owner.user.id);
    expect(ledger.events.map((e) => e.amount).sort()).toEqual([ratingXp(2), ratingXp(3)].sort());
    expect(ledger.total).toBe(ratingXp(3) + ratingXp(2));
    expect(ratingXp(5)).toBeGreaterThan(ratingXp(1));
    expect(await achievementsOf(s, owner.user.id)).toEqual([]);
    // Your own game cannot be rated, so it never earns.
    await rate(game.id, owner, 5).expect(403);
    expect((await ledgerOf(s, owner.user.id)).total).toBe(ledger.total);
  });

  it('the first five-star rating received earns the achievement once, also when raised to 5', async () => {
    const [owner, ann, ben] = await Promise.all([createUser(s), createUser(s), createUser(s)]);
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    await rate(game.id, ann, 4).expect(201);
    await rate(game.id, ann, 5).expect(200);
    expect(await achievementsOf(s, owner.user.id)).toEqual(['first_five_star']);
    await Promise.all([rate(game.id, ben, 5), rate(game.id, ben, 5)]);
    expect(await achievementsOf(s, owner.user.id)).toEqual(['first_five_star']);
    expect((await ledgerOf(s, owner.user.id)).total).toBe(ratingXp(4) + ratingXp(5));
  });
});

describe('XP for remixes', () => {
  it("another player's remix earns the owner XP once per player and game, and the first-remix achievement; " +
    'your own does not', async () => {
    const [owner, ann, ben] = await Promise.all([createUser(s), createUser(s), createUser(s)]);
    const game = await makeGame(s, owner.user.id, { isPublic: true });
    const remix = (u: U) => request(app).post(`/api/games/${game.id}/remix`).set('Authorization', bearer(u))
      .send({}).expect(201);
    await remix(owner);
    expect((await ledgerOf(s, owner.user.id)).total).toBe(0);
    expect(await achievementsOf(s, owner.user.id)).toEqual([]);
    // Ann remixes twice at once and once more: one award; Ben's remix is another player's, another award.
    await Promise.all([remix(ann), remix(ann)]);
    await remix(ann);
    await remix(ben);
    const ledger = await ledgerOf(s, owner.user.id);
    expect(ledger.events.map((e) => e.key).sort())
      .toEqual([`remix:${game.id}:${ann.user.id}`, `remix:${game.id}:${ben.user.id}`].sort());
    expect(ledger.total).toBe(2 * XP.remix_received);
    expect(await achievementsOf(s, owner.user.id)).toEqual(['first_remix']);
    // The remixer earns nothing for copying.
    expect((await ledgerOf(s, ann.user.id)).total).toBe(0);
  });
});
