// Creator progression in the console: XP and level on a user's page, the ledger and the
// achievements listed per user, and revoking an achievement (admins only, audited, never
// re-awarded afterwards).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { createApp } from '../../api/app.ts';
import type { User } from '../../db/models/index.ts';
import { awardAchievements, awardXp } from '../../db/progression.ts';
import { buildTestApp } from '../helpers/app.ts';
import { consolePost, signedInStaff } from '../helpers/console.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { createUser, TEST_PASSWORD } from '../helpers/users.ts';

const post = (url: string) => consolePost(app, url);

let s: Services;
let app: ReturnType<typeof createApp>;
let admin: User;
let target: User;
let adminCookie: string;
let modCookie: string;

const api = (resource: string, path: string) => `/admin/api/resources/${resource}${path}`;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s, { admin: true })).app;
  ({ admin, adminCookie, modCookie } = await signedInStaff(s, app));
  target = (await createUser(s, 'user')).user;
  await awardXp(s.db, { userId: target.id, kind: 'game_created', amount: 250, eventKey: `test:console:${target.id}` });
  await awardAchievements(s.db, target.id, ['first_game', 'first_remix']);
}, 60_000);
afterAll(async () => s.close());

const achievementRows = (cookie: string) => request(app).get(api('user_achievements', '/actions/list'))
  .query({ 'filters.userId': target.id, perPage: 50 }).set('Cookie', cookie);

describe('console: creator progression', () => {
  it("shows a user's XP and level, and lists their ledger and achievements", async () => {
    const show = await request(app).get(api('users', `/records/${target.id}/show`)).set('Cookie', adminCookie)
      .expect(200);
    expect(show.body.record.params).toMatchObject({ xp: 250, level: 2, achievements: 'first_game, first_remix' });
    const ledger = await request(app).get(api('xp_events', '/actions/list'))
      .query({ 'filters.userId': target.id }).set('Cookie', adminCookie).expect(200);
    expect((ledger.body.records as { params: Record<string, unknown> }[]).map((r) => r.params))
      .toEqual([expect.objectContaining({ kind: 'game_created', amount: 250, userId: target.id })]);
    const list = await achievementRows(adminCookie).expect(200);
    const ids = (list.body.records as { params: { achievement: string } }[]).map((r) => r.params.achievement);
    expect(ids.sort()).toEqual(['first_game', 'first_remix']);
  });

  it('revokes an achievement with an audit row; it is gone from the player and never re-awarded', async () => {
    const row = await s.db.models.UserAchievement.findOne({ where: { userId: target.id, achievement: 'first_game' } });
    const byMod = await post(api('user_achievements', `/records/${row!.id}/revoke`)).set('Cookie', modCookie);
    expect(byMod.body.notice?.type).toBe('error');
    expect((await row!.reload()).revokedAt).toBeNull();

    const res = await post(api('user_achievements', `/records/${row!.id}/revoke`)).set('Cookie', adminCookie)
      .expect(200);
    expect(res.body.notice.type).toBe('success');
    await row!.reload();
    expect(row!.revokedAt).toBeInstanceOf(Date);
    expect(row!.revokedBy).toBe(admin.id);
    expect(await s.db.models.AuditLog.count({
      where: { action: 'achievement.revoke', targetId: target.id, actorId: admin.id },
    })).toBe(1);
    // Revoking again changes nothing and writes no second audit row.
    await post(api('user_achievements', `/records/${row!.id}/revoke`)).set('Cookie', adminCookie).expect(200);
    expect(await s.db.models.AuditLog.count({ where: { action: 'achievement.revoke', targetId: target.id } }))
      .toBe(1);

    await awardAchievements(s.db, target.id, ['first_game']);
    expect((await row!.reload()).revokedAt).toBeInstanceOf(Date);
    const signIn = await post('/api/auth/login').send({ login: target.email, password: TEST_PASSWORD }).expect(200);
    const mine = await request(app).get('/api/users/profile/progression')
      .set('Authorization', `Bearer ${signIn.body.access_token as string}`).expect(200);
    expect((mine.body.achievements as { id: string }[]).map((a) => a.id)).toEqual(['first_remix']);
    expect(mine.body).toMatchObject({ xp: 250, level: 2, level_xp: 100, next_level_xp: 300 });
  });

  it('moderators cannot see the progression resources', async () => {
    const res = await achievementRows(modCookie);
    expect(res.body.records).toEqual([]);
    expect(res.body.record.baseError.type).toBe('ForbiddenError');
  });
});
