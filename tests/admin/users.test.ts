// User management through the console API: filters, usage on show, role changes (never
// self-demotion), suspension ending every session at once, reactivation, audit rows.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { createApp } from '../../api/app.ts';
import type { User } from '../../db/models/index.ts';
import { buildTestApp } from '../helpers/app.ts';
import { consolePost, signedInStaff } from '../helpers/console.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { createUser, TEST_PASSWORD } from '../helpers/users.ts';

// Console writes must be marked same-origin (admin/gate.ts), as a browser marks them.
const post = (url: string) => consolePost(app, url);

let s: Services;
let app: ReturnType<typeof createApp>;
let admin: User;
let target: User;
let adminCookie: string;
let modCookie: string;

const api = (path: string) => `/admin/api/resources/users${path}`;
const audits = (action: string) =>
  s.db.models.AuditLog.count({ where: { action, targetId: target.id, actorId: admin.id } });
const changeRoleOf = (user: User, role: string, cookie: string) =>
  post(api(`/records/${user.id}/changeRole`)).set('Cookie', cookie).type('form').send({ role });

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s, { admin: true })).app;
  ({ admin, adminCookie, modCookie } = await signedInStaff(s, app));
  target = (await createUser(s, 'user')).user;
  await s.db.models.ProviderUsage.create({
    day: '2026-01-02', userId: target.id, provider: 'openai', model: 'test-model', requests: 3, failures: 1,
    tokensIn: 1000, tokensOut: 500, costUsd: 0.25,
  } as never);
}, 60_000);
afterAll(async () => s.close());

describe('console user management', () => {
  it('lists the OpenID identities linked to a user, for admins only', async () => {
    const subject = `sub-${target.id}`;
    await s.db.models.UserIdentity.create({
      userId: target.id, issuer: 'https://accounts.google.com', subject, email: target.email, lastUsedAt: null,
    });
    const identities = '/admin/api/resources/user_identities/actions/list';
    const list = await request(app).get(identities).query({ 'filters.userId': target.id })
      .set('Cookie', adminCookie).expect(200);
    expect((list.body.records as { params: Record<string, unknown> }[]).map((r) => r.params)).toEqual([
      expect.objectContaining({ userId: target.id, issuer: 'https://accounts.google.com', subject }),
    ]);
    const refused = await request(app).get(identities).set('Cookie', modCookie).expect(200);
    expect(refused.body.records).toEqual([]);
    expect(refused.body.record.baseError.type).toBe('ForbiddenError');
  });

  it('lists with role/status filters and shows usage from provider_usage', async () => {
    const list = await request(app).get(api('/actions/list')).query({ 'filters.role': 'admin', perPage: 500 })
      .set('Cookie', adminCookie).expect(200);
    const roles = new Set((list.body.records as { params: { role: string } }[]).map((r) => r.params.role));
    expect([...roles]).toEqual(['admin']);
    const show = await request(app).get(api(`/records/${target.id}/show`)).set('Cookie', adminCookie).expect(200);
    expect(show.body.record.params).toMatchObject({
      usageRequests: 3, usageTokensIn: 1000, usageTokensOut: 500, usageCostUsd: 0.25,
    });
    expect(JSON.stringify(show.body)).not.toMatch(/password_?hash|\$2[aby]\$/i);
  });

  it('lists and filters users by email_verified (the flag sign-in linking by e-mail needs)', async () => {
    const verified = (await createUser(s)).user;
    await verified.update({ emailVerified: true, emailVerifiedAt: new Date() });
    const list = await request(app).get(api('/actions/list'))
      .query({ 'filters.emailVerified': 'true', 'filters.username': verified.username, perPage: 50 })
      .set('Cookie', adminCookie).expect(200);
    const rows = list.body.records as { params: { username: string; emailVerified: boolean } }[];
    expect(rows.map((r) => [r.params.username, r.params.emailVerified])).toEqual([[verified.username, true]]);
    const none = await request(app).get(api('/actions/list'))
      .query({ 'filters.emailVerified': 'false', 'filters.username': verified.username })
      .set('Cookie', adminCookie).expect(200);
    expect(none.body.records).toEqual([]);
  });

  it('changes roles with an audit row; an admin cannot demote themself; moderators cannot', async () => {
    const res = await changeRoleOf(target, 'premium', adminCookie).expect(200);
    expect(res.body.notice.type).toBe('success');
    expect((await target.reload()).role).toBe('premium');
    expect(await audits('user.change_role')).toBe(1);

    const bad = await changeRoleOf(target, 'root', adminCookie);
    expect(bad.body.notice.type).toBe('error');
    const self = await changeRoleOf(admin, 'user', adminCookie);
    expect(self.body.notice.type).toBe('error');
    expect((await admin.reload()).role).toBe('admin');
    const byMod = await changeRoleOf(target, 'admin', modCookie);
    expect(byMod.body.notice?.type).toBe('error');
    expect((await target.reload()).role).toBe('premium');
  });

  it('suspends: refresh and access tokens stop working at once; reactivation restores sign-in', async () => {
    const signIn = await post('/api/auth/login').send({ login: target.email, password: TEST_PASSWORD })
      .expect(200);
    const tokens = signIn.body as { access_token: string; refresh_token: string };
    const { access_token: access, refresh_token: refresh } = tokens;
    await request(app).get('/api/users/profile').set('Authorization', `Bearer ${access}`).expect(200);

    const res = await post(api(`/records/${target.id}/suspend`)).set('Cookie', adminCookie).expect(200);
    expect(res.body.notice.type).toBe('success');
    expect((await target.reload()).status).toBe('suspended');
    expect(await s.db.models.RefreshTokenFamily.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
    expect(await audits('user.suspend')).toBe(1);
    await request(app).get('/api/users/profile').set('Authorization', `Bearer ${access}`).expect(403);
    const r1 = await post('/api/auth/refresh').send({ refresh_token: refresh });
    expect(r1.status).toBeGreaterThanOrEqual(400);

    const back = await post(api(`/records/${target.id}/reactivate`)).set('Cookie', adminCookie)
      .expect(200);
    expect(back.body.notice.type).toBe('success');
    expect((await target.reload()).status).toBe('active');
    expect(await audits('user.reactivate')).toBe(1);
    // The old refresh family stays revoked; the user signs in again.
    const r2 = await post('/api/auth/refresh').send({ refresh_token: refresh });
    expect(r2.status).toBe(401);
    await post('/api/auth/login').send({ login: target.email, password: TEST_PASSWORD }).expect(200);
  });

  it('an admin cannot suspend themself', async () => {
    const res = await post(api(`/records/${admin.id}/suspend`)).set('Cookie', adminCookie);
    expect(res.body.notice.type).toBe('error');
    expect((await admin.reload()).status).toBe('active');
  });
});
