// POST /api/auth/refresh: rotation, reuse detection (the family dies), expiry, revocation,
// suspension, and concurrent use of one token.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { issueRefreshToken } from '../../../api/auth/tokens.ts';
import { bearer, claimsOf, headerOf, login, refresh, register, useServices } from './helpers.ts';

const ctx = useServices();

describe('POST /api/auth/refresh', () => {
  it('refresh tokens are HS256 JWTs with iss, aud, typ refresh, jti and fam, stored as rows', async () => {
    const u = await register(ctx.app);
    expect(headerOf(u.refresh)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const c = claimsOf(u.refresh);
    expect(c).toMatchObject({ sub: u.id, typ: 'refresh', iss: ctx.s.cfg.JWT_ISSUER, aud: ctx.s.cfg.JWT_AUDIENCE });
    expect(c.exp as number - (c.iat as number)).toBe(ctx.s.cfg.REFRESH_TOKEN_TTL_DAYS * 86_400);
    const row = await ctx.s.db.models.RefreshToken.findByPk(c.jti as string);
    expect(row).toMatchObject({ familyId: c.fam, usedAt: null, replacedBy: null });
    expect(Math.floor(row!.expiresAt.getTime() / 1000)).toBe(c.exp);
  });

  it('200: a new pair in the same family; the old token is marked used and points at its successor', async () => {
    const u = await register(ctx.app);
    const res = await refresh(ctx.app, u.refresh).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type', 'user']);
    expect(res.body.user.id).toBe(u.id);
    expect(res.body.refresh_token).not.toBe(u.refresh);
    const before = claimsOf(u.refresh);
    const after = claimsOf(res.body.refresh_token);
    expect(after.fam).toBe(before.fam);
    expect(after.jti).not.toBe(before.jti);
    const old = await ctx.s.db.models.RefreshToken.findByPk(before.jti as string);
    expect(old!.usedAt).toBeInstanceOf(Date);
    expect(old!.replacedBy).toBe(after.jti);
    await request(ctx.app).get('/api/users/profile').set(...bearer(res.body.access_token)).expect(200);
    // The chain goes on.
    const again = await refresh(ctx.app, res.body.refresh_token).expect(200);
    expect(claimsOf(again.body.refresh_token).fam).toBe(before.fam);
  });

  it('reuse of a rotated token revokes the whole family: the newer token stops working too', async () => {
    const u = await register(ctx.app);
    const second = (await refresh(ctx.app, u.refresh).expect(200)).body.refresh_token as string;
    const third = (await refresh(ctx.app, second).expect(200)).body.refresh_token as string;
    // A stolen copy of the first token is replayed.
    const reused = await refresh(ctx.app, u.refresh).expect(401);
    expect(reused.body.error_code).toBe('refresh_token_reused');
    const family = await ctx.s.db.models.RefreshTokenFamily.findByPk(claimsOf(u.refresh).fam as string);
    expect(family!.revokedAt).toBeInstanceOf(Date);
    expect(family!.revokedReason).toBe('reuse_detected');
    const latest = await refresh(ctx.app, third).expect(401);
    expect(latest.body.error_code).toBe('invalid_refresh_token');
    await refresh(ctx.app, second).expect(401);
  });

  it('reuse revokes only that family: another sign-in of the same user keeps working', async () => {
    const u = await register(ctx.app);
    const other = (await login(ctx.app, { login: u.username, password: u.password }).expect(200))
      .body.refresh_token as string;
    await refresh(ctx.app, u.refresh).expect(200);
    await refresh(ctx.app, u.refresh).expect(401);
    await refresh(ctx.app, other).expect(200);
  });

  it('concurrent refreshes of one token: exactly one succeeds, and one successor exists', async () => {
    const u = await register(ctx.app);
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(ctx.app, u.refresh)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401, 401, 401]);
    const fam = claimsOf(u.refresh).fam as string;
    expect(await ctx.s.db.models.RefreshToken.count({ where: { familyId: fam } })).toBe(2);
    // The losers look like reuse (they cannot be told apart from a thief): the family ended.
    const family = await ctx.s.db.models.RefreshTokenFamily.findByPk(fam);
    expect(family!.revokedReason).toBe('reuse_detected');
  });

  it('401 for an expired token (JWT exp in the past, or the row expired)', async () => {
    const u = await register(ctx.app);
    const c = claimsOf(u.refresh);
    const stale = issueRefreshToken(ctx.s.cfg, {
      userId: u.id, jti: c.jti as string, familyId: c.fam as string, expiresAt: new Date(Date.now() - 1000),
    });
    expect((await refresh(ctx.app, stale).expect(401)).body.error_code).toBe('invalid_refresh_token');
    // The JWT is still valid but the database says the token has expired.
    await ctx.s.db.sequelize.query(
      "UPDATE refresh_tokens SET issued_at = now() - interval '2 days', expires_at = now() - interval '1 day' "
        + 'WHERE jti = :jti',
      { replacements: { jti: c.jti } },
    );
    expect((await refresh(ctx.app, u.refresh).expect(401)).body.error_code).toBe('invalid_refresh_token');
  });

  it('401 for a revoked family and for a token whose row is unknown', async () => {
    const u = await register(ctx.app);
    const c = claimsOf(u.refresh);
    await ctx.s.db.models.RefreshTokenFamily.update(
      { revokedAt: new Date(), revokedReason: 'logout' }, { where: { id: c.fam as string } },
    );
    await refresh(ctx.app, u.refresh).expect(401);
    const v = await register(ctx.app);
    const vc = claimsOf(v.refresh);
    const forged = issueRefreshToken(ctx.s.cfg, {
      userId: v.id, jti: randomUUID(), familyId: vc.fam as string, expiresAt: new Date(Date.now() + 3_600_000),
    });
    await refresh(ctx.app, forged).expect(401);
    // A family of another user, even with a valid signature.
    const crossed = issueRefreshToken(
      ctx.s.cfg,
      { userId: v.id, jti: c.jti as string, familyId: c.fam as string, expiresAt: new Date(Date.now() + 3_600_000) },
    );
    await refresh(ctx.app, crossed).expect(401);
    await refresh(ctx.app, v.refresh).expect(200);
  });

  it('403 for a suspended account (the token is kept, and works again once reinstated)', async () => {
    const u = await register(ctx.app);
    await ctx.s.db.models.User.update({ status: 'suspended' }, { where: { id: u.id } });
    const res = await refresh(ctx.app, u.refresh).expect(403);
    expect(res.body.error_code).toBe('account_suspended');
    await request(ctx.app).get('/api/users/profile').set(...bearer(u.access)).expect(403);
    await ctx.s.db.models.User.update({ status: 'active' }, { where: { id: u.id } });
    await refresh(ctx.app, u.refresh).expect(200);
  });

  it('401 for the token of a deleted account (access and refresh)', async () => {
    const u = await register(ctx.app);
    await ctx.s.db.models.User.destroy({ where: { id: u.id } });
    await refresh(ctx.app, u.refresh).expect(401);
    const res = await request(ctx.app).get('/api/users/profile').set(...bearer(u.access)).expect(401);
    expect(res.body.error_code).toBe('unauthorized');
  });

  it('400 for a missing, non-string or oversized refresh_token', async () => {
    for (const body of [
      {}, { refresh_token: 42 }, { refresh_token: 'x'.repeat(5000) }, { refresh_token: 'abc' },
      { refresh_token: 'a'.repeat(20), extra: 1 },
    ]) {
      expect((await request(ctx.app).post('/api/auth/refresh').send(body).expect(400)).body.error_code)
        .toBe('validation_error');
    }
  });
});
