// The console through HTTP (the Chromium walk-through comes with the moderation issue):
// who may log in, what a session may read, and the CSRF guard.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import bcrypt from 'bcryptjs';
import type { createApp } from '../../api/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { connectServices, type Services } from '../helpers/services.ts';

// Console writes must be marked same-origin (admin/gate.ts), as a browser marks them.
const post = (url: string) => request(app).post(url).set('Sec-Fetch-Site', 'same-origin');

let s: Services;
let app: ReturnType<typeof createApp>;
const password = 'Console-Pass-1';
const TEMPLATE_LIST = '/admin/api/resources/templates/actions/list';

async function makeUser(username: string, role: string, status = 'active'): Promise<void> {
  await s.db.models.User.destroy({ where: { username } });
  await s.db.models.User.create({
    username, email: `${username}@example.com`, passwordHash: await bcrypt.hash(password, 4),
    displayName: null, avatarUrl: null, bio: null, role: role as 'user', status: status as 'active', lastLoginAt: null,
  });
}

async function login(email: string, pass = password) {
  return post('/admin/login').type('form').send({ email, password: pass });
}

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s, { admin: true })).app;
  await makeUser('console_mod', 'moderator');
  await makeUser('console_admin', 'admin');
  await makeUser('console_user', 'user');
  await makeUser('console_susp', 'moderator', 'suspended');
  await s.redis.del('auth:login:fail:ip:::ffff:127.0.0.1', 'auth:login:fail:ip:127.0.0.1', 'auth:login:fail:ip:::1');
}, 60_000);
afterAll(async () => s.close());

describe('admin console', () => {
  it('shows the login page', async () => {
    const res = await request(app).get('/admin/login').expect(200);
    // The page renders in the browser from this state.
    expect(res.text).toContain('window.__APP_STATE__');
    expect(res.text).toContain('"action":"/admin/login"');
  });

  it('lets a moderator in and keeps the session in Redis with a strict cookie', async () => {
    const res = await login('console_mod@example.com');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin');
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/playforge\.admin=/);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/HttpOnly/i);
    const value = decodeURIComponent(/playforge\.admin=([^;]+)/.exec(cookie)![1]!);
    const sid = /^s:([^.]+)\./.exec(value)![1]!;
    expect(await s.redis.exists(`admin:sess:${sid}`)).toBe(1);

    const templates = await request(app).get(TEMPLATE_LIST).set('Cookie', cookie).expect(200);
    expect(templates.body.records.length).toBeGreaterThanOrEqual(4);
    // Users are for admins only.
    // Users are for admins only (AdminJS answers 200 with a ForbiddenError and no records).
    const users = await request(app).get('/admin/api/resources/users/actions/list').set('Cookie', cookie);
    expect(users.body.records).toEqual([]);
    expect(users.body.record.baseError.type).toBe('ForbiddenError');
  });

  it('shows admins the users, never the password hash', async () => {
    const cookie = (await login('console_admin')).headers['set-cookie']![0]!;
    const users = await request(app).get('/admin/api/resources/users/actions/list').set('Cookie', cookie).expect(200);
    expect(users.body.records.length).toBeGreaterThan(0);
    expect(JSON.stringify(users.body)).not.toMatch(/password_?hash|\$2[aby]\$/i);
  });

  it('refuses plain users, suspended moderators and wrong passwords', async () => {
    for (const who of ['console_user@example.com', 'console_susp@example.com']) {
      const res = await login(who);
      expect(res.status).toBe(200); // the login page again, with an error
      const cookies = (res.headers['set-cookie'] ?? []) as unknown as string[];
      expect(cookies.some((c) => c.includes('playforge.admin'))).toBe(false);
    }
    expect((await login('console_mod@example.com', 'wrong-Pass-1')).status).toBe(200);
    const anon = await request(app).get(TEMPLATE_LIST);
    expect(anon.status).toBe(302);
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    await makeUser('console_throttled', 'moderator');
    for (let i = 0; i < 5; i++) await login('console_throttled@example.com', 'Bad-guess-1');
    expect((await login('console_throttled@example.com')).status).toBe(200);
    const user = await s.db.models.User.findOne({ where: { username: 'console_throttled' } });
    // The API's counter for the account (by id): the console shares it.
    expect(Number(await s.redis.get(`auth:login:fail:acct:u:${user!.id}`))).toBe(5);
  });

  it('refuses cross-site requests (CSRF)', async () => {
    const cookie = (await login('console_admin')).headers['set-cookie']![0]!;
    await request(app).get(TEMPLATE_LIST).set('Cookie', cookie).set('Sec-Fetch-Site', 'cross-site').expect(403);
    const res = await request(app).post('/admin/login').set('Origin', 'http://evil.example').type('form')
      .send({ email: 'console_admin', password });
    expect(res.status).toBe(403);
    expect(res.body.error_code).toBe('csrf_refused');
  });
});
