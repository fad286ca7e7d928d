// Game operations: rollback (a NEW version whose content equals an older one; history is
// never rewritten), who may see which versions, head changes, and starting a regeneration.
import { Op, type WhereOptions } from 'sequelize';
import type { Database } from '../../db/index.ts';
import type { Game, GameVersion, Job } from '../../db/models/index.ts';
import { appendVersion, type NewVersion } from '../../db/versions.ts';
import { AppError, notFound } from '../errors.ts';
import type { Caller } from '../policies.ts';
import { canChangeOwned, canSeeOwned, isStaff } from '../policies.ts';
import type { PatchBody, RegenerateBody } from '../routes/games/schema.ts';
import { startJob, type JobDeps } from './jobs.ts';
import { TERMINAL_JOB_STATES, type ReviewStatus } from '../../game/vocabulary.ts';

/** A new version with an earlier one's content, reports and picture (rollback, remix); it costs no tokens. */
export function copyOfVersion(
  source: GameVersion, why: { changeSummary: string; changes: Record<string, unknown>[] },
): NewVersion {
  return {
    jobId: null, content: source.content, ...why, reviewStatus: 'not_required', verdict: source.verdict,
    securityScore: source.securityScore, codeQuality: source.codeQuality, validationReport: source.validationReport,
    scanReport: source.scanReport, playtestReport: source.playtestReport, thumbnailPng: source.thumbnailPng,
    provider: source.provider, model: source.model, promptVersion: source.promptVersion, tokensIn: 0, tokensOut: 0,
    costUsd: 0,
  };
}

export async function rollbackGame(
  db: Database, caller: Caller, gameId: string, toVersion: number, requestId?: string,
): Promise<GameVersion> {
  const { models, sequelize } = db;
  return sequelize.transaction(async (transaction) => {
    const game = await models.Game.findByPk(gameId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!game) throw notFound('game', { game_id: gameId });
    const source = await models.GameVersion.findOne({ where: { gameId, version: toVersion }, transaction });
    if (!source) throw notFound('version', { game_id: gameId, version: toVersion });
    // Only what a player was allowed to play may come back.
    if (source.reviewStatus === 'pending' || source.reviewStatus === 'rejected' || source.verdict === 'block') {
      throw new AppError(
        409, 'version_not_playable', `version ${toVersion} was never approved`, { game_id: gameId, version: toVersion },
      );
    }
    if (game.currentVersion === toVersion) {
      throw new AppError(
        409, 'already_current', `version ${toVersion} is already the current version`,
        { game_id: gameId, version: toVersion },
      );
    }
    const row = await appendVersion(models, transaction, game, game.currentVersion, copyOfVersion(source, {
      changeSummary: `Rollback to version ${toVersion}`,
      changes: [{ type: 'rollback', from: game.currentVersion, to: toVersion }],
    }));
    await models.AuditLog.create({
      actorId: caller.id, action: 'game.rollback', targetType: 'game', targetId: gameId,
      details: { to_version: toVersion, new_version: row.version }, ip: null, requestId: requestId ?? null,
    }, { transaction });
    return row;
  });
}

// ---- Who may see what of a game --------------------------------------------------------
// Private games exist only for their owner and staff (others get 404, so existence is not
// disclosed). Public, active games are readable by anyone, but only versions a player was
// allowed to play (review not required, or approved); pending and rejected versions stay
// with the owner and staff.

export const PLAYABLE_REVIEW: ReviewStatus[] = ['not_required', 'approved'];

export interface GameAccess {
  game: Game;
  /** Owner or staff: sees every version and the private fields. */
  privileged: boolean;
  /** The caller may change the game (owner, or an admin for support). */
  canChange: boolean;
}

export async function loadGameFor(db: Database, viewer: Caller | undefined, gameId: string): Promise<GameAccess> {
  const game = await db.models.Game.findByPk(
    gameId, { include: [{ model: db.models.User, as: 'owner', attributes: ['username'] }] },
  );
  if (!game) throw notFound('game', { game_id: gameId });
  const privileged = viewer !== undefined && canSeeOwned(viewer, game.ownerId);
  const listed = game.isPublic && game.status === 'active';
  // A deleted game is gone for everyone but staff, its owner included.
  const hidden = game.status === 'deleted' ? !(viewer && isStaff(viewer)) : !privileged && !listed;
  if (hidden) throw notFound('game', { game_id: gameId });
  return { game, privileged, canChange: viewer !== undefined && canChangeOwned(viewer, game.ownerId) };
}

/** 403 for someone who may see the game but not change it (a public game, a moderator). */
export function assertCanChange(access: GameAccess, what: string): void {
  if (!access.canChange) {
    throw new AppError(403, 'forbidden', `only the owner may ${what}`, { game_id: access.game.id });
  }
}

/** Blocked content is never shown to the public, even if approved (as /play never serves it). */
export function visibleVersions(access: GameAccess): WhereOptions<GameVersion> {
  return access.privileged
    ? { gameId: access.game.id }
    : { gameId: access.game.id, reviewStatus: PLAYABLE_REVIEW, verdict: { [Op.ne]: 'block' } };
}

/** The version a viewer is shown by default: the game's current one, or for the public the
 * newest playable one should the current one not be (e.g. a moderator rejected it later). */
export async function shownVersion(db: Database, access: GameAccess): Promise<number | null> {
  const current = access.game.currentVersion;
  if (access.privileged || current === null) return current;
  const where = { ...visibleVersions(access), version: current };
  const ok = await db.models.GameVersion.scope('summary').count({ where });
  if (ok) return current;
  return (await db.models.GameVersion.max<number | null, GameVersion>(
    'version', { where: visibleVersions(access) },
  )) ?? null;
}

export async function findVisibleVersion(db: Database, access: GameAccess, version: number): Promise<GameVersion> {
  const row = await db.models.GameVersion.findOne({ where: { ...visibleVersions(access), version } });
  if (!row) throw notFound('version', { game_id: access.game.id, version });
  return row;
}

/** Summaries (no HTML, no PNG), oldest first. */
export async function listVisibleVersions(db: Database, access: GameAccess, page?: { page: number; perPage: number }) {
  return db.models.GameVersion.scope('summary').findAndCountAll({
    where: visibleVersions(access), order: [['version', 'ASC']],
    ...(page ? { limit: page.perPage, offset: (page.page - 1) * page.perPage } : {}),
  });
}

/** Versions rollback may go to: what a player was allowed to play, never a blocked one. */
export function isRollbackTarget(v: Pick<GameVersion, 'reviewStatus' | 'verdict'>): boolean {
  return PLAYABLE_REVIEW.includes(v.reviewStatus) && v.verdict !== 'block';
}

// ---- Changing a game's head (title, description, tags, visibility) ----------------------

export async function updateGame(
  db: Database, caller: Caller, access: GameAccess, patch: PatchBody, requestId?: string,
): Promise<Game> {
  const { game } = access;
  assertCanChange(access, 'change this game');
  // Only a game with something playable can be listed (games_active_has_version).
  if (patch.is_public === true && game.status !== 'active') {
    throw new AppError(
      409, 'not_playable', `a ${game.status} game cannot be made public`, { game_id: game.id, status: game.status },
    );
  }
  const fields: Partial<Pick<Game, 'title' | 'description' | 'tags' | 'isPublic' | 'isFeatured'>> = {};
  if (patch.title !== undefined) fields.title = patch.title;
  if (patch.description !== undefined) fields.description = patch.description || null;
  if (patch.tags !== undefined) fields.tags = patch.tags;
  if (patch.is_public !== undefined) {
    fields.isPublic = patch.is_public;
    // games_featured_is_public: a game taken private stops being featured.
    if (!patch.is_public) fields.isFeatured = false;
  }
  await db.sequelize.transaction(async (transaction) => {
    await game.update(fields, { transaction });
    await db.models.AuditLog.create({
      actorId: caller.id, action: 'game.update', targetType: 'game', targetId: game.id,
      details: { fields: Object.keys(patch) }, ip: null, requestId: requestId ?? null,
    }, { transaction });
  });
  return game;
}

// ---- Regeneration (seed §10) -----------------------------------------------------------

const words = (key: string) => key.replace(/_/g, ' ');

/** The seed's structured wishes as one plain request the model (or offline engine) reads. */
export function regenerationPrompt(body: RegenerateBody): string {
  const { change_engine, enhance_graphics, optimization, new_features, ...other } = body.modifications;
  const parts: string[] = [];
  if (change_engine) parts.push(`Use the ${change_engine} engine.`);
  if (enhance_graphics) parts.push('Enhance the graphics.');
  if (optimization) parts.push(`Optimize for ${optimization}.`);
  if (new_features?.length) parts.push(`Add these features: ${new_features.map(words).join(', ')}.`);
  for (const [key, value] of Object.entries(other)) {
    if (value === true) parts.push(`${words(key)}.`);
    else if (value !== false) parts.push(`Set ${words(key)} to ${String(value)}.`);
  }
  if (body.regeneration_reason) parts.push(`Reason: ${words(body.regeneration_reason)}.`);
  return parts.join(' ').slice(0, 5000);
}

/** Everything that can refuse a regeneration, checked before the quota is charged. */
export async function checkRegeneration(
  db: Database, access: GameAccess, body: RegenerateBody, idempotencyKey?: string,
): Promise<string> {
  const { game } = access;
  assertCanChange(access, 'regenerate this game');
  const prompt = regenerationPrompt(body);
  if (!prompt) {
    throw new AppError(
      400, 'validation_error', 'modifications: ask for at least one change', { field: 'modifications' },
    );
  }
  if (game.currentVersion === null) {
    throw new AppError(409, 'no_version', 'the game has no version to regenerate yet', { game_id: game.id });
  }
  // A retried keyed request must find its own job, not trip over it as "already running".
  const running = await db.models.Job.findOne({
    where: { gameId: game.id, state: { [Op.notIn]: [...TERMINAL_JOB_STATES] } }, attributes: ['id', 'idempotencyKey'],
  });
  if (running && !(idempotencyKey && running.idempotencyKey === idempotencyKey)) {
    throw new AppError(
      409, 'job_in_progress', 'a job is already changing this game; wait for it to finish',
      { game_id: game.id, job_id: running.id },
    );
  }
  return prompt;
}

export async function startRegeneration(
  deps: JobDeps, caller: Caller, game: Game, prompt: string, body: RegenerateBody, idempotencyKey?: string,
) {
  return startJob(deps, caller, {
    kind: 'regenerate', gameId: game.id, baseVersion: game.currentVersion ?? undefined, prompt,
    // preserve.session_state=false detaches the job from the session's live room.
    sessionId: body.preserve?.session_state === false ? undefined : (game.sessionId ?? undefined),
    templateId: game.templateId ?? undefined, gameType: game.gameType ?? undefined, idempotencyKey,
  });
}

// ---- What a finished job made (the full answers of Prefer: wait) -----------------------

/** The new game and its first version, once a create job completed; undefined if either is gone. */
export async function finishedGeneration(
  db: Database, job: Job,
): Promise<{ game: Game; version: GameVersion } | undefined> {
  const version = job.resultVersionId ? await db.models.GameVersion.findByPk(job.resultVersionId) : null;
  const game = await db.models.Game.findByPk(job.gameId!);
  return version && game ? { game, version } : undefined;
}

/** The regenerated version and the one it was made from, for the engine and code comparison. */
export async function finishedRegeneration(
  db: Database, job: Job, game: Game,
): Promise<{ version: GameVersion; base: Pick<GameVersion, 'content'> | null } | undefined> {
  const version = job.resultVersionId ? await db.models.GameVersion.findByPk(job.resultVersionId) : null;
  if (!version) return undefined;
  const base = job.baseVersion
    ? await db.models.GameVersion.findOne({
      where: { gameId: game.id, version: job.baseVersion }, attributes: ['content'],
    })
    : null;
  return { version, base };
}
