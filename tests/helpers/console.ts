// The console as a browser drives it: writes marked same-origin (admin/gate.ts requires it) and a
// signed-in session's cookie.
import { expect } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { TEST_PASSWORD } from './users.ts';

export const consolePost = (app: Express, url: string) =>
  request(app).post(url).set('Sec-Fetch-Site', 'same-origin');

/** Signs in at /admin/login with the test password; the session cookie (name=value). */
export async function consoleCookie(app: Express, email: string): Promise<string> {
  const res = await consolePost(app, '/admin/login').type('form').send({ email, password: TEST_PASSWORD });
  expect(res.status).toBe(302);
  return res.headers['set-cookie']![0]!.split(';')[0]!;
}
