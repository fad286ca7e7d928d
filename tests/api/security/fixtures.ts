// One owner's private world (game with a version, session, job) plus callers of every role,
// for the tests generated from the route table.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RouteSpec } from '../../../api/routeTable.ts';
import type { Services } from '../../helpers/services.ts';
import { createSession, createUser } from '../../helpers/users.ts';

export type Role = 'anonymous' | 'other' | 'owner' | 'moderator' | 'admin';

export interface World {
  tokens: Record<Exclude<Role, 'anonymous'>, string>;
  ownerId: string;
  gameId: string;
  sessionId: string;
  jobId: string;
}

/** So the version's picture route has something to answer. */
const ONE_PIXEL_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const gameCode = readFileSync(join(import.meta.dirname, '../../../templates/basic_racing/game.html'), 'utf8');

export async function buildWorld(s: Services): Promise<World> {
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
  await game.update({ currentVersion: version.version, status: 'active' });
  await s.db.models.Session.update({ currentGameId: game.id }, { where: { id: sessionId } });
  return {
    tokens: { owner: owner.token, other: other.token, moderator: moderator.token, admin: admin.token },
    ownerId: owner.user.id, gameId: game.id, sessionId, jobId,
  };
}

/** The route's path with the world's ids in it. */
export function concretePath(route: RouteSpec, w: World): string {
  return route.path
    .replace(':game_id', w.gameId).replace(':session_id', w.sessionId).replace(':id', w.jobId)
    .replace(':user_id', w.ownerId).replace(':version', '1').replace(':template_id', 'basic_racing');
}

/** A body that passes validation, so the access decision is what answers. */
export function exampleBody(route: RouteSpec, w: World): Record<string, unknown> | undefined {
  const key = `${route.method} ${route.path}`;
  const examples: Record<string, Record<string, unknown>> = {
    'post /api/auth/register': {
      username: `u_${randomUUID().slice(0, 8)}`, email: `${randomUUID()}@example.com`, password: 'Secret-Pass-1',
    },
    'post /api/auth/login': { login: 'nobody_here', password: 'Wrong-Pass-1' },
    'post /api/auth/refresh': { refresh_token: 'x'.repeat(40) },
    'post /api/auth/logout': { all: true },
    'post /api/auth/password-reset': { email: `${randomUUID()}@example.com` },
    'post /api/auth/password-reset/confirm': { token: 'x'.repeat(43), password: 'Other-Pass-2' },
    'post /api/auth/verify-email': { token: 'x'.repeat(43) },
    'put /api/users/profile': { display_name: 'Someone' },
    'post /api/users/password': { current_password: 'Wrong-Pass-1', new_password: 'Other-Pass-2' },
    'post /api/sessions/': { user_preferences: { auto_save: true } },
    'put /api/sessions/:session_id': { preferences: { auto_save: false } },
    'post /api/templates/process': { template_id: 'basic_racing', variables: { lives: 3 } },
    'post /api/games/generate': { description: 'a tiny racing game' },
    'patch /api/games/:game_id': { title: 'Renamed racer' },
    'post /api/games/:game_id/rollback': { version: 1 },
    'post /api/games/:game_id/regenerate': { modifications: { enhance_graphics: true } },
    'post /api/games/:game_id/rating': { rating: 4 },
    'post /api/chat/message': { message: 'make the player red', session_id: w.sessionId },
    'post /api/chat/reset': { session_id: w.sessionId },
  };
  return examples[key] ?? (['post', 'put', 'patch'].includes(route.method) ? {} : undefined);
}
