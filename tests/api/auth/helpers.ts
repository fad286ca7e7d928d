// Shared by the auth tests: the real app on the real services, accounts made through
// POST /api/auth/register, and a fresh client address per test (X-Forwarded-For, which the
// app trusts from loopback) so the per-address login counters of tests never meet.
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { parseConfig, type Config } from '../../../config.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';

export const PASSWORD = 'Sturdy-Pass-42';

export interface Ctx {
  s: Services;
  app: Express;
}

/** beforeAll/afterAll for a test file; read ctx.s / ctx.app inside tests. */
export function useServices(): Ctx {
  const ctx = {} as Ctx;
  beforeAll(async () => {
    ctx.s = await connectServices();
    ctx.app = (await buildTestApp(ctx.s)).app;
  });
  afterAll(async () => ctx.s.close());
  return ctx;
}

export async function appWith(s: Services, cfg: Config): Promise<Express> {
  return (await buildTestApp(s, { cfg })).app;
}

/** The environment's config with small login limits (variables the throttle reads). */
export function throttleConfig(
  limits: { account: number; ip: number; window?: number }, env: Record<string, string> = {},
): Config {
  return parseConfig({
    ...process.env, ...env,
    LOGIN_MAX_FAILURES_PER_ACCOUNT: String(limits.account),
    LOGIN_MAX_FAILURES_PER_IP: String(limits.ip),
    LOGIN_FAILURE_WINDOW_SECONDS: String(limits.window ?? 900),
  });
}

export const uniqueName = (prefix = 'u'): string => `${prefix}_${randomBytes(6).toString('hex')}`;

export const randomIp = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export interface Registered {
  id: string;
  username: string;
  email: string;
  password: string;
  access: string;
  refresh: string;
  body: Record<string, unknown>;
}

export async function register(app: Express, over: Record<string, unknown> = {}): Promise<Registered> {
  const username = uniqueName();
  const payload = { username, email: `${username}@example.com`, password: PASSWORD, ...over };
  const res = await request(app).post('/api/auth/register').set('X-Forwarded-For', randomIp()).send(payload)
    .expect(201);
  return {
    id: res.body.user.id, username: res.body.user.username, email: res.body.user.email,
    password: String(payload.password),
    access: res.body.access_token, refresh: res.body.refresh_token, body: res.body,
  };
}

export function login(app: Express, body: Record<string, unknown>, ip = randomIp()) {
  return request(app).post('/api/auth/login').set('X-Forwarded-For', ip).send(body);
}

export function refresh(app: Express, token: string) {
  return request(app).post('/api/auth/refresh').send({ refresh_token: token });
}

export const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

/** The payload of a JWT, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
