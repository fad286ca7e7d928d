// Changing a session's game in words: a chat message (HTTP or the socket's
// modification_request) starts a `modify` job on the session's current game, and once the
// job has completed its result is gathered for the seed's full answer.
import type { Database } from '../../db/index.ts';
import type { Game, Job, Session } from '../../db/models/index.ts';
import type { ApiDeps } from './deps.ts';
import { AppError } from '../errors.ts';
import type { Caller } from '../policies.ts';
import { consumeGenerationQuota } from '../middleware/rateLimit.ts';
import { startJob } from './jobs.ts';
import { assertOpen, currentGameOf, loadSession, touchSession } from './sessions.ts';
import { syncSessionChat } from './chat.ts';

export interface ModificationRequest {
  sessionId: string;
  message: string;
  baseVersion?: number;
  idempotencyKey?: string;
  /** Stored on the request message: the client's context, preferences and channel. */
  metadata: Record<string, unknown>;
}

export interface StartedModification {
  job: Job;
  game: Game;
  session: Session;
  created: boolean;
}

/** A keyed retry: its own job (no quota spent twice), a 409 if the key was used elsewhere. */
async function priorModification(
  deps: ApiDeps, caller: Caller, session: Session, key: string,
): Promise<StartedModification | undefined> {
  const { models } = deps.db;
  const prior = await models.Job.findOne({ where: { userId: caller.id, idempotencyKey: key } });
  if (prior && (prior.kind !== 'modify' || prior.sessionId !== session.id)) {
    throw new AppError(409, 'idempotency_key_reused', 'this Idempotency-Key was used for another request', {
      job_id: prior.id,
    });
  }
  const game = prior?.gameId ? await models.Game.findByPk(prior.gameId) : null;
  if (!prior || !game) return undefined;
  await syncSessionChat(deps.db, session.id);
  return { job: prior, game, session, created: false };
}

/** The game to change: the session's, with a playable version; the base, if named, must be playable. */
async function gameToChange(db: Database, session: Session, baseVersion: number | undefined): Promise<Game> {
  const game = await currentGameOf(db, session);
  if (!game) {
    throw new AppError(409, 'no_game',
      'the session has no game yet; generate one first (POST /api/games/generate with this session_id)',
      { session_id: session.id });
  }
  if (game.currentVersion === null) {
    throw new AppError(409, 'game_not_ready',
      'the session\'s game has no playable version yet; wait for its job to finish',
      { session_id: session.id, game_id: game.id });
  }
  if (baseVersion !== undefined && baseVersion !== game.currentVersion) {
    const base = await db.models.GameVersion.scope('summary').findOne({
      where: { gameId: game.id, version: baseVersion }, attributes: ['reviewStatus'],
    });
    const where = { game_id: game.id, version: baseVersion };
    if (!base) throw new AppError(400, 'unknown_version', `version ${baseVersion} of the game does not exist`, where);
    if (base.reviewStatus === 'pending' || base.reviewStatus === 'rejected') {
      throw new AppError(409, 'version_not_playable', `version ${baseVersion} was never approved`, where);
    }
  }
  return game;
}

/** One entry for POST /api/chat/message and the socket's modification_request. */
export async function requestModification(
  deps: ApiDeps, caller: Caller, req: ModificationRequest,
): Promise<StartedModification> {
  // The socket's caller was checked at its handshake: its status is read again here, as the
  // HTTP route's authentication does on every request.
  const account = await deps.db.models.User.findByPk(caller.id, { attributes: ['status'] });
  if (account?.status !== 'active') throw new AppError(403, 'account_suspended', 'This account is suspended');
  const session = await loadSession(deps.db, caller, req.sessionId, 'own');
  assertOpen(session);
  const prior = req.idempotencyKey ? await priorModification(deps, caller, session, req.idempotencyKey) : undefined;
  if (prior) return prior;
  const game = await gameToChange(deps.db, session, req.baseVersion);
  // Every refusal is answered above, before the quota is charged (the same Redis windows as
  // POST /api/games/generate).
  await consumeGenerationQuota(deps.cfg, deps.redis, caller);
  const { job, created } = await startJob(deps, caller, {
    kind: 'modify', gameId: game.id, sessionId: session.id, prompt: req.message,
    baseVersion: req.baseVersion ?? game.currentVersion!, idempotencyKey: req.idempotencyKey,
  });
  await syncSessionChat(deps.db, session.id, { [job.id]: req.metadata });
  await touchSession(session, game.id);
  return { job, game, session, created };
}

/** Everything the full answer shows, once the job has completed; undefined when it made no version. */
export async function finishedModification(db: Database, job: Job) {
  await syncSessionChat(db, job.sessionId!);
  if (!job.resultVersionId) return undefined;
  const { models } = db;
  const [version, game, messages] = await Promise.all([
    models.GameVersion.findByPk(job.resultVersionId),
    models.Game.findByPk(job.gameId!),
    models.ChatMessage.findAll({ where: { jobId: job.id } }),
  ]);
  if (!version || !game) {
    throw new AppError(409, 'version_missing', 'the job finished but its version is gone', { job_id: job.id });
  }
  const base = job.baseVersion
    ? await models.GameVersion.findOne({ where: { gameId: game.id, version: job.baseVersion } })
    : null;
  const template = game.templateId
    ? await models.Template.findByPk(game.templateId, { attributes: ['id', 'currentVersion'] })
    : null;
  const tv = template?.currentVersion
    ? await models.TemplateVersion.findOne({
      where: { templateId: template.id, version: template.currentVersion }, attributes: ['features'],
    })
    : null;
  return {
    job, game, version, base, features: Array.isArray(tv?.features) ? tv.features.map(String) : [],
    request: messages.find((m) => m.role === 'user') ?? null,
    answer: messages.find((m) => m.role === 'assistant') ?? null,
  };
}
