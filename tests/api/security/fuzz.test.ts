// A seeded fuzz run over the route table: ≥ 2,000 hostile requests (wrong types, huge and
// odd strings, prototype keys, deep nesting, broken JSON, junk ids and queries). Not one
// may answer 5xx, errors keep their shape, and nothing already stored is lost.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parseConfig } from '../../../config.ts';
import { routeTable } from '../../../api/routes/index.ts';
import type { RouteSpec } from '../../../api/routeTable.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { buildWorld, concretePath, exampleBody, type World } from './fixtures.ts';

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

const STRINGS = [
  '', ' ', 'a', 'x'.repeat(5001), 'ü'.repeat(3000), '\u0000', '\u202e\u2066evil', '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../../etc/passwd', '%00%2e%2e', 'NaN', '1e309', '-1', '__proto__', '{{7*7}}', '${jndi:ldap://127.0.0.1/a}',
  '😀'.repeat(100),
  'null', 'true', '00000000-0000-0000-0000-000000000000', 'game_550e8400-e29b-41d4-a716-446655440001', '#zzzzzz',
  'javascript:alert(1)',
];
const NUMBERS = [0, -1, 1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, 99999999999, 4.2e-320];
const QUERIES = [
  'page=-1', 'per_page=1e9', 'limit=abc', 'q=%00', 'version=../1', 'sort=__proto__', `tag=${'x'.repeat(3000)}`,
  'a[b][c]=1',
];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '', 'a'.repeat(300)];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function value(rnd: () => number, depth: number): Json {
  const r = rnd();
  if (depth > 4 || r < 0.3) return pick(rnd, STRINGS);
  if (r < 0.45) return pick(rnd, NUMBERS);
  if (r < 0.5) return rnd() < 0.5;
  if (r < 0.55) return null;
  if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(rnd, depth + 1));
  const o: Record<string, Json> = {};
  for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) o[rnd() < 0.4 ? pick(rnd, KEYS) : `k${i}`] = value(
    rnd, depth + 1,
  );
  return o;
}

function deep(n: number): Json {
  let v: Json = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

/** A hostile body: a mutation of a valid one (to get past the first checks), or pure junk. */
function hostileBody(rnd: () => number, route: RouteSpec, w: World): { raw?: string; json?: Json; type?: string } {
  const example = (exampleBody(route, w) ?? {}) as Record<string, Json>;
  const r = rnd();
  if (r < 0.45 && Object.keys(example).length > 0) {
    const body: Record<string, Json> = { ...example };
    const key = pick(rnd, [...Object.keys(example), ...KEYS]);
    body[key] = value(rnd, 0);
    return { json: body };
  }
  if (r < 0.6) return { json: value(rnd, 0) };
  if (r < 0.68) {
    return {
      raw: pick(rnd, ['{', '{"a":', '[1,2', 'nul', '"\\ud800"', '{"a":1}{"b":2}', '\u0000']), type: 'application/json',
    };
  }
  if (r < 0.74) {
    return { raw: 'a=1&b=2', type: pick(rnd, ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']) };
  }
  if (r < 0.8) return { json: deep(200 + Math.floor(rnd() * 3000)) };
  if (r < 0.84) return { raw: JSON.stringify({ description: 'x'.repeat(300_000) }), type: 'application/json' };
  return { json: { ...example, __proto__: { admin: true }, role: 'admin', is_public: 'yes' } };
}

function hostilePath(rnd: () => number, route: RouteSpec, w: World): string {
  const path = concretePath(route, w);
  if (rnd() < 0.7 || !route.path.includes(':')) return path;
  const junk = encodeURIComponent(pick(rnd, STRINGS)).slice(0, 2000) || '%20';
  return route.path.replace(/:[a-z_]+/g, () => (rnd() < 0.5 ? junk : w.gameId));
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

describe('seeded fuzz over the route table', () => {
  it(`${REQUESTS} hostile requests: zero 5xx, errors keep their shape, stored data survives`, async () => {
    const rnd = mulberry32(SEED);
    const routes = routeTable.filter((r) => !r.path.startsWith('/api/health'));
    const versionsBefore = await s.db.models.GameVersion.count();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const route = pick(rnd, routes);
      const path = hostilePath(rnd, route, world);
      const url = path + (rnd() < 0.3 ? `?${pick(rnd, QUERIES)}` : '');
      let req = request(app)[route.method](url);
      const auth = rnd();
      if (auth < 0.75) req = req.set('Authorization', `Bearer ${world.tokens.owner}`);
      else if (auth < 0.85) req = req.set(
        'Authorization', pick(rnd, ['Bearer', 'Bearer x.y.z', `Bearer ${'a'.repeat(5000)}`, 'Basic YTpi']),
      );
      if (rnd() < 0.1) req = req.set(
        'Idempotency-Key',
        pick(rnd, ['', 'x', 'k'.repeat(500), 'valid-key-0001', '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9']),
      );
      let res: request.Response;
      if (route.method === 'get') {
        res = await req;
      } else {
        const body = hostileBody(rnd, route, world);
        // Serialised here: a top-level number, string or null is hostile JSON too.
        const raw = body.raw ?? JSON.stringify(body.json);
        res = await req.set('Content-Type', body.type ?? 'application/json').send(raw);
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const seen = `${route.method.toUpperCase()} ${url.slice(0, 120)} → ${res.status}`;
      if (res.status >= 500) failures.push(`${seen} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (res.status >= 400 && res.type === 'application/json') {
        const ok = typeof res.body?.detail === 'string' && typeof res.body?.error_code === 'string'
          && typeof res.body?.context === 'object';
        if (!ok) failures.push(`${seen} bad error shape ${JSON.stringify(res.body).slice(0, 200)}`);
      }
      if (JSON.stringify(res.body ?? '').match(/at [\w.<>]+ \(.*\.ts:\d+:\d+\)/)) {
        failures.push(`${url.slice(0, 120)} leaked a stack trace`);
      }
    }
    process.stderr.write(`fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
    expect(failures).toEqual([]);
    // Nothing stored was lost (fuzz may add rows; it must not remove any).
    expect(await s.db.models.GameVersion.count()).toBeGreaterThanOrEqual(versionsBefore);
    expect(await s.db.models.Game.count({ where: { id: world.gameId } })).toBe(1);
    expect([...statuses.keys()].every((code) => code < 500)).toBe(true);
  }, 600_000);
});
