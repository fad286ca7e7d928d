// POST /api/auth/login: credentials, suspension, and the Redis throttle per account and
// per client address.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parseConfig } from '../../../config.ts';
import { appWith, bearer, login, randomIp, register, throttleConfig, uniqueName, useServices } from './helpers.ts';

const ctx = useServices();

describe('POST /api/auth/login', () => {
  it('200 with the username, the e-mail (any case) or `login`, and records last_login_at', async () => {
    const u = await register(ctx.app);
    await ctx.s.db.models.User.update({ lastLoginAt: null }, { where: { id: u.id } });
    for (const body of [
      { username: u.username, password: u.password },
      { username: u.username.toUpperCase(), password: u.password },
      { email: u.email.toUpperCase(), password: u.password },
      { login: u.email, password: u.password },
      { login: ` ${u.username} `, password: u.password },
    ]) {
      const res = await login(ctx.app, body).expect(200);
      expect(Object.keys(res.body).sort())
        .toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type', 'user']);
      expect(res.body.user.id).toBe(u.id);
      expect(res.body.token_type).toBe('bearer');
      await request(ctx.app).get('/api/users/profile').set(...bearer(res.body.access_token)).expect(200);
    }
    const row = await ctx.s.db.models.User.findByPk(u.id);
    expect(row!.lastLoginAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Each sign-in is its own refresh family (one per device).
    expect(await ctx.s.db.models.RefreshTokenFamily.count({ where: { userId: u.id } })).toBe(6);
  });

  it('a forwarded address that is not an address does not break sign-in (and is not stored)', async () => {
    const u = await register(ctx.app);
    const res = await login(ctx.app, { login: u.username, password: u.password }, 'not-an-ip').expect(200);
    const family = await ctx.s.db.models.RefreshTokenFamily.findOne({
      where: { userId: u.id }, order: [['createdAt', 'DESC']],
    });
    expect(family!.ip).toBeNull();
    expect(res.body.user.id).toBe(u.id);
  });

  it('401 invalid_credentials, word for word the same, for a wrong password and an unknown account', async () => {
    const u = await register(ctx.app);
    const wrong = await login(ctx.app, { login: u.username, password: 'Wrong-Pass-1' }).expect(401);
    const unknown = await login(ctx.app, { login: uniqueName(), password: 'Wrong-Pass-1' }).expect(401);
    const unknownMail = await login(ctx.app, { email: `${uniqueName()}@example.com`, password: 'Wrong-Pass-1' })
      .expect(401);
    for (const res of [wrong, unknown, unknownMail]) {
      expect(res.body.error_code).toBe('invalid_credentials');
      expect(res.body.detail).toBe(wrong.body.detail);
      expect(Object.keys(res.body.context)).toEqual(['request_id']);
    }
  });

  it('an unknown account costs a bcrypt comparison too (similar timing)', async () => {
    // A real cost, so the comparison dominates the request time.
    const app = await appWith(ctx.s, parseConfig({ ...process.env, BCRYPT_COST: '10' }));
    const u = await register(app);
    const time = async (body: Record<string, unknown>): Promise<number> => {
      const t = performance.now();
      await login(app, body).expect(401);
      return performance.now() - t;
    };
    await time({ login: uniqueName(), password: 'Wrong-Pass-1' }); // warm-up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time({ login: u.username, password: `Wrong-Pass-${i}` }));
      unknown.push(await time({ login: uniqueName(), password: `Wrong-Pass-${i}` }));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  }, 60_000);

  it('403 account_suspended with the right password; a wrong password still gets 401', async () => {
    const u = await register(ctx.app);
    await ctx.s.db.models.User.update({ status: 'suspended' }, { where: { id: u.id } });
    const res = await login(ctx.app, { login: u.username, password: u.password }).expect(403);
    expect(res.body.error_code).toBe('account_suspended');
    const wrong = await login(ctx.app, { login: u.username, password: 'Wrong-Pass-1' }).expect(401);
    expect(wrong.body.error_code).toBe('invalid_credentials');
  });

  it('400 for a missing password, a missing login, unknown fields and oversized values', async () => {
    for (const body of [
      {}, { login: 'someone' }, { password: 'x' }, { login: '', password: 'x' },
      { login: 'a', password: 'x', role: 'admin' },
      { login: 'a', password: 'x'.repeat(129) }, { login: 'a'.repeat(255), password: 'x' },
      { login: ['a'], password: 'x' },
    ]) {
      const res = await login(ctx.app, body).expect(400);
      expect(res.body.error_code).toBe('validation_error');
    }
  });

  describe('throttle', () => {
    it('per account: after the limit, 429 with Retry-After and {limit, used, remaining, reset}, '
      + 'even with the right password', async () => {
      const app = await appWith(ctx.s, throttleConfig({ account: 3, ip: 100 }));
      const u = await register(app);
      // Failures from different addresses: the account counter is what stops them.
      for (let i = 0; i < 3; i++) await login(app, { login: u.username, password: 'Wrong-Pass-1' }).expect(401);
      const res = await login(app, { login: u.username, password: 'Wrong-Pass-1' }).expect(429);
      expect(res.body).toEqual({
        detail: expect.any(String), error_code: 'too_many_attempts',
        context: {
          limit: 3, used: 3, remaining: 0, reset: expect.any(String), scope: 'account', request_id: expect.any(String),
        },
      });
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(900);
      expect(Date.parse(res.body.context.reset)).toBeGreaterThan(Date.now());
      // The right password does not get through while locked, by name or by e-mail.
      await login(app, { login: u.username, password: u.password }).expect(429);
      await login(app, { email: u.email, password: u.password }).expect(429);
      // Refused attempts are not counted on top.
      expect(Number(await ctx.s.redis.get(`auth:login:fail:acct:u:${u.id}`))).toBe(3);
      // Another account is unaffected.
      const other = await register(app);
      await login(app, { login: other.username, password: other.password }).expect(200);
    });

    it('unknown accounts are throttled exactly like real ones', async () => {
      const app = await appWith(ctx.s, throttleConfig({ account: 2, ip: 100 }));
      const ghost = uniqueName();
      await login(app, { login: ghost, password: 'Wrong-Pass-1' }).expect(401);
      await login(app, { login: ghost.toUpperCase(), password: 'Wrong-Pass-1' }).expect(401);
      const res = await login(app, { login: ghost, password: 'Wrong-Pass-1' }).expect(429);
      expect(res.body.context).toMatchObject({ limit: 2, used: 2, remaining: 0, scope: 'account' });
    });

    it('a successful sign-in clears the account counter', async () => {
      const app = await appWith(ctx.s, throttleConfig({ account: 3, ip: 100 }));
      const u = await register(app);
      for (let i = 0; i < 2; i++) await login(app, { login: u.username, password: 'Wrong-Pass-1' }).expect(401);
      await login(app, { login: u.username, password: u.password }).expect(200);
      expect(await ctx.s.redis.exists(`auth:login:fail:acct:u:${u.id}`)).toBe(0);
      // Three more failures are allowed again before the lock.
      for (let i = 0; i < 3; i++) await login(app, { login: u.username, password: 'Wrong-Pass-1' }).expect(401);
      await login(app, { login: u.username, password: 'Wrong-Pass-1' }).expect(429);
    });

    it('per address: failures across many accounts from one address lock that address only', async () => {
      const app = await appWith(ctx.s, throttleConfig({ account: 100, ip: 4 }));
      const ip = randomIp();
      const u = await register(app);
      for (let i = 0; i < 4; i++) await login(app, { login: uniqueName(), password: 'Wrong-Pass-1' }, ip).expect(401);
      const res = await login(app, { login: u.username, password: u.password }, ip).expect(429);
      expect(res.body.context).toMatchObject({ limit: 4, used: 4, remaining: 0, scope: 'ip' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // The same account from another address is fine; a success does not clear the address.
      await login(app, { login: u.username, password: u.password }, randomIp()).expect(200);
      await login(app, { login: u.username, password: u.password }, ip).expect(429);
    });

    it('the window expires: after it, sign-in works again', async () => {
      const app = await appWith(ctx.s, throttleConfig({ account: 1, ip: 100, window: 1 }));
      const u = await register(app);
      await login(app, { login: u.username, password: 'Wrong-Pass-1' }).expect(401);
      const locked = await login(app, { login: u.username, password: u.password }).expect(429);
      expect(locked.headers['retry-after']).toBe('1');
      await new Promise((r) => setTimeout(r, 2100));
      await login(app, { login: u.username, password: u.password }).expect(200);
    });

    it('defaults without configuration: 5 failures per account', async () => {
      const u = await register(ctx.app);
      for (let i = 0; i < 5; i++) await login(ctx.app, { login: u.username, password: 'Wrong-Pass-1' }).expect(401);
      const res = await login(ctx.app, { login: u.username, password: u.password }).expect(429);
      expect(res.body.context).toMatchObject({ limit: 5, scope: 'account' });
    });
  });
});
