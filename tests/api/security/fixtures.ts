// One owner's world (game with a version, session, job) plus callers of every role, for the
// tests generated from the route table; and a row-by-row snapshot of what is stored.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataTypes, Op, type Model, type ModelStatic, type WhereOptions } from 'sequelize';
import type { RouteSpec } from '../../../api/routeTable.ts';
import type { Services } from '../../helpers/services.ts';
import { createSession, createUser, TEST_PASSWORD } from '../../helpers/users.ts';

export type Role = 'anonymous' | 'other' | 'owner' | 'moderator' | 'admin';
export type Caller = Exclude<Role, 'anonymous'>;

export interface World {
  tokens: Record<Caller, string>;
  usernames: Record<Caller, string>;
  ownerId: string;
  userIds: string[];
  gameId: string;
  sessionId: string;
  jobId: string;
  isPublic: boolean;
  /** The player's app bundle of this build (its name carries a hash), set by a test that reads `/`. */
  appAsset?: string;
}

/** So the version's picture route has something to answer. */
const ONE_PIXEL_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const gameCode = readFileSync(join(import.meta.dirname, '../../../templates/basic_racing/game.html'), 'utf8');

/** The owner's world; `isPublic` publishes the game (others may then see, rate, remix and play it). */
export async function buildWorld(s: Services, opts: { isPublic?: boolean } = {}): Promise<World> {
  const [
    owner, other, moderator, admin,
  ] = await Promise.all([createUser(s), createUser(s), createUser(s, 'moderator'), createUser(s, 'admin')]);
  const sessionId = await createSession(s, owner.user.id);
  const game = await s.db.models.Game.create({
    ownerId: owner.user.id, sessionId, title: 'Private racer', description: 'a private game', gameType: 'racing',
    difficulty: null,
    engine: null, templateId: 'basic_racing', templateVersionId: null, currentVersion: null,
  });
  const jobId = randomUUID();
  await s.db.models.Job.create({
    id: jobId, kind: 'create', userId: owner.user.id, gameId: game.id, sessionId, baseVersion: null,
    workflowId: `job-${jobId}`,
    idempotencyKey: null, templateId: null, provider: 'offline', errorCode: null, errorDetail: null,
    resultVersionId: null,
    startedAt: new Date(Date.now() - 2000), finishedAt: new Date(), state: 'completed',
  });
  const version = await s.db.models.GameVersion.create({
    gameId: game.id, version: 1, parentVersionId: null, jobId, content: gameCode, contentHash: 'a'.repeat(64),
    sizeBytes: gameCode.length,
    changeSummary: 'first', changes: [], reviewStatus: 'not_required', verdict: 'pass', securityScore: 100,
    codeQuality: 90,
    validationReport: null, scanReport: null, playtestReport: null, thumbnailPng: ONE_PIXEL_PNG, provider: 'offline',
    model: 'template-engine',
    promptVersion: 'v1', tokensIn: 0, tokensOut: 0, costUsd: 0,
  });
  const isPublic = opts.isPublic ?? false;
  await game.update({ currentVersion: version.version, status: 'active', isPublic });
  await s.db.models.Session.update({ currentGameId: game.id }, { where: { id: sessionId } });
  const callers = { owner, other, moderator, admin };
  const each = <T>(f: (c: typeof owner) => T) => Object.fromEntries(
    Object.entries(callers).map(([k, c]) => [k, f(c)]),
  ) as Record<Caller, T>;
  return {
    tokens: each((c) => c.token), usernames: each((c) => c.user.username),
    ownerId: owner.user.id, userIds: Object.values(callers).map((c) => c.user.id), gameId: game.id, sessionId, jobId,
    isPublic,
  };
}

/** The route's path with the world's ids in it. */
export function concretePath(route: RouteSpec, w: World): string {
  return route.path
    .replace(':game_id', w.gameId).replace(':session_id', w.sessionId).replace(':id', w.jobId)
    .replace(':user_id', w.ownerId).replace(':version', '1').replace(':template_id', 'basic_racing')
    .replace(':asset', route.path.startsWith('/app/') ? (w.appAsset ?? 'app-000000000000.js') : 'init.js');
}

/** A body that passes validation, so the access decision is what answers. `as` names who signs in. */
export function exampleBody(route: RouteSpec, w: World, as: Caller = 'owner'): Record<string, unknown> | undefined {
  const key = `${route.method} ${route.path}`;
  const examples: Record<string, Record<string, unknown>> = {
    'post /api/auth/register': {
      username: `u_${randomUUID().slice(0, 8)}`, email: `${randomUUID()}@example.com`, password: 'Secret-Pass-1',
    },
    'post /api/auth/login': { login: w.usernames[as], password: TEST_PASSWORD },
    'post /api/auth/refresh': { refresh_token: 'x'.repeat(40) },
    'post /api/auth/logout': { all: true },
    'post /api/auth/password-reset': { email: `${randomUUID()}@example.com` },
    'post /api/auth/password-reset/confirm': { token: 'x'.repeat(43), password: 'Other-Pass-2' },
    'post /api/auth/verify-email': { token: 'x'.repeat(43) },
    'put /api/users/profile': { display_name: 'Someone' },
    'post /api/users/password': { current_password: TEST_PASSWORD, new_password: 'Other-Pass-2' },
    'post /api/sessions/': { user_preferences: { auto_save: true } },
    'put /api/sessions/:session_id': { preferences: { auto_save: false } },
    'post /api/templates/process': { template_id: 'basic_racing', variables: { lives: 3 } },
    'post /api/games/generate': { description: 'a tiny racing game' },
    'patch /api/games/:game_id': { title: 'Renamed racer' },
    'post /api/games/:game_id/rollback': { version: 1 },
    'post /api/games/:game_id/regenerate': { modifications: { enhance_graphics: true } },
    'post /api/games/:game_id/rating': { rating: 4 },
    'post /api/games/:game_id/remix': {},
    'post /api/chat/message': { message: 'make the player red', session_id: w.sessionId },
    'post /api/chat/reset': { session_id: w.sessionId },
  };
  return examples[key] ?? (['post', 'put', 'patch'].includes(route.method) ? {} : undefined);
}

/** Columns that name a world's user, game, session or job, in any model. */
const WORLD_COLUMNS = ['id', 'userId', 'ownerId', 'gameId', 'sessionId', 'jobId', 'currentGameId'];

/**
 * Every row of every model, by primary key, as plain JSON: compared row by row, not counted.
 * With `ids`, only the rows that name one of them (a world's users, game, session and job).
 */
export async function snapshotRows(s: Services, ids?: string[]): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  for (const [name, m] of Object.entries(s.db.models)) {
    const model = m as unknown as ModelStatic<Model>;
    const pk = model.primaryKeyAttributes;
    let where: WhereOptions | undefined;
    if (ids) {
      const attrs = Object.entries(model.getAttributes())
        .filter(([key, a]) => WORLD_COLUMNS.includes(key) && a.type instanceof DataTypes.UUID).map(([key]) => key);
      if (attrs.length === 0) continue;
      where = { [Op.or]: attrs.map((a) => ({ [a]: { [Op.in]: ids } })) };
    }
    for (const row of await model.findAll({ raw: true, where })) {
      const r = row as unknown as Record<string, unknown>;
      rows.set(`${name}:${pk.map((k) => String(r[k])).join('/')}`, JSON.stringify(r));
    }
  }
  return rows;
}

/** The rows of `before` that are gone or changed in `after` (new rows are not listed). */
export function changedRows(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, row] of before) {
    const now = after.get(key);
    if (now === undefined) out.push(`${key} deleted`);
    else if (now !== row) out.push(`${key} changed: ${row.slice(0, 300)} → ${now.slice(0, 300)}`);
  }
  return out;
}
