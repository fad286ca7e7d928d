// The authorization matrix, generated from the route table: every route × every role × a
// private or public game, each cell with a valid example body in a world of its own, answers
// exactly the status of the table below. A refused request leaves the world's rows as they were.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parseConfig } from '../../../config.ts';
import { routeTable } from '../../../api/routes/index.ts';
import type { RouteSpec } from '../../../api/routeTable.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { emailTokenFor, issueEmailToken } from '../../../db/emailTokens.ts';
import type { EmailTokenPurpose } from '../../../game/vocabulary.ts';
import {
  buildWorld, changedRows, concretePath, exampleBody, snapshotRows, type Caller, type Role, type World,
} from './fixtures.ts';

let s: Services;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let appAsset: string;

const ROLES = ['anonymous', 'other', 'owner', 'moderator', 'admin'] as const satisfies Role[];
/** Statuses in the order of ROLES: anonymous, another user, the owner, a moderator, an admin. */
type Row = readonly [number, number, number, number, number];
const all = (status: number): Row => [status, status, status, status, status];
/** An account route that acts on the caller's own account: every signed-in role succeeds. */
const mine = (status: number): Row => [401, status, status, status, status];

type Prepare = (w: World, as: Role) => Promise<Record<string, unknown> | void>;
interface Expectation {
  /** The world's game is private (sessions, jobs and accounts are always private). */
  private: Row;
  /** The same world with its game public: present exactly for the routes that act on a game. */
  public?: Row;
  /** Puts into the world what a success needs; may return the body to send. */
  prepare?: Prepare;
}

/**
 * Who gets what, from api/policies.ts and each route's documented responses: another user
 * never learns that a private game, session or job exists (404); on a public game, writes the
 * owner alone may do answer 403. Staff read anything owned; only admins change what they do not
 * own (moderator 403); chat on a session is the owner's alone (staff 403). The owner cannot rate
 * or unrate their own game (403 own_game; no rating → 404) nor remix it while private (403).
 * A private game plays only by its owner's signed link, so its bare play URL is 404 to all.
 */
const EXPECTED: Record<string, Expectation> = {
  'GET /api/health/': { private: all(200) },
  'GET /api/health/detailed': { private: all(200) },
  'GET /api/health/readiness': { private: all(200) },
  'GET /api/health/liveness': { private: all(200) },
  'POST /api/auth/register': { private: all(201) },
  'POST /api/auth/login': { private: all(200) },
  'POST /api/auth/refresh': { private: all(200), prepare: (w, as) => signedInRefresh(w, as) },
  'POST /api/auth/logout': { private: mine(204) },
  'POST /api/auth/password-reset': { private: all(202) },
  'POST /api/auth/password-reset/confirm': { private: all(204), prepare: (w) => mailedToken(w, 'password_reset') },
  'POST /api/auth/verify-email': { private: all(200), prepare: (w) => mailedToken(w, 'email_verification') },
  'POST /api/auth/verify-email/resend': { private: mine(202) },
  // The matrix's app has no OpenID provider configured: the sign-in says so to everyone.
  'GET /api/auth/oidc': { private: all(200) },
  'GET /api/auth/oidc/start': { private: all(404) },
  'GET /api/auth/oidc/callback': { private: all(404) },
  'GET /api/features': { private: mine(200) },
  'GET /api/leaderboard': { private: all(200) },
  'GET /api/users/profile/progression': { private: mine(200) },
  'GET /api/users/profile': { private: mine(200) },
  'PUT /api/users/profile': { private: mine(200) },
  'POST /api/users/password': { private: mine(200) },
  'GET /api/users/:user_id': { private: all(200) },
  'POST /api/sessions/': { private: mine(201) },
  'GET /api/sessions/:session_id': { private: [401, 404, 200, 200, 200] },
  'PUT /api/sessions/:session_id': { private: [401, 404, 200, 403, 200] },
  'DELETE /api/sessions/:session_id': { private: [401, 404, 200, 403, 200] },
  'GET /api/templates': { private: all(200) },
  'POST /api/templates/process': { private: mine(200) },
  'GET /api/templates/:template_id': { private: all(200) },
  'GET /api/templates/:template_id/thumbnail': { private: all(200) },
  'POST /api/games/generate': { private: mine(202) },
  'GET /api/games': { private: all(200) },
  'GET /api/games/mine': { private: mine(200) },
  'GET /api/games/:game_id': { private: [404, 404, 200, 200, 200], public: all(200) },
  'GET /api/games/:game_id/versions': { private: [404, 404, 200, 200, 200], public: all(200) },
  'GET /api/games/:game_id/versions/:version/thumbnail': { private: [404, 404, 200, 200, 200], public: all(200) },
  'PATCH /api/games/:game_id': { private: [401, 404, 200, 403, 200], public: [401, 403, 200, 403, 200] },
  'POST /api/games/:game_id/rollback': {
    private: [401, 404, 201, 403, 201], public: [401, 403, 201, 403, 201], prepare: (w) => secondVersion(w),
  },
  'POST /api/games/:game_id/regenerate': { private: [401, 404, 202, 403, 202], public: [401, 403, 202, 403, 202] },
  'POST /api/games/:game_id/rating': { private: [401, 404, 403, 403, 403], public: [401, 201, 403, 201, 201] },
  'DELETE /api/games/:game_id/rating': {
    private: [401, 404, 404, 200, 200], public: [401, 200, 404, 200, 200], prepare: (w, as) => ratedBy(w, as),
  },
  'POST /api/games/:game_id/play': { private: [404, 404, 200, 200, 200], public: all(200) },
  'POST /api/games/:game_id/remix': { private: [401, 404, 403, 403, 403], public: mine(201) },
  'POST /api/chat/message': { private: [401, 404, 202, 403, 403] },
  'GET /api/chat/history/:session_id': { private: [401, 404, 200, 200, 200] },
  'POST /api/chat/reset': { private: [401, 404, 200, 403, 200] },
  'GET /api/jobs/:id': { private: [401, 404, 200, 200, 200] },
  'DELETE /api/jobs/:id': { private: [401, 404, 202, 403, 202], prepare: (w) => runningJob(w) },
  'GET /play/vendor/phaser.min.js': { private: all(200) },
  'GET /play/:game_id/:version': { private: all(404), public: all(200) },
  'GET /play/:game_id/:version/game.html': { private: all(404), public: all(200) },
  'GET /play/:game_id/:version/token': { private: [401, 404, 200, 200, 200], public: [401, 404, 200, 200, 200] },
  'GET /api/openapi.json': { private: all(200) },
  'GET /api/docs': { private: all(200) },
  'GET /api/docs/:asset': { private: all(200) },
  'GET /': { private: all(200) },
  'GET /app/:asset': { private: all(200) },
};

const nameOf = (r: RouteSpec): string => `${r.method.toUpperCase()} ${r.path}`;
const onGame = (r: RouteSpec): boolean => r.owned === 'game' || r.path.startsWith('/play/:game_id');
const signer = (as: Role): Caller => (as === 'anonymous' ? 'owner' : as);

async function signedInRefresh(w: World, as: Role): Promise<Record<string, unknown>> {
  const login = routeOf('post /api/auth/login');
  const ok = await request(app).post(login.path).send(exampleBody(login, w, signer(as)));
  expect(ok.status).toBe(200);
  return { refresh_token: ok.body.refresh_token };
}

/** A link the owner was mailed: the body that spends it (a token works for whoever holds it). */
async function mailedToken(w: World, purpose: EmailTokenPurpose): Promise<Record<string, unknown>> {
  const owner = await s.db.models.User.findByPk(w.ownerId);
  const token = emailTokenFor(s.cfg, await issueEmailToken({ db: s.db, cfg: s.cfg }, owner!, purpose));
  return purpose === 'password_reset' ? { token, password: 'Brand-New-Pass-42' } : { token };
}

/** Version 2 becomes current, so rolling back to version 1 is a change. */
async function secondVersion(w: World): Promise<void> {
  const v1 = await s.db.models.GameVersion.findOne({ where: { gameId: w.gameId, version: 1 }, raw: true });
  await s.db.models.GameVersion.create({ ...v1!, id: undefined, version: 2, jobId: null, createdAt: undefined });
  await s.db.models.Game.update({ currentVersion: 2 }, { where: { id: w.gameId } });
}

/** The caller has a rating to take back (the owner cannot rate their own game, so has none). */
async function ratedBy(w: World, as: Role): Promise<void> {
  if (as === 'anonymous' || as === 'owner') return;
  const users = await s.db.models.User.findAll({ where: { username: w.usernames[as] } });
  await s.db.models.Rating.create({ userId: users[0]!.id, gameId: w.gameId, rating: 3, review: null });
}

/** A job that is still running (no worker serves the queue), so cancelling it is possible. */
async function runningJob(w: World): Promise<void> {
  const res = await request(app).post('/api/games/generate').set('Authorization', `Bearer ${w.tokens.owner}`)
    .send({ description: 'a job to cancel', session_id: w.sessionId });
  expect(res.status).toBe(202);
  w.jobId = res.body.job_id;
}

function routeOf(key: string): RouteSpec {
  return routeTable.find((r) => `${r.method} ${r.path}` === key)!;
}

beforeAll(async () => {
  s = await connectServices();
  // No worker serves this queue: a job or mail started by the matrix waits, nothing more. E-mail
  // is on, so the mail routes answer for themselves (email_disabled is tested in auth/email).
  app = (await buildTestApp(s, { cfg: parseConfig({
    ...process.env, TEMPORAL_TASK_QUEUE: 'authz-matrix-no-worker', SMTP_HOST: '127.0.0.1', SMTP_PORT: '9',
  }) })).app;
  appAsset = /app-[0-9a-f]{12}\.js/.exec((await request(app).get('/')).text)![0];
  // The catalogue pictures are made by Chromium at start-up; here each template version gets one.
  const versions = await s.db.models.TemplateVersion.findAll({ where: { templateId: 'basic_racing' } });
  await s.db.models.TemplateThumbnail.bulkCreate(versions.map((v) => ({
    codeHash: v.codeHash, png: Buffer.from('89504e470d0a1a0a', 'hex'), width: 1, height: 1,
  })), { ignoreDuplicates: true });
}, 60_000);
afterAll(async () => s.close());

describe('the table of expectations', () => {
  it('has one row for every route of the table and no other, and a public row exactly for game routes', () => {
    const names = routeTable.map(nameOf);
    expect(Object.keys(EXPECTED).sort()).toEqual([...names].sort());
    expect(routeTable.filter((r) => Boolean(EXPECTED[nameOf(r)]!.public) !== onGame(r)).map(nameOf)).toEqual([]);
  });

  it('expects only documented answers, and never a validation error (valid bodies: access answers)', () => {
    const undocumented: string[] = [];
    for (const r of routeTable) {
      const { private: closed, public: open } = EXPECTED[nameOf(r)]!;
      for (const row of open ? [closed, open] : [closed]) {
        for (const status of row) {
          if (status === 400 || !(status in r.responses)) undocumented.push(`${nameOf(r)} ${status}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});

const cells = routeTable.flatMap((r) => [
  [`${nameOf(r)} [private game]`, r, false] as const,
  ...(onGame(r) ? [[`${nameOf(r)} [public game]`, r, true] as const] : []),
]);

describe.each(cells)('%s', (_name, route, isPublic) => {
  const expectation = EXPECTED[nameOf(route)];
  it.each(ROLES.map((role, i) => [role, i] as const))('as %s', async (role, i) => {
    const expected = (isPublic ? expectation?.public : expectation?.private)?.[i];
    expect(expected).toBeDefined();
    const w: World = { ...(await buildWorld(s, { isPublic })), appAsset };
    const body = (await expectation!.prepare?.(w, role)) ?? exampleBody(route, w, signer(role));
    const before = await snapshotRows(s, [...w.userIds, w.gameId, w.sessionId, w.jobId]);

    let req = request(app)[route.method](concretePath(route, w));
    if (role !== 'anonymous') req = req.set('Authorization', `Bearer ${w.tokens[role]}`);
    // A game document is served only into a frame; the browser says so with this header.
    if (route.path.endsWith('/game.html')) req = req.set('Sec-Fetch-Dest', 'iframe');
    const res = await (body ? req.send(body) : req);

    // The answer's body is in the message when the status differs.
    expect({ status: res.status, body: res.type === 'application/json' ? res.body : res.type })
      .toMatchObject({ status: expected });
    if (res.status >= 400 && res.type === 'application/json') {
      expect(res.body)
        .toEqual({ detail: expect.any(String), error_code: expect.any(String), context: expect.any(Object) });
    }
    // A public route may refuse, never ask for a token.
    if (route.access === 'public') expect(res.body?.error_code).not.toBe('unauthorized');
    // A refused request changed nothing stored about the world.
    if (res.status >= 400) {
      expect(changedRows(before, await snapshotRows(s, [...w.userIds, w.gameId, w.sessionId, w.jobId]))).toEqual([]);
    }
  }, 30_000);
});
