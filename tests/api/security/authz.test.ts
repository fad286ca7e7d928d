// The authorization matrix, generated from the route table: every route × every role ×
// owner or not. Nobody sees another user's private game, session or job; routes that need
// an account refuse anonymous callers; nothing answers 5xx.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parseConfig } from '../../../config.ts';
import { routeTable } from '../../../api/routes/index.ts';
import type { RouteSpec } from '../../../api/routeTable.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { buildWorld, concretePath, exampleBody, type Role, type World } from './fixtures.ts';

let s: Services;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let world: World;

beforeAll(async () => {
  s = await connectServices();
  // No worker serves this queue: a job or mail started by the matrix waits, nothing more. E-mail
  // is on, so the mail routes answer for themselves (email_disabled is tested in auth/email).
  app = (await buildTestApp(s, { cfg: parseConfig({
    ...process.env, TEMPORAL_TASK_QUEUE: 'authz-matrix-no-worker', SMTP_HOST: '127.0.0.1', SMTP_PORT: '9',
  }) })).app;
  world = await buildWorld(s);
}, 60_000);
afterAll(async () => s.close());

const ROLES: Role[] = ['anonymous', 'other', 'owner', 'moderator', 'admin'];
const routes = routeTable.filter((r) => r.path !== '/play/vendor/phaser.min.js');

async function call(route: RouteSpec, role: Role): Promise<request.Response> {
  let req = request(app)[route.method](concretePath(route, world));
  if (role !== 'anonymous') req = req.set('Authorization', `Bearer ${world.tokens[role]}`);
  const body = exampleBody(route, world);
  return body ? req.send(body) : req;
}

describe('authorization matrix (route × role × owner)', () => {
  it('covers every route of the table', () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_name, route) => {
    // A world of its own per route: an owner's DELETE must not change what the next route sees.
    beforeAll(async () => {
      world = await buildWorld(s);
    });
    it.each(ROLES)('as %s', async (role) => {
      const res = await call(route, role);
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400 && res.type === 'application/json') {
        expect(res.body)
          .toEqual({ detail: expect.any(String), error_code: expect.any(String), context: expect.any(Object) });
      }
      const needsAccount = route.access !== 'public';
      if (role === 'anonymous' && needsAccount) expect(res.status).toBe(401);
      // A public route may refuse bad credentials (login, refresh), never ask for a token.
      if (role === 'anonymous' && !needsAccount) expect(res.body?.error_code).not.toBe('unauthorized');
      // Another user never reaches someone else's private game, session or job.
      if (role === 'other' && route.owned && route.owned !== 'user') {
        expect([400, 404]).toContain(res.status);
      }
      if (role === 'anonymous' && route.owned && route.owned !== 'user' && !needsAccount) expect(res.status).toBe(404);
      // Staff may look at anything that is owned (support and moderation), never change it as a moderator.
      const ownedRead = route.owned && route.owned !== 'user' && route.method === 'get'
        && !route.path.startsWith('/play');
      if (role === 'moderator' && ownedRead) {
        expect(res.status).toBe(200);
      }
      if ((role === 'owner' || role === 'admin') && needsAccount) expect(res.status).not.toBe(401);
    }, 30_000);
  });

  it('the private world is intact after the whole matrix', async () => {
    expect(await s.db.models.Game.count({ where: { id: world.gameId } })).toBe(1);
    expect(await s.db.models.Session.count({ where: { id: world.sessionId } })).toBe(1);
  });
});
