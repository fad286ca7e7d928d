// Appending a version to a game: the one place that numbers versions, links the parent,
// hashes the content and moves the game's current version. Callers hold a transaction.
import { createHash } from 'node:crypto';
import type { InferCreationAttributes, Transaction } from 'sequelize';
import type { Models } from './models/index.ts';
import type { Game, GameVersion } from './models/index.ts';

export type NewVersion = Omit<
  InferCreationAttributes<GameVersion>,
  'gameId' | 'version' | 'parentVersionId' | 'contentHash' | 'sizeBytes' | 'createdAt' | 'id'
>;

export async function appendVersion(
  models: Models, transaction: Transaction, game: Game, parentNumber: number | null, fields: NewVersion,
): Promise<GameVersion> {
  const latest = (await models.GameVersion.max<number | null, GameVersion>('version', { where: { gameId: game.id }, transaction })) ?? 0;
  const parentVersion = parentNumber ?? (latest || null);
  const parent = parentVersion
    ? await models.GameVersion.scope('summary').findOne({ where: { gameId: game.id, version: parentVersion }, transaction, attributes: ['id'] })
    : null;
  const row = await models.GameVersion.create({
    ...fields, gameId: game.id, version: latest + 1, parentVersionId: parent?.id ?? null,
    contentHash: createHash('sha256').update(fields.content).digest('hex'), sizeBytes: Buffer.byteLength(fields.content),
  }, { transaction });
  if (fields.reviewStatus !== 'pending') {
    await game.update({ currentVersion: row.version, status: 'active' }, { transaction });
  }
  return row;
}
