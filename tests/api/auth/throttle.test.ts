// The one sign-in throttle (api/auth/throttle.ts): counted before bcrypt so parallel guesses
// cannot race it, refunded on the right password, shared by the API and the console under the
// canonical account; the registration limit; and every limiter still answering (in memory)
// while Redis is unreachable.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parseConfig } from '../../../config.ts';
import { composeApi } from '../../../bench/apiServer.ts';
import { createRedis } from '../../../lib/redis.ts';
import { buildTestApp } from '../../helpers/app.ts';
import type { HealthChecks } from '../../../api/health.ts';
import { appWith, login, randomIp, register, throttleConfig, uniqueName, useServices } from './helpers.ts';

const ctx = useServices();

const consoleLogin = (app: Parameters<typeof request>[0], email: string, password: string, ip: string) =>
  request(app).post('/admin/login').set('Sec-Fetch-Site', 'same-origin').set('X-Forwarded-For', ip).type('form')
    .send({ email, password });

describe('sign-in throttle', () => {
  it('150 parallel wrong guesses: only the limit reaches the password check', async () => {
    const app = await appWith(ctx.s, throttleConfig({ account: 5, ip: 100_000 }));
    const u = await register(app);
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) =>
      login(app, { login: i % 2 ? u.username : u.email.toUpperCase(), password: `Wrong-Pass-${i}` })));
    const statuses = answers.map((r) => r.status);
    // A 401 is only ever answered after bcrypt: exactly the limit of them.
    expect(statuses.filter((x) => x === 401)).toHaveLength(5);
    expect(statuses.filter((x) => x === 429)).toHaveLength(145);
    expect(Number(await ctx.s.redis.get(`auth:login:fail:acct:u:${u.id}`))).toBe(5);
  }, 60_000);

  it('per address too, in parallel, across many accounts', async () => {
    const app = await appWith(ctx.s, throttleConfig({ account: 100, ip: 7 }));
    const ip = randomIp();
    const answers = await Promise.all(Array.from({ length: 60 }, () =>
      login(app, { login: uniqueName(), password: 'Wrong-Pass-1' }, ip)));
    expect(answers.filter((r) => r.status === 401)).toHaveLength(7);
    expect(answers.filter((r) => r.status === 429).every((r) => r.body.context.scope === 'ip')).toBe(true);
  }, 60_000);

  it('the right password is refunded: it neither uses the account\'s attempts nor the address\'s', async () => {
    const app = await appWith(ctx.s, throttleConfig({ account: 3, ip: 3 }));
    const u = await register(app);
    const ip = randomIp();
    for (let i = 0; i < 2; i++) await login(app, { login: u.username, password: 'Wrong-Pass-1' }, ip).expect(401);
    for (let i = 0; i < 5; i++) await login(app, { login: u.username, password: u.password }, ip).expect(200);
    expect(await ctx.s.redis.exists(`auth:login:fail:acct:u:${u.id}`)).toBe(0);
    expect(Number(await ctx.s.redis.get(`auth:login:fail:ip:${ip}`))).toBe(2);
    await login(app, { login: u.username, password: 'Wrong-Pass-1' }, ip).expect(401);
    await login(app, { login: u.username, password: 'Wrong-Pass-1' }, ip).expect(429);
  });

  it('the console and the API count one account, whichever spelling is typed', async () => {
    const cfg = throttleConfig({ account: 4, ip: 100_000 });
    const { app } = await buildTestApp(ctx.s, { cfg, admin: true });
    const u = await register(app);
    await ctx.s.db.models.User.update({ role: 'moderator' }, { where: { id: u.id } });
    // Two guesses in the console (username, then the e-mail in capitals), two through the API.
    for (const spelling of [u.username, u.email.toUpperCase()]) {
      const res = await consoleLogin(app, spelling, 'Wrong-Pass-1', randomIp());
      expect(res.status).toBe(200); // the login page again
    }
    await login(app, { email: u.email, password: 'Wrong-Pass-1' }).expect(401);
    await login(app, { login: u.username, password: 'Wrong-Pass-1' }).expect(401);
    // The fifth attempt, from either door, is refused even with the right password.
    await login(app, { login: u.username, password: u.password }).expect(429);
    const console = await consoleLogin(app, u.email, u.password, randomIp());
    expect(console.status).toBe(200);
    expect(String(console.headers['set-cookie'] ?? '')).not.toContain('playforge.admin');
    expect(Number(await ctx.s.redis.get(`auth:login:fail:acct:u:${u.id}`))).toBe(4);
  }, 60_000);

  it('the console compares an unknown account at the real bcrypt cost (similar timing)', async () => {
    const cfg = parseConfig({ ...process.env, BCRYPT_COST: '10', LOGIN_MAX_FAILURES_PER_IP: '100000' });
    const { app } = await buildTestApp(ctx.s, { cfg, admin: true });
    const u = await register(app);
    await ctx.s.db.models.User.update({ role: 'moderator' }, { where: { id: u.id } });
    const time = async (email: string, i: number): Promise<number> => {
      const t = performance.now();
      await consoleLogin(app, email, `Wrong-Pass-${i}`, randomIp()).expect(200);
      return performance.now() - t;
    };
    await time(`${uniqueName()}@example.com`, 0); // warm-up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(u.email, i));
      unknown.push(await time(`${uniqueName()}@example.com`, i));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.7);
  }, 60_000);
});

describe('registration limit per address', () => {
  it('429 past REGISTRATIONS_PER_IP_PER_HOUR from one address; another address is unaffected', async () => {
    const app = await appWith(ctx.s, parseConfig({ ...process.env, REGISTRATIONS_PER_IP_PER_HOUR: '3' }));
    const ip = randomIp();
    const attempt = (from: string) => {
      const name = uniqueName();
      return request(app).post('/api/auth/register').set('X-Forwarded-For', from)
        .send({ username: name, email: `${name}@example.com`, password: 'Sturdy-Pass-42' });
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => attempt(ip)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(5);
    expect(refused[0]!.body).toMatchObject({
      error_code: 'rate_limited', context: { limit: 3, remaining: 0, window: 'hour' },
    });
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThan(0);
    await attempt(randomIp()).expect(201);
  }, 60_000);
});

describe('limits while Redis is unreachable', () => {
  it('/api keeps answering (never 500) and is still limited, in memory', async () => {
    const dead = createRedis('redis://127.0.0.1:9/0', 'dead');
    dead.on('error', () => undefined);
    try {
      const cfg = parseConfig({ ...process.env, API_REQUESTS_PER_MINUTE: '10' });
      const health: HealthChecks = { check: () => Promise.resolve({}) } as unknown as HealthChecks;
      const app = await composeApi({ ...ctx.s, cfg, redis: dead, temporal: ctx.s.client }, { health });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await request(app).get('/api/templates')).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
      expect(statuses.slice(10)).toEqual([429, 429]);
      // Sign-in and registration have their insurance too (another address: its own request budget).
      const name = uniqueName();
      const reg = await request(app).post('/api/auth/register').set('X-Forwarded-For', randomIp())
        .send({ username: name, email: `${name}@example.com`, password: 'Sturdy-Pass-42' });
      expect(reg.status).toBe(201);
      await login(app, { login: name, password: 'Sturdy-Pass-42' }).expect(200);
      await login(app, { login: name, password: 'Wrong-Pass-1' }).expect(401);
    } finally {
      dead.disconnect();
    }
  }, 60_000);
});
