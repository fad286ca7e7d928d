// Workspace sessions: who may touch one, which game is "current", what it has used, and
// deleting one (marked deleted, chat archived, an optional JSON backup on disk). Nothing
// here hard-deletes: games and messages stay for the owner's other views and for audit.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Op } from 'sequelize';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { ChatMessage, Game, Session } from '../../db/models/index.ts';
import type { Redis } from '../../lib/redis.ts';
import { AppError, notFound } from '../errors.ts';
import type { Caller } from '../policies.ts';
import { canChangeOwned, canSeeOwned, hasPremiumQuota } from '../policies.ts';
import { cancelJob, type JobDeps } from './jobs.ts';
import { TERMINAL_JOB_STATES } from '../../game/vocabulary.ts';

export const SESSION_TTL_MS = 12 * 3600 * 1000;

/** read: owner or staff; change: owner or admin (support); own: the owner alone (acts as them). */
export type SessionAccess = 'read' | 'change' | 'own';

export async function loadSession(db: Database, caller: Caller, id: string, access: SessionAccess): Promise<Session> {
  const session = await db.models.Session.findByPk(id);
  // Someone else's (or a deleted) session is "not found": its existence is not disclosed.
  if (!session || session.status === 'deleted' || !canSeeOwned(caller, session.userId)) {
    throw notFound('session', { session_id: id });
  }
  const owner = caller.id === session.userId;
  const allowed = access === 'read' || (access === 'change' ? canChangeOwned(caller, session.userId) : owner);
  if (!allowed) throw new AppError(403, 'forbidden', 'only the owner may change this session', { session_id: id });
  return expireIfDue(session);
}

/** Expiry is applied when a session is next touched, so no sweeper has to be running. */
async function expireIfDue(session: Session): Promise<Session> {
  const live = session.status === 'initialized' || session.status === 'active';
  if (live && session.expiresAt && session.expiresAt.getTime() <= Date.now()) {
    await session.update({ status: 'expired' });
  }
  return session;
}

export function assertOpen(session: Session): void {
  if (session.status === 'expired') {
    throw new AppError(
      409, 'session_closed', 'the session has expired; start a new one',
      { session_id: session.id, expired_at: session.expiresAt?.toISOString() },
    );
  }
}

export async function createSession(
  db: Database, caller: Caller,
  body: { user_preferences?: Record<string, unknown>; client_info?: Record<string, unknown> },
): Promise<Session> {
  const now = new Date();
  return db.models.Session.create({
    userId: caller.id, status: 'initialized', preferences: body.user_preferences ?? {},
    clientInfo: body.client_info ?? {},
    metadata: {}, currentGameId: null, lastActivityAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    createdAt: now,
  });
}

/** Internal bookkeeping lives beside what the client stores (metadata.user), never mixed with it. */
export interface SessionMetadata {
  user?: Record<string, unknown>;
  conversation?: {
    reset_at?: string; reset_reason?: string | null; games_released_at?: string; context_reset_at?: string;
  };
}
export const metadataOf = (s: Session): SessionMetadata => s.metadata as SessionMetadata;

/**
 * The session's current game: the newest of current_game_id and the session's most recently
 * created game. POST /api/games/generate with a session_id does not set current_game_id, so
 * the newest game of the session wins; a reset without preserve_game releases older ones.
 */
export async function currentGameOf(db: Database, session: Session): Promise<Game | null> {
  const released = metadataOf(session).conversation?.games_released_at;
  const newer = released ? { createdAt: { [Op.gt]: new Date(released) } } : {};
  const [latest, pinned] = await Promise.all([
    db.models.Game.findOne({
      where: { sessionId: session.id, status: { [Op.ne]: 'deleted' }, ...newer }, order: [['createdAt', 'DESC']],
    }),
    session.currentGameId
      ? db.models.Game.findOne({ where: { id: session.currentGameId, status: { [Op.ne]: 'deleted' }, ...newer } })
      : null,
  ]);
  if (!pinned) return latest;
  if (!latest) return pinned;
  return latest.createdAt > pinned.createdAt ? latest : pinned;
}

/**
 * The current game and when its current version was made. A session whose game was
 * generated (POST /api/games/generate leaves the session untouched) is active from then on.
 */
export async function sessionGame(
  db: Database, session: Session,
): Promise<{ game: Game | null; lastModified: Date | null }> {
  const game = await currentGameOf(db, session);
  if (game && session.status === 'initialized') await session.update({ status: 'active' });
  const version = game?.currentVersion
    ? await db.models.GameVersion.scope('summary').findOne({
      where: { gameId: game.id, version: game.currentVersion }, attributes: ['createdAt'],
    })
    : null;
  return { game, lastModified: version?.createdAt ?? null };
}

/** Chat activity: the session becomes active, its game is pinned, the clock is noted. */
export async function touchSession(session: Session, gameId?: string): Promise<void> {
  await session.update({
    lastActivityAt: new Date(),
    ...(session.status === 'initialized' ? { status: 'active' as const } : {}),
    ...(gameId ? { currentGameId: gameId } : {}),
  });
}

export async function updateSession(
  session: Session, body: { preferences?: Record<string, unknown>; metadata?: Record<string, unknown> },
): Promise<Session> {
  const preferences = { ...session.preferences };
  for (const [k, v] of Object.entries(body.preferences ?? {})) {
    if (v === null) delete preferences[k];
    else preferences[k] = v;
  }
  if (Object.keys(preferences).length > 30) {
    throw new AppError(400, 'validation_error', 'preferences: at most 30 preferences', { field: 'preferences' });
  }
  const meta = metadataOf(session);
  const user = { ...meta.user };
  for (const [k, v] of Object.entries(body.metadata ?? {})) {
    if (v === null) delete user[k];
    else user[k] = v;
  }
  if (Object.keys(user).length > 30 || JSON.stringify(user).length > 16_384) {
    throw new AppError(400, 'validation_error', 'metadata: at most 30 fields and 16 KB', { field: 'metadata' });
  }
  return session.update({ preferences, metadata: { ...meta, user }, lastActivityAt: new Date() });
}

export interface SessionUsage {
  storageBytes: number;
  callsToday: number;
  remainingQuota: number;
  totalMessages: number;
  totalModifications: number;
  averageResponseSeconds: number;
  lastMessageAt: Date | null;
}

/**
 * What the session has used. Calls and the remaining quota come from the same Redis day
 * counter the generation quota consumes (api/middleware/rateLimit.ts), so they agree with
 * the next 429.
 */
export async function sessionUsage(
  deps: { cfg: Config; db: Database; redis: Redis }, session: Session,
): Promise<SessionUsage> {
  const { models } = deps.db;
  const [games, owner] = await Promise.all([
    models.Game.findAll({ where: { sessionId: session.id }, attributes: ['id'] }),
    models.User.findByPk(session.userId, { attributes: ['role'] }),
  ]);
  const role = owner?.role ?? 'user';
  const [storage, jobs, totalMessages, last, used] = await Promise.all([
    games.length ? models.GameVersion.sum('sizeBytes', { where: { gameId: games.map((g) => g.id) } }) : 0,
    models.Job.findAll({
      where: { sessionId: session.id, state: 'completed' }, attributes: ['kind', 'startedAt', 'finishedAt'],
    }),
    models.ChatMessage.count({ where: { sessionId: session.id, archivedAt: null } }),
    models.ChatMessage.max<Date | null, ChatMessage>('createdAt', { where: { sessionId: session.id } }),
    deps.redis.get(`quota:gen:${session.userId}:day:${Math.floor(Date.now() / 86_400_000)}`).catch(() => null),
  ]);
  const timed = jobs.filter((j) => j.startedAt && j.finishedAt);
  const avg = timed.length
    ? timed.reduce((t, j) => t + (j.finishedAt!.getTime() - j.startedAt!.getTime()), 0) / timed.length / 1000
    : 0;
  const perDay = hasPremiumQuota({ role })
    ? deps.cfg.PREMIUM_GENERATIONS_PER_DAY
    : deps.cfg.GENERATIONS_PER_DAY;
  const callsToday = Number(used ?? 0) || 0;
  return {
    storageBytes: Number(storage) || 0,
    callsToday,
    remainingQuota: Math.max(0, perDay - callsToday),
    totalMessages,
    totalModifications: jobs.filter((j) => j.kind !== 'create').length,
    averageResponseSeconds: Math.round(avg * 10) / 10,
    lastMessageAt: last ?? null,
  };
}

/** The data folder of this deployment (PLAYFORGE_DATA_DIR, else the stack's default for the mode). */
export function dataDirOf(cfg: Config): string {
  return resolve(cfg.PLAYFORGE_DATA_DIR);
}

/** Relative to the data folder, as the seed's backup_location shows it. */
export const backupLocation = (sessionIdValue: string): string => `backups/sessions/${sessionIdValue}.json`;

async function writeBackup(cfg: Config, db: Database, session: Session): Promise<string> {
  const { models } = db;
  const [messages, games, jobs] = await Promise.all([
    models.ChatMessage.findAll({ where: { sessionId: session.id }, order: [['createdAt', 'ASC'], ['id', 'ASC']] }),
    models.Game.findAll({ where: { sessionId: session.id }, order: [['createdAt', 'ASC']] }),
    models.Job.findAll({ where: { sessionId: session.id }, order: [['createdAt', 'ASC']] }),
  ]);
  const versions = games.length
    ? await models.GameVersion.scope('summary').findAll({
      where: { gameId: games.map((g) => g.id) }, order: [['version', 'ASC']],
    })
    : [];
  const doc = {
    format: 'playforge.session-backup', format_version: 1, exported_at: new Date().toISOString(),
    session: {
      session_id: session.id, user_id: session.userId, status: session.status, preferences: session.preferences,
      client_info: session.clientInfo, metadata: session.metadata, current_game_id: session.currentGameId,
      created_at: session.createdAt.toISOString(), last_activity: session.lastActivityAt.toISOString(),
      expires_at: session.expiresAt?.toISOString() ?? null,
    },
    conversation: messages.map((m) => ({
      id: m.id, role: m.role, content: m.content, timestamp: m.createdAt.toISOString(), job_id: m.jobId,
      game_version_id: m.gameVersionId,
      intent: m.intent, elements: m.elements, metadata: m.metadata, archived_at: m.archivedAt?.toISOString() ?? null,
    })),
    jobs: jobs.map((j) => ({
      job_id: j.id, kind: j.kind, state: j.state, game_id: j.gameId, base_version: j.baseVersion, request: j.request,
      error_code: j.errorCode, created_at: j.createdAt.toISOString(), finished_at: j.finishedAt?.toISOString() ?? null,
    })),
    games: games.map((g) => ({
      game_id: g.id, title: g.title, description: g.description, game_type: g.gameType, template_id: g.templateId,
      current_version: g.currentVersion, created_at: g.createdAt.toISOString(),
      versions: versions.filter((v) => v.gameId === g.id).map((v) => ({
        version: v.version, version_id: v.id, job_id: v.jobId, created_at: v.createdAt.toISOString(),
        change_summary: v.changeSummary,
        changes: v.changes, size_bytes: v.sizeBytes, content_hash: v.contentHash, verdict: v.verdict,
        review_status: v.reviewStatus,
        provider: v.provider, model: v.model,
      })),
    })),
  };
  const location = backupLocation(session.id);
  const file = join(dataDirOf(cfg), location);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written beside and renamed: a crash never leaves a half-written backup under the final name.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
  return location;
}

export interface DeleteOutcome {
  backupLocation: string | null;
  messagesArchived: number;
  jobsCancelled: number;
  at: Date;
}

/**
 * Jobs still running keep the session alive unless `force`, which asks them to cancel.
 * The caller materialises derived chat first, so the backup and the archive are complete.
 */
export async function deleteSession(
  deps: JobDeps & { cfg: Config }, caller: Caller, session: Session, opts: { force: boolean; backup: boolean },
): Promise<DeleteOutcome> {
  const running = await deps.db.models.Job.findAll({
    where: { sessionId: session.id, state: { [Op.notIn]: [...TERMINAL_JOB_STATES] } },
  });
  if (running.length && !opts.force) {
    throw new AppError(409, 'job_in_progress',
      'a job of this session is still running; retry with force=true to cancel it', {
      session_id: session.id, job_ids: running.map((j) => j.id),
    });
  }
  let jobsCancelled = 0;
  for (const job of running) {
    // A workflow that is already gone cannot be cancelled; the session is deleted anyway.
    await cancelJob(deps, job, caller).then(() => jobsCancelled++, () => undefined);
  }
  const backup = opts.backup ? await writeBackup(deps.cfg, deps.db, session) : null;
  const at = new Date();
  const [messagesArchived] = await deps.db.sequelize.transaction(async (transaction) => {
    const archived = await deps.db.models.ChatMessage.update(
      { archivedAt: at }, { where: { sessionId: session.id, archivedAt: null }, transaction },
    );
    await session.update({ status: 'deleted', lastActivityAt: at }, { transaction });
    return archived;
  });
  return { backupLocation: backup, messagesArchived, jobsCancelled, at };
}
