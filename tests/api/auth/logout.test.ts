// POST /api/auth/logout: ends one refresh family (this device) or all of the caller's.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, claimsOf, login, refresh, register, useServices } from './helpers.ts';

const ctx = useServices();

const logout = (access: string, body?: object) => {
  const r = request(ctx.app).post('/api/auth/logout').set(...bearer(access));
  return body === undefined ? r : r.send(body);
};

describe('POST /api/auth/logout', () => {
  it('204: ends the family of the given refresh token; other sign-ins continue', async () => {
    const u = await register(ctx.app);
    const other = (await login(ctx.app, { login: u.username, password: u.password }).expect(200)).body;
    const res = await logout(u.access, { refresh_token: u.refresh }).expect(204);
    expect(res.text).toBe('');
    const family = await ctx.s.db.models.RefreshTokenFamily.findByPk(claimsOf(u.refresh).fam as string);
    expect(family!.revokedReason).toBe('logout');
    await refresh(ctx.app, u.refresh).expect(401);
    await refresh(ctx.app, other.refresh_token).expect(200);
    // Idempotent.
    await logout(u.access, { refresh_token: u.refresh }).expect(204);
    expect((await ctx.s.db.models.RefreshTokenFamily.findByPk(family!.id))!.revokedReason).toBe('logout');
  });

  it('ends a family through a rotated (older) token of it too', async () => {
    const u = await register(ctx.app);
    const next = (await refresh(ctx.app, u.refresh).expect(200)).body.refresh_token as string;
    await logout(u.access, { refresh_token: u.refresh }).expect(204);
    await refresh(ctx.app, next).expect(401);
  });

  it('204 with all: true ends every family of the caller, and no one else\'s', async () => {
    const u = await register(ctx.app);
    const second = (await login(ctx.app, { login: u.username, password: u.password }).expect(200))
      .body.refresh_token as string;
    const bystander = await register(ctx.app);
    await logout(u.access, { all: true }).expect(204);
    const families = await ctx.s.db.models.RefreshTokenFamily.findAll({ where: { userId: u.id } });
    expect(families.map((f) => f.revokedReason)).toEqual(['logout_all', 'logout_all']);
    await refresh(ctx.app, u.refresh).expect(401);
    await refresh(ctx.app, second).expect(401);
    await refresh(ctx.app, bystander.refresh).expect(200);
  });

  it('401 without an access token, and with a refresh token in place of one', async () => {
    const u = await register(ctx.app);
    await request(ctx.app).post('/api/auth/logout').send({ refresh_token: u.refresh }).expect(401);
    await logout(u.refresh, { refresh_token: u.refresh }).expect(401);
    await refresh(ctx.app, u.refresh).expect(200);
  });

  it('403 for a suspended account', async () => {
    const u = await register(ctx.app);
    await ctx.s.db.models.User.update({ status: 'suspended' }, { where: { id: u.id } });
    expect((await logout(u.access, { all: true }).expect(403)).body.error_code).toBe('account_suspended');
  });

  it('404 for another user\'s refresh token, which stays valid', async () => {
    const u = await register(ctx.app);
    const victim = await register(ctx.app);
    const res = await logout(u.access, { refresh_token: victim.refresh }).expect(404);
    expect(res.body.error_code).toBe('not_found');
    await refresh(ctx.app, victim.refresh).expect(200);
  });

  it('400 for no body, neither field, all: false alone, a non-refresh token or unknown fields', async () => {
    const u = await register(ctx.app);
    await logout(u.access).expect(400);
    await logout(u.access, {}).expect(400);
    await logout(u.access, { all: false }).expect(400);
    await logout(u.access, { all: 'yes' }).expect(400);
    await logout(u.access, { refresh_token: u.refresh, everything: true }).expect(400);
    const res = await logout(u.access, { refresh_token: u.access }).expect(400);
    expect(res.body.error_code).toBe('invalid_refresh_token');
    await refresh(ctx.app, u.refresh).expect(200);
  });
});
