// Appending a version to a game: the one place that numbers versions, links the parent,
// hashes the content and moves the game's current version (appendVersion, callers hold a
// transaction); storing a job's draft as its version (once per job, however often it is
// asked); and recording a moderator's decision on a version that waited for review.
import { createHash } from 'node:crypto';
import { QueryTypes, UniqueConstraintError, type InferCreationAttributes, type Transaction } from 'sequelize';
import type { Database } from './index.ts';
import type { Models } from './models/index.ts';
import type { Game, GameVersion } from './models/index.ts';
import { JobDataError } from './jobContext.ts';
import { onGameCreated } from './progression.ts';
import { gameTitle } from '../game/generate/extract.ts';
import type { Draft } from '../game/generate/types.ts';
import type { PlaytestOutcome } from '../game/scan/playtest/outcome.ts';
import type { ModerationDecisionValue, Verdict } from '../game/vocabulary.ts';

export type NewVersion = Omit<
  InferCreationAttributes<GameVersion>,
  'gameId' | 'version' | 'parentVersionId' | 'contentHash' | 'sizeBytes' | 'createdAt' | 'id'
>;

/** `gameChanges`: other fields of the game to change with the version (one UPDATE for both). */
export async function appendVersion(
  models: Models, transaction: Transaction, game: Game, parentNumber: number | null, fields: NewVersion,
  gameChanges: Partial<Pick<Game, 'title' | 'templateId'>> = {},
): Promise<GameVersion> {
  // The latest version and its id in one read: it is the parent unless another is named.
  const latest = await models.GameVersion.scope('summary').findOne({
    where: { gameId: game.id }, order: [['version', 'DESC']], transaction, attributes: ['id', 'version'],
  });
  const parentVersion = parentNumber ?? latest?.version ?? null;
  const parent = parentVersion === null ? null : parentVersion === latest?.version ? latest
    : await models.GameVersion.scope('summary').findOne({
      where: { gameId: game.id, version: parentVersion }, transaction, attributes: ['id'],
    });
  const row = await models.GameVersion.create({
    ...fields, gameId: game.id, version: (latest?.version ?? 0) + 1, parentVersionId: parent?.id ?? null,
    contentHash: createHash('sha256').update(fields.content).digest('hex'),
    sizeBytes: Buffer.byteLength(fields.content),
  }, { transaction });
  const current = fields.reviewStatus !== 'pending' ? { currentVersion: row.version, status: 'active' as const } : {};
  const changes = { ...gameChanges, ...current };
  if (Object.keys(changes).length > 0) await game.update(changes, { transaction });
  return row;
}

export interface DraftReports {
  validation?: unknown;
  scan?: unknown;
  playtest?: PlaytestOutcome;
}

export interface StoreVersionInput {
  jobId: string;
  draft: Draft;
  verdict: Verdict;
  reviewStatus: 'not_required' | 'pending';
  repairRounds: number;
  reports: DraftReports;
  /** The version is the job's result, with nothing left to wait for: the job row is moved to
   *  completed in the same transaction (the fast layout's last step). */
  completesJob?: boolean;
}

// The schema accepts a thumbnail PNG of at most 1 MB; anything else is dropped, not stored.
function thumbnailOf(base64: string | undefined): Buffer | null {
  const png = base64 ? Buffer.from(base64, 'base64') : null;
  return png && png.length <= 1_000_000 && png.subarray(0, 4).toString('hex') === '89504e47' ? png : null;
}

/** The reports as the version row keeps them: scores pulled out, the thumbnail as PNG bytes. */
function reportFields(reports: DraftReports) {
  const { thumbnail_base64: png, ...playtest } = reports.playtest ?? { thumbnail_base64: undefined };
  return {
    securityScore: (reports.scan as { security_score?: number } | undefined)?.security_score ?? null,
    codeQuality: (reports.validation as { code_quality?: number } | undefined)?.code_quality ?? null,
    validationReport: (reports.validation ?? null) as never,
    scanReport: (reports.scan ?? null) as never,
    playtestReport: (reports.playtest ? playtest : null) as never,
    thumbnailPng: thumbnailOf(png),
  };
}

export interface StoredVersion {
  versionId: string;
  version: number;
}

const summaryOf = (v: GameVersion): StoredVersion => ({ versionId: v.id, version: v.version });

/**
 * Stores the job's draft as the game's next version; a job already stored answers its version.
 * A job is stored once by the unique job id of game_versions: a second call (a step retried after
 * its first run committed) fails its insert, rolls back, and answers the stored version.
 */
export async function storeJobVersion(db: Database, input: StoreVersionInput): Promise<StoredVersion> {
  const { models, sequelize } = db;
  const { draft } = input;
  if (!draft.html) throw new JobDataError('no_content', 'a draft without content cannot be stored');
  const html = draft.html;
  try {
    return await sequelize.transaction(async (transaction: Transaction) => {
      // The job's game, locked (versions of a game are numbered one at a time), and the job's
      // base version, in one read.
      const [game] = await sequelize.query(
        `SELECT g.*, j.base_version AS job_base_version FROM jobs j JOIN games g ON g.id = j.game_id
         WHERE j.id = $1 FOR UPDATE OF g`,
        { bind: [input.jobId], transaction, model: models.Game, mapToModel: true },
      );
      if (!game) throw new JobDataError('job_missing', `job ${input.jobId} or its game is missing`);
      const baseVersion = (game.getDataValue('job_base_version' as never) as unknown as number | null) ?? null;
      const firstVersion = game.currentVersion === null;
      const row = await appendVersion(models, transaction, game, baseVersion, {
        jobId: input.jobId, content: html, changeSummary: draft.summary || null, changes: draft.changes,
        reviewStatus: input.reviewStatus, verdict: input.verdict, ...reportFields(input.reports),
        provider: draft.provider, model: draft.model, promptVersion: draft.promptVersion,
        tokensIn: draft.tokensIn, tokensOut: draft.tokensOut, costUsd: draft.costUsd,
      }, {
        ...(firstVersion ? { title: gameTitle(html) ?? game.title } : {}),
        ...(draft.templateId ? { templateId: draft.templateId } : {}),
      });
      // The job's result and its owner's usage in one statement.
      await sequelize.query(
        `WITH job AS (
           UPDATE jobs SET result_version_id = $2, repair_rounds = $3, provider = $4,
             state = CASE WHEN $5 THEN 'completed' ELSE state END,
             finished_at = CASE WHEN $5 THEN now() ELSE finished_at END, updated_at = now()
           WHERE id = $1 RETURNING user_id
         )
         UPDATE users SET ai_generations_count = ai_generations_count + 1, ai_tokens_used = ai_tokens_used + $6,
           updated_at = now()
         FROM job WHERE users.id = job.user_id`,
        {
          bind: [
            input.jobId, row.id, input.repairRounds, draft.provider, !!input.completesJob,
            draft.tokensIn + draft.tokensOut,
          ],
          transaction, type: QueryTypes.UPDATE,
        },
      );
      // Keyed by the game, so a retried step (rolled back above) or a later job awards nothing.
      if (firstVersion) await onGameCreated(db, transaction, game);
      return summaryOf(row);
    });
  } catch (err) {
    // A second call for the same job (its first run committed): the version exists.
    if (err instanceof UniqueConstraintError) {
      const again = await models.GameVersion.scope('summary').findOne({ where: { jobId: input.jobId } });
      if (again) return summaryOf(again);
    }
    throw err;
  }
}

export interface ReviewOutcome {
  jobId: string;
  versionId: string;
  /** moderatorId null: decided without a moderator (the review deadline, a cancelled job). */
  decision: { decision: ModerationDecisionValue; reason?: string; moderatorId: string | null };
}

/** Records the review's end on a pending version; a version already decided is left as it is. */
export async function recordReview(db: Database, input: ReviewOutcome): Promise<void> {
  const { models, sequelize } = db;
  const { decision, reason, moderatorId } = input.decision;
  await sequelize.transaction(async (transaction) => {
    const version = await models.GameVersion.scope('summary').findByPk(input.versionId, {
      transaction, lock: transaction.LOCK.UPDATE,
    });
    if (!version) throw new JobDataError('version_missing', `version ${input.versionId} is gone`);
    if (version.reviewStatus !== 'pending') return;
    const approved = decision === 'approve';
    await version.update({ reviewStatus: approved ? 'approved' : 'rejected' }, { transaction });
    if (moderatorId) {
      await models.ModerationDecision.create({
        gameVersionId: version.id, jobId: input.jobId, moderatorId, decision, reason: reason ?? null,
      }, { transaction });
    }
    await models.AuditLog.create({
      actorId: moderatorId, action: `moderation.${decision}`, targetType: 'game_version', targetId: version.id,
      details: { job_id: input.jobId, reason: reason ?? null }, ip: null, requestId: null,
    }, { transaction });
    if (approved) {
      const game = await models.Game.findByPk(version.gameId, { transaction, lock: transaction.LOCK.UPDATE });
      if (game && (game.currentVersion ?? 0) < version.version) {
        await game.update({ currentVersion: version.version, status: 'active' }, { transaction });
      }
    }
  });
}
