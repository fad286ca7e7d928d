// The console as a browser drives it: writes marked same-origin (admin/gate.ts requires it) and a
// signed-in session's cookie.
import { expect } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import type { Services } from './services.ts';
import { createUser, TEST_PASSWORD } from './users.ts';

export const consolePost = (app: Express, url: string) =>
  request(app).post(url).set('Sec-Fetch-Site', 'same-origin');

/** Signs in at /admin/login with the test password; the session cookie (name=value). */
export async function consoleCookie(app: Express, email: string): Promise<string> {
  const res = await consolePost(app, '/admin/login').type('form').send({ email, password: TEST_PASSWORD });
  expect(res.status).toBe(302);
  return res.headers['set-cookie']![0]!.split(';')[0]!;
}

/** A new admin and a new moderator, each signed in to the console (the test client's login
 *  throttle cleared first, so earlier suites' failed sign-ins do not refuse them). */
export async function signedInStaff(s: Services, app: Express) {
  const admin = (await createUser(s, 'admin')).user;
  const mod = (await createUser(s, 'moderator')).user;
  await s.redis.del('auth:login:fail:ip:::ffff:127.0.0.1', 'auth:login:fail:ip:127.0.0.1', 'auth:login:fail:ip:::1');
  const [adminCookie, modCookie] = [await consoleCookie(app, admin.email), await consoleCookie(app, mod.email)];
  return { admin, mod, adminCookie, modCookie };
}
