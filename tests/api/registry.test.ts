// The router registry enforces what a RouteSpec declares: access (401/403 before the handler
// runs), then params, query and body (400 naming the field), and the headers of long-running
// routes; the handler gets the parsed values and parses nothing itself. Shown on routes
// declared here for the purpose (no route of the table is staff- or admin-only yet) and on
// the app's own routes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { routeRegistry } from '../../api/routes/registry.ts';
import type { RouteSpec } from '../../api/routeTable.ts';
import { requestContext } from '../../api/middleware/requestContext.ts';
import { errorHandler } from '../../api/middleware/errorHandler.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { buildTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/users.ts';
import { makeGame } from './games/fixtures.ts';

const staffOnly = {
  method: 'get', path: '/api/registry-test/staff', tag: 'test', access: 'staff',
  summary: 'staff only', responses: { 200: 'ok', 401: 'no token', 403: 'not staff' },
} satisfies RouteSpec;

const adminOnly = {
  method: 'get', path: '/api/registry-test/admin', tag: 'test', access: 'admin',
  summary: 'admins only', responses: { 200: 'ok', 401: 'no token', 403: 'not an admin' },
} satisfies RouteSpec;

const echo = {
  method: 'post', path: '/api/registry-test/echo/:n', tag: 'test', access: 'user',
  params: z.object({ n: z.string().regex(/^\d+$/).transform(Number) }),
  query: z.object({ loud: z.enum(['1', '0']).transform((v) => v === '1').default(false) }).strict(),
  body: z.object({ name: z.string().min(2, 'too short'), tags: z.array(z.string()).default([]) }).strict(),
  summary: 'echo', responses: { 200: 'ok', 400: 'bad input', 401: 'no token' },
} satisfies RouteSpec;

const optional = {
  method: 'get', path: '/api/registry-test/owned', tag: 'test', access: 'public', owned: 'game',
  summary: 'public, answers more when signed in', responses: { 200: 'ok', 401: 'bad token' },
} satisfies RouteSpec;

const longRunning = {
  method: 'post', path: '/api/registry-test/job', tag: 'test', access: 'user', longRunning: true,
  summary: 'long work', responses: { 202: 'accepted', 400: 'bad header' },
} satisfies RouteSpec;

let s: Services;
let app: express.Express;
let handled: unknown[];
type U = Awaited<ReturnType<typeof createUser>>;
let user: U;
let moderator: U;
let admin: U;

beforeAll(async () => {
  s = await connectServices();
  [user, moderator, admin] = await Promise.all([createUser(s), createUser(s, 'moderator'), createUser(s, 'admin')]);
  const routes = routeRegistry(s);
  handled = [];
  routes.mount(staffOnly, ({ caller, res }) => {
    handled.push(staffOnly.path);
    res.json({ role: caller.role });
  });
  routes.mount(adminOnly, ({ caller, res }) => {
    res.json({ role: caller.role });
  });
  // No parse call here: what arrives is what the spec's schemas made of the request.
  routes.mount(echo, ({ caller, params, query, body, res }) => {
    handled.push(body);
    res.json({ caller: caller.id, params, query, body });
  });
  routes.mount(optional, ({ caller, res }) => {
    res.json({ caller: caller?.id ?? null });
  });
  routes.mount(longRunning, ({ wait, idempotencyKey, res }) => {
    res.status(202).json({ wait, idempotency_key: idempotencyKey ?? null });
  });
  app = express().use(requestContext(s.logger)).use(express.json()).use(routes.router).use(errorHandler);
});
afterAll(async () => s.close());

const bearer = (u: U) => `Bearer ${u.token}`;

describe('access from the spec', () => {
  it('staff: 401 without a token, 403 for a plain user, in for moderators and admins', async () => {
    await request(app).get(staffOnly.path).expect(401);
    const refused = await request(app).get(staffOnly.path).set('Authorization', bearer(user)).expect(403);
    expect(refused.body).toEqual({
      detail: expect.any(String), error_code: 'forbidden',
      context: { access: 'staff', request_id: expect.any(String) },
    });
    expect(handled).toEqual([]);
    await request(app).get(staffOnly.path).set('Authorization', bearer(moderator)).expect(200, { role: 'moderator' });
    await request(app).get(staffOnly.path).set('Authorization', bearer(admin)).expect(200, { role: 'admin' });
  });

  it('admin: a moderator is refused', async () => {
    await request(app).get(adminOnly.path).set('Authorization', bearer(moderator)).expect(403);
    await request(app).get(adminOnly.path).set('Authorization', bearer(admin)).expect(200, { role: 'admin' });
  });

  it('a suspended account is refused even on a route it was allowed', async () => {
    const gone = await createUser(s, 'moderator');
    await gone.user.update({ status: 'suspended' });
    const res = await request(app).get(staffOnly.path).set('Authorization', bearer(gone)).expect(403);
    expect(res.body.error_code).toBe('account_suspended');
  });

  it('public and owned: anonymous without a header, the caller with one, 401 for a bad one', async () => {
    await request(app).get(optional.path).expect(200, { caller: null });
    await request(app).get(optional.path).set('Authorization', bearer(user)).expect(200, { caller: user.user.id });
    await request(app).get(optional.path).set('Authorization', 'Bearer not-a-valid-token').expect(401);
  });
});

describe('validation from the spec', () => {
  it('a bad body is a 400 naming the field, and the handler never runs', async () => {
    handled.length = 0;
    const res = await request(app).post('/api/registry-test/echo/7').set('Authorization', bearer(user))
      .send({ name: 'x' }).expect(400);
    expect(res.body).toEqual({
      detail: 'name: too short', error_code: 'validation_error',
      context: { field: 'name', issues: [{ path: 'name', message: 'too short' }], request_id: expect.any(String) },
    });
    await request(app).post('/api/registry-test/echo/7').set('Authorization', bearer(user))
      .send({ name: 'ok', role: 'admin' }).expect(400);
    expect(handled).toEqual([]);
  });

  it('bad params and queries are 400s too, checked after access', async () => {
    const params = await request(app).post('/api/registry-test/echo/seven').set('Authorization', bearer(user))
      .send({ name: 'ok' }).expect(400);
    expect(params.body.context.field).toBe('n');
    const query = await request(app).post('/api/registry-test/echo/7?loud=maybe').set('Authorization', bearer(user))
      .send({ name: 'ok' }).expect(400);
    expect(query.body.context.field).toBe('loud');
    // Who may call comes first: an anonymous bad request is a 401, not a 400.
    await request(app).post('/api/registry-test/echo/seven').send({ name: 'x' }).expect(401);
    expect(handled).toEqual([]);
  });

  it('the handler gets the parsed values: transformed, defaulted, typed', async () => {
    const res = await request(app).post('/api/registry-test/echo/42?loud=1').set('Authorization', bearer(user))
      .send({ name: 'Ada' }).expect(200);
    expect(res.body).toEqual({
      caller: user.user.id, params: { n: 42 }, query: { loud: true }, body: { name: 'Ada', tags: [] },
    });
    // No body at all is an empty one: the schema names what is missing.
    const empty = await request(app).post('/api/registry-test/echo/1').set('Authorization', bearer(user)).expect(400);
    expect(empty.body.context.field).toBe('name');
  });

  it('long-running routes: Prefer: wait=N (at most 120) and a checked Idempotency-Key', async () => {
    const post = () => request(app).post(longRunning.path).set('Authorization', bearer(user));
    await post().expect(202, { wait: 0, idempotency_key: null });
    await post().set('Prefer', 'respond-async, wait=500').expect(202, { wait: 120, idempotency_key: null });
    await post().set('Idempotency-Key', 'retry-key-0001').expect(202, { wait: 0, idempotency_key: 'retry-key-0001' });
    const bad = await post().set('Idempotency-Key', 'short').expect(400);
    expect(bad.body.context.field).toBe('Idempotency-Key');
  });
});

describe("the app's own routes go through the registry", () => {
  it('a declared body schema refuses a bad rating with a 400 naming the field', async () => {
    const { app: real } = await buildTestApp(s);
    const game = await makeGame(s, admin.user.id, { isPublic: true });
    const res = await request(real).post(`/api/games/${game.id}/rating`).set('Authorization', bearer(user))
      .send({ rating: 9 }).expect(400);
    expect(res.body).toMatchObject({ error_code: 'validation_error', context: { field: 'rating' } });
    // Access comes first, as declared: anonymous is a 401 whatever the body.
    await request(real).post(`/api/games/${game.id}/rating`).send({ rating: 9 }).expect(401);
  });
});
