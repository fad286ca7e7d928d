// POST /api/auth/register against the real app, PostgreSQL and Redis.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import bcrypt from 'bcryptjs';
import { PASSWORD, bearer, claimsOf, register, uniqueName, useServices } from './helpers.ts';

const ctx = useServices();

const PROFILE_KEYS = [
  'ai_generations_count', 'avatar_url', 'bio', 'created_at', 'display_name', 'email', 'email_verified', 'id',
  'is_premium', 'is_verified', 'role', 'status', 'username',
];

describe('POST /api/auth/register', () => {
  it('201: creates the account, signs in, and answers '
    + '{user, access_token, refresh_token, token_type, expires_in}', async () => {
    const name = uniqueName('New');
    const res = await request(ctx.app).post('/api/auth/register')
      .send({ username: name, email: `  ${name}@Example.COM `, password: PASSWORD }).expect(201);
    expect(res.headers.location).toBe('/api/users/profile');
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type', 'user']);
    expect(res.body.token_type).toBe('bearer');
    expect(res.body.expires_in).toBe(ctx.s.cfg.ACCESS_TOKEN_TTL_SECONDS);
    expect(Object.keys(res.body.user).sort()).toEqual(PROFILE_KEYS);
    expect(res.body.user).toMatchObject({
      username: name.toLowerCase(), email: `${name.toLowerCase()}@example.com`, display_name: name.toLowerCase(),
      role: 'user', status: 'active', email_verified: false, is_verified: false, is_premium: false,
      ai_generations_count: 0, avatar_url: null, bio: null,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash|\$2[aby]\$/i);

    // The access token works at once and names the new account.
    const profile = await request(ctx.app).get('/api/users/profile').set(...bearer(res.body.access_token)).expect(200);
    expect(profile.body.id).toBe(res.body.user.id);
    expect(claimsOf(res.body.access_token)).toMatchObject({ sub: res.body.user.id, typ: 'access', role: 'user' });

    // Stored: a bcrypt hash at the configured cost, one refresh family with one token.
    const row = await ctx.s.db.models.User.findByPk(res.body.user.id);
    expect(bcrypt.getRounds(row!.passwordHash)).toBe(ctx.s.cfg.BCRYPT_COST);
    expect(await bcrypt.compare(PASSWORD, row!.passwordHash)).toBe(true);
    const families = await ctx.s.db.models.RefreshTokenFamily.findAll({ where: { userId: row!.id } });
    expect(families).toHaveLength(1);
    expect(families[0]!.ip).toBeTruthy();
  });

  it('keeps a given display_name (trimmed)', async () => {
    const r = await register(ctx.app, { display_name: '  Ada Lovelace  ' });
    expect((r.body.user as { display_name: string }).display_name).toBe('Ada Lovelace');
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['password shorter than 8', { password: 'Ab1defg' }, 'password'],
    ['password without upper-case', { password: 'abcdefg1' }, 'password'],
    ['password without lower-case', { password: 'ABCDEFG1' }, 'password'],
    ['password without digit', { password: 'Abcdefgh' }, 'password'],
    ['password longer than 128', { password: `Aa1${'x'.repeat(126)}` }, 'password'],
    ['username of 2', { username: 'ab' }, 'username'],
    ['username of 51', { username: 'a'.repeat(51) }, 'username'],
    ['username with a dash', { username: 'bad-name' }, 'username'],
    ['username with a space', { username: 'bad name' }, 'username'],
    ['username with non-ASCII letters', { username: 'jos\u00e9_x' }, 'username'],
    ['invalid e-mail', { email: 'not-an-email' }, 'email'],
    ['empty display_name', { display_name: '   ' }, 'display_name'],
    ['display_name with a control character', { display_name: 'a\u0007b' }, 'display_name'],
    ['an unknown field (role)', { role: 'admin' }, ''],
    ['a non-string password', { password: 12345678 }, 'password'],
  ];
  it.each(bad)('400 for %s', async (_what, over, field) => {
    const name = uniqueName();
    const res = await request(ctx.app).post('/api/auth/register')
      .send({ username: name, email: `${name}@example.com`, password: PASSWORD, ...over }).expect(400);
    expect(res.body.error_code).toBe('validation_error');
    if (field) expect(res.body.context.field).toBe(field);
    expect(await ctx.s.db.models.User.count({ where: { username: name } })).toBe(0);
  });

  it('400 for a missing body or a missing field', async () => {
    await request(ctx.app).post('/api/auth/register').expect(400);
    const res = await request(ctx.app).post('/api/auth/register').send({ username: uniqueName(), password: PASSWORD })
      .expect(400);
    expect(res.body.context.field).toBe('email');
  });

  it('accepts a password of exactly 8 and of exactly 128 characters', async () => {
    await register(ctx.app, { password: 'Abcdef12' });
    await register(ctx.app, { password: `Aa1${'z'.repeat(125)}` });
  });

  it('409 for a taken username or e-mail (either case), with one answer that does not say which', async () => {
    const first = await register(ctx.app);
    const sameName = await request(ctx.app).post('/api/auth/register')
      .send({ username: first.username.toUpperCase(), email: `${uniqueName()}@example.com`, password: PASSWORD })
        .expect(409);
    const sameEmail = await request(ctx.app).post('/api/auth/register')
      .send({ username: uniqueName(), email: first.email.toUpperCase(), password: PASSWORD }).expect(409);
    for (const res of [sameName, sameEmail]) {
      expect(res.body.error_code).toBe('account_taken');
      expect(res.body.detail).toBe('That username or e-mail is already taken');
      expect(Object.keys(res.body.context)).toEqual(['request_id']);
    }
  });

  it('two concurrent registrations of one username: one 201, one 409', async () => {
    const name = uniqueName();
    const statuses = await Promise.all([0, 1].map((i) => request(ctx.app).post('/api/auth/register')
      .send({ username: name, email: `${name}_${i}@example.com`, password: PASSWORD }).then((r) => r.status)));
    expect(statuses.sort()).toEqual([201, 409]);
  });
});
