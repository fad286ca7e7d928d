// Game history operations that need no model: rollback makes a NEW version whose content
// equals an older one (history is never rewritten).
import type { Database } from '../../db/index.ts';
import type { GameVersion } from '../../db/models/index.ts';
import { appendVersion } from '../../db/versions.ts';
import { AppError, notFound } from '../errors.ts';
import type { Caller } from '../middleware/auth.ts';

export async function rollbackGame(db: Database, caller: Caller, gameId: string, toVersion: number, requestId?: string): Promise<GameVersion> {
  const { models, sequelize } = db;
  return sequelize.transaction(async (transaction) => {
    const game = await models.Game.findByPk(gameId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!game) throw notFound('game', { game_id: gameId });
    const source = await models.GameVersion.findOne({ where: { gameId, version: toVersion }, transaction });
    if (!source) throw notFound('version', { game_id: gameId, version: toVersion });
    // Only what a player was allowed to play may come back.
    if (source.reviewStatus === 'pending' || source.reviewStatus === 'rejected' || source.verdict === 'block') {
      throw new AppError(409, 'version_not_playable', `version ${toVersion} was never approved`, { game_id: gameId, version: toVersion });
    }
    if (game.currentVersion === toVersion) {
      throw new AppError(409, 'already_current', `version ${toVersion} is already the current version`, { game_id: gameId, version: toVersion });
    }
    const row = await appendVersion(models, transaction, game, game.currentVersion, {
      jobId: null, content: source.content, changeSummary: `Rollback to version ${toVersion}`,
      changes: [{ type: 'rollback', from: game.currentVersion, to: toVersion }], reviewStatus: 'not_required', verdict: source.verdict,
      securityScore: source.securityScore, codeQuality: source.codeQuality, validationReport: source.validationReport,
      scanReport: source.scanReport, playtestReport: source.playtestReport, thumbnailPng: source.thumbnailPng,
      provider: source.provider, model: source.model, promptVersion: source.promptVersion, tokensIn: 0, tokensOut: 0, costUsd: 0,
    });
    await models.AuditLog.create({
      actorId: caller.id, action: 'game.rollback', targetType: 'game', targetId: gameId,
      details: { to_version: toVersion, new_version: row.version }, ip: null, requestId: requestId ?? null,
    }, { transaction });
    return row;
  });
}
