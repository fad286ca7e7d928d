// A seeded fuzz run over the route table: ≥ 2,000 requests, each hostile by construction (a
// junk path id, a junk query on a route that takes one, a forged token, or a body the route's
// strict schema must refuse: wrong types, unknown and prototype keys, deep nesting, broken
// JSON, odd media types, too large). Not one may answer 5xx; errors keep their shape; most are
// 400-class validation answers; and every row stored before is there, unchanged, after.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parseConfig } from '../../../config.ts';
import { routeTable } from '../../../api/routes/index.ts';
import type { RouteSpec } from '../../../api/routeTable.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { buildWorld, changedRows, concretePath, exampleBody, snapshotRows, type World } from './fixtures.ts';

const SEED = 20261121;
const REQUESTS = 2200;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Path ids that no route accepts as its own kind of id (the all-zero UUID names nothing). */
const JUNK_IDS = [
  ' ', 'a', 'x'.repeat(3000), 'ü'.repeat(300), '\u0000', '\u202e\u2066evil', '<script>alert(1)</script>',
  "' OR 1=1 --", '../../../etc/passwd', '%00%2e%2e', 'NaN', '1e309', '-1', '__proto__', '{{7*7}}',
  '${jndi:ldap://127.0.0.1/a}', '😀'.repeat(50), 'null', '00000000-0000-0000-0000-000000000000',
  'game_550e8400-e29b-41d4-a716-446655440001', 'javascript:alert(1)',
];
const STRINGS = ['', 'x'.repeat(5001), '\u0000', '<script>alert(1)</script>', '__proto__', '😀'.repeat(100)];
const NUMBERS = [0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 4.2e-320];
const QUERIES = [
  'page=-1', 'per_page=1e9', 'page=abc', 'q=%00', 'v=../1', 'sort=__proto__', `tag=${'x'.repeat(3000)}`,
  'a[b][c]=1', '__proto__[admin]=1', 'page=1&page=2',
];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '', 'a'.repeat(300), 'role', 'is_admin'];
const TOKENS = ['Bearer', 'Bearer x.y.z', `Bearer ${'a'.repeat(5000)}`, 'Basic YTpi', 'Bearer null', 'bearer  '];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Rnd = () => number;

function pick<T>(rnd: Rnd, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function value(rnd: Rnd, depth: number): Json {
  const r = rnd();
  if (depth > 3 || r < 0.35) return pick(rnd, STRINGS);
  if (r < 0.55) return pick(rnd, NUMBERS);
  if (r < 0.6) return rnd() < 0.5;
  if (r < 0.8) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(rnd, depth + 1));
  const o: Record<string, Json> = {};
  for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) o[pick(rnd, KEYS)] = value(rnd, depth + 1);
  return o;
}

/** A value of another JSON type than the valid one (a string's field gets a number, and so on). */
function wrongType(rnd: Rnd, valid: unknown): Json {
  const kinds = [
    (): Json => pick(rnd, NUMBERS), (): Json => [pick(rnd, STRINGS)], (): Json => ({ [pick(rnd, KEYS)]: 1 }),
    (): Json => pick(rnd, STRINGS.slice(1)), (): Json => true,
  ];
  const same = (v: Json) => typeof v === typeof valid && Array.isArray(v) === Array.isArray(valid);
  for (;;) {
    const v = pick(rnd, kinds)();
    if (!same(v)) return v;
  }
}

function deep(n: number): Json {
  let v: Json = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

type Body = { raw?: string; json?: Json; type?: string };

/** A body the route's strict schema refuses, or that cannot be parsed at all. */
function hostileBody(rnd: Rnd, route: RouteSpec, w: World): Body {
  const example = (exampleBody(route, w) ?? {}) as Record<string, Json>;
  const keys = Object.keys(example);
  const r = rnd();
  if (r < 0.3 && keys.length > 0) {
    const key = pick(rnd, keys);
    return { json: { ...example, [key]: wrongType(rnd, example[key]) } };
  }
  if (r < 0.5) return { json: { ...example, [pick(rnd, KEYS)]: value(rnd, 0) } };
  if (r < 0.6) return { json: pick(rnd, [...NUMBERS, ...STRINGS, [example], null]) };
  if (r < 0.7) {
    return { raw: pick(rnd, ['{', '{"a":', '[1,2', 'nul', '{"a":1}{"b":2}', '\u0000']), type: 'application/json' };
  }
  if (r < 0.77) {
    return { raw: 'a=1&b=2', type: pick(rnd, ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']) };
  }
  if (r < 0.85) return { json: { ...example, nested: deep(200 + Math.floor(rnd() * 3000)) } };
  if (r < 0.9) {
    return { raw: JSON.stringify({ ...example, description: 'x'.repeat(300_000) }), type: 'application/json' };
  }
  return { raw: `{"__proto__":{"admin":true},"constructor":{"prototype":{"role":"admin"}},${
    JSON.stringify(example).slice(1)}`.replace(/,}$/, '}'), type: 'application/json' };
}

type Kind = 'path' | 'query' | 'token' | 'body';

/** The kinds of hostility a route cannot ignore: it reads that part of the request. */
function kindsOf(route: RouteSpec): Kind[] {
  const kinds: Kind[] = [];
  if (route.path.includes(':')) kinds.push('path');
  if (route.query) kinds.push('query');
  if (route.access !== 'public' || route.owned) kinds.push('token');
  if (route.body) kinds.push('body');
  return kinds;
}

function junkPath(rnd: Rnd, route: RouteSpec): string {
  return route.path.replace(/:[a-z_]+/g, () => encodeURIComponent(pick(rnd, JUNK_IDS)).slice(0, 2000) || '%20');
}

let s: Services;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let world: World;

beforeAll(async () => {
  s = await connectServices();
  // E-mail on (nothing serves the queue, so no mail leaves): the mail routes answer for themselves.
  app = (await buildTestApp(s, { cfg: parseConfig({
    ...process.env, TEMPORAL_TASK_QUEUE: 'fuzz-no-worker', SMTP_HOST: '127.0.0.1', SMTP_PORT: '9',
  }) })).app;
  world = await buildWorld(s);
}, 60_000);
afterAll(async () => s.close());

/** Answers any route may give to hostile input besides its documented ones (the body parser's, the limits'). */
const GENERIC = new Set([400, 401, 404, 413, 415, 429]);

describe('seeded fuzz over the route table', () => {
  it(`${REQUESTS} hostile requests: zero 5xx, errors keep their shape, stored rows unchanged`, async () => {
    const rnd = mulberry32(SEED);
    const routes = routeTable.filter((r) => kindsOf(r).length > 0);
    // The rows the requests name: the world's users, game, versions, session, job and what hangs
    // off them (scoped, so suites before this one in the same database cannot make it flaky).
    const ids = [...world.userIds, world.gameId, world.sessionId, world.jobId];
    const before = await snapshotRows(s, ids);
    expect(before.size).toBeGreaterThanOrEqual(8);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const kinds = new Map<Kind, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const route = pick(rnd, routes);
      const kind = pick(rnd, kindsOf(route));
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const url = (kind === 'path' ? junkPath(rnd, route) : concretePath(route, world))
        + (kind === 'query' ? `?${pick(rnd, QUERIES)}` : '');
      let req = request(app)[route.method](url);
      const caller = pick(rnd, ['owner', 'owner', 'other', 'admin'] as const);
      req = req.set('Authorization', kind === 'token' ? pick(rnd, TOKENS) : `Bearer ${world.tokens[caller]}`);
      if (route.longRunning && rnd() < 0.3) {
        req = req.set('Idempotency-Key', pick(rnd, ['', 'k'.repeat(500), '\u00e9'.repeat(8)]));
      }
      let res: request.Response;
      if (route.method === 'get') {
        res = await req;
      } else {
        const body = kind === 'body' ? hostileBody(rnd, route, world) : { json: exampleBody(route, world) as Json };
        // Serialised here: a top-level number, string or null is hostile JSON too.
        res = await req.set('Content-Type', body.type ?? 'application/json')
          .send(body.raw ?? JSON.stringify(body.json));
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const seen = `#${i} ${kind} ${route.method.toUpperCase()} ${url.slice(0, 100)} → ${res.status}`;
      const shaped = typeof res.body?.detail === 'string' && typeof res.body?.error_code === 'string'
        && typeof res.body?.context === 'object';
      // Only /play answers its refusals as a page (the player's browser shows it).
      const page = route.path.startsWith('/play/') && res.status === 404 && res.type === 'text/html';
      if (res.status >= 500) failures.push(`${seen} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (res.status >= 400 && !shaped && !page) failures.push(`${seen} bad error ${res.text.slice(0, 200)}`);
      else if (!(res.status in route.responses) && !GENERIC.has(res.status)) failures.push(`${seen} undocumented`);
      if (/at [\w.<>]+ \(.*\.ts:\d+:\d+\)/.test(res.text ?? '')) failures.push(`${seen} leaked a stack trace`);
    }
    const spread = Object.fromEntries([...statuses].sort());
    process.stderr.write(`fuzz statuses: ${JSON.stringify(spread)} kinds: ${
      JSON.stringify(Object.fromEntries(kinds))}\n`);
    expect(failures).toEqual([]);
    // Each kind of hostility had its share of the run.
    expect(Math.min(...['path', 'query', 'token', 'body'].map((k) => kinds.get(k as Kind) ?? 0)))
      .toBeGreaterThanOrEqual(200);
    // Bounded: validation answers most of it, forged tokens are refused as such, hardly anything
    // is accepted (a search for odd text, a session whose optional body was not JSON), and an app
    // that answers one status to everything fails.
    const share = (test: (code: number) => boolean) => [...statuses].filter(([c]) => test(c))
      .reduce((n, [, k]) => n + k, 0) / REQUESTS;
    expect(share((c) => c === 400)).toBeGreaterThanOrEqual(0.5);
    expect(share((c) => c === 401)).toBeGreaterThanOrEqual(0.2);
    expect(share((c) => c === 404)).toBeLessThanOrEqual(0.15);
    expect(share((c) => c < 400)).toBeLessThanOrEqual(0.03);
    expect([...statuses.keys()].filter((c) => c >= 500 || c < 200)).toEqual([]);
    // Every row stored before is there and unchanged: compared row by row, not counted.
    expect(changedRows(before, await snapshotRows(s, ids))).toEqual([]);
  }, 120_000);
});
