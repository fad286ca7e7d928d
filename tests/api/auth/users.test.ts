// /api/users: the caller's profile, changing it, changing the password, public profiles.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Op } from 'sequelize';
import request from 'supertest';
import { appWith, bearer, login, refresh, register, throttleConfig, useServices } from './helpers.ts';

const ctx = useServices();

const getProfile = (token: string) => request(ctx.app).get('/api/users/profile').set(...bearer(token));
const putProfile = (token: string, body: object) => request(ctx.app).put('/api/users/profile').set(...bearer(token))
  .send(body);

describe('GET /api/users/profile', () => {
  it('200: exactly the profile fields, nothing internal', async () => {
    const u = await register(ctx.app, { display_name: 'Grace' });
    const res = await getProfile(u.access).expect(200);
    expect(res.body).toEqual({
      id: u.id, username: u.username, email: u.email, display_name: 'Grace', avatar_url: null, bio: null, role: 'user',
      status: 'active', email_verified: false, is_verified: false, is_premium: false, created_at: expect.any(String),
      ai_generations_count: 0,
    });
    expect(Number.isNaN(Date.parse(res.body.created_at))).toBe(false);
  });

  it('401 without a token; 403 once suspended (at once, with a still-valid token)', async () => {
    await request(ctx.app).get('/api/users/profile').expect(401);
    const u = await register(ctx.app);
    await getProfile(u.access).expect(200);
    await ctx.s.db.models.User.update({ status: 'suspended' }, { where: { id: u.id } });
    expect((await getProfile(u.access).expect(403)).body.error_code).toBe('account_suspended');
  });

  it('premium shows as is_premium', async () => {
    const u = await register(ctx.app);
    await ctx.s.db.models.User.update({ role: 'premium' }, { where: { id: u.id } });
    expect((await getProfile(u.access).expect(200)).body).toMatchObject({ role: 'premium', is_premium: true });
  });
});

describe('PUT /api/users/profile', () => {
  it('200: changes only the fields sent; null clears one', async () => {
    const u = await register(ctx.app);
    const res = await putProfile(
      u.access, { display_name: ' Ada ', bio: 'I make games', avatar_url: 'https://cdn.example.com/a.png' },
    ).expect(200);
    expect(res.body).toMatchObject({
      display_name: 'Ada', bio: 'I make games', avatar_url: 'https://cdn.example.com/a.png', username: u.username,
    });
    const res2 = await putProfile(u.access, { bio: null }).expect(200);
    expect(res2.body).toMatchObject({ display_name: 'Ada', bio: null, avatar_url: 'https://cdn.example.com/a.png' });
    const res3 = await putProfile(u.access, { bio: '   ' }).expect(200);
    expect(res3.body.bio).toBeNull();
    expect((await getProfile(u.access).expect(200)).body.display_name).toBe('Ada');
  });

  const bad: [string, object][] = [
    ['an http avatar', { avatar_url: 'http://cdn.example.com/a.png' }],
    ['a javascript: avatar', { avatar_url: 'javascript:alert(1)' }],
    ['a data: avatar', { avatar_url: 'data:image/png;base64,AAAA' }],
    ['an avatar with credentials', { avatar_url: 'https://user:pw@cdn.example.com/a.png' }],
    ['an avatar over 500 characters', { avatar_url: `https://cdn.example.com/${'a'.repeat(480)}.png` }],
    ['a relative avatar', { avatar_url: '/a.png' }],
    ['a bio over 2000 characters', { bio: 'b'.repeat(2001) }],
    ['a display name over 100 characters', { display_name: 'd'.repeat(101) }],
    ['an empty display name', { display_name: '' }],
    ['a role (not the owner\'s to set)', { role: 'admin' }],
    ['a status', { status: 'active' }],
    ['an e-mail', { email: 'new@example.com' }],
    ['an empty body', {}],
  ];
  it.each(bad)('400 for %s, and nothing changes', async (_what, body) => {
    const u = await register(ctx.app);
    const res = await putProfile(u.access, body).expect(400);
    expect(res.body.error_code).toBe('validation_error');
    const row = await ctx.s.db.models.User.findByPk(u.id);
    expect(row).toMatchObject({
      role: 'user', status: 'active', email: u.email, avatarUrl: null, bio: null, displayName: u.username,
    });
  });

  it('401 without a token, 403 when suspended', async () => {
    await request(ctx.app).put('/api/users/profile').send({ bio: 'x' }).expect(401);
    const u = await register(ctx.app);
    await ctx.s.db.models.User.update({ status: 'suspended' }, { where: { id: u.id } });
    await putProfile(u.access, { bio: 'x' }).expect(403);
  });
});

describe('POST /api/users/password', () => {
  const change = (app: typeof ctx.app, token: string, body: object) => request(app).post('/api/users/password')
    .set(...bearer(token)).send(body);

  it('200: new password works, old does not; every other session ends, this one gets a new pair', async () => {
    const u = await register(ctx.app);
    const other = (await login(ctx.app, { login: u.username, password: u.password }).expect(200))
      .body.refresh_token as string;
    const res = await change(ctx.app, u.access, { current_password: u.password, new_password: 'Brand-New-Pass-7' })
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type', 'user']);
    await refresh(ctx.app, u.refresh).expect(401);
    await refresh(ctx.app, other).expect(401);
    await refresh(ctx.app, res.body.refresh_token).expect(200);
    const reasons = (await ctx.s.db.models.RefreshTokenFamily.findAll({ where: {
      userId: u.id, revokedAt: { [Op.ne]: null },
    } }))
      .map((f) => f.revokedReason);
    expect(reasons.filter((r) => r === 'password_changed')).toHaveLength(2);
    await login(ctx.app, { login: u.username, password: u.password }).expect(401);
    await login(ctx.app, { login: u.username, password: 'Brand-New-Pass-7' }).expect(200);
  });

  it('400 for a weak new password, the same password again, or missing fields', async () => {
    const u = await register(ctx.app);
    for (const body of [
      { current_password: u.password, new_password: 'short1A' },
      { current_password: u.password, new_password: 'alllowercase1' },
      { current_password: u.password, new_password: u.password },
      { current_password: u.password },
      { new_password: 'Brand-New-Pass-7' },
      { current_password: u.password, new_password: 'Brand-New-Pass-7', extra: true },
    ]) {
      expect((await change(ctx.app, u.access, body).expect(400)).body.error_code).toBe('validation_error');
    }
    await login(ctx.app, { login: u.username, password: u.password }).expect(200);
  });

  it('403 for a wrong current password; 429 after the account limit; sessions untouched', async () => {
    const app = await appWith(ctx.s, throttleConfig({ account: 2, ip: 100 }));
    const u = await register(app);
    for (let i = 0; i < 2; i++) {
      const res = await change(app, u.access, { current_password: 'Wrong-Pass-1', new_password: 'Brand-New-Pass-7' })
        .expect(403);
      expect(res.body.error_code).toBe('invalid_credentials');
    }
    const res = await change(app, u.access, { current_password: u.password, new_password: 'Brand-New-Pass-7' })
      .expect(429);
    expect(res.body.context).toMatchObject({ limit: 2, used: 2, remaining: 0, scope: 'account' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await refresh(app, u.refresh).expect(200);
  });

  it('401 without a token', async () => {
    await request(ctx.app).post('/api/users/password').send({ current_password: 'x', new_password: 'Brand-New-Pass-7' })
      .expect(401);
  });
});

describe('GET /api/users/:user_id', () => {
  it('200: the public profile only (no e-mail, role, status)', async () => {
    const u = await register(ctx.app, { display_name: 'Linus' });
    const res = await request(ctx.app).get(`/api/users/${u.id}`).expect(200);
    expect(res.body).toEqual({
      id: u.id, username: u.username, display_name: 'Linus', avatar_url: null, bio: null,
      created_at: expect.any(String),
    });
  });

  it('404 for an unknown or suspended user, 400 for a malformed id', async () => {
    await request(ctx.app).get(`/api/users/${randomUUID()}`).expect(404);
    const u = await register(ctx.app);
    await ctx.s.db.models.User.update({ status: 'suspended' }, { where: { id: u.id } });
    await request(ctx.app).get(`/api/users/${u.id}`).expect(404);
    expect((await request(ctx.app).get('/api/users/not-a-uuid').expect(400)).body.error_code).toBe('validation_error');
  });
});
