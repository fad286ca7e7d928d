// Immutable game content. A DB trigger rejects changes to content, content_hash, size_bytes,
// version and game_id; review status, reports and the thumbnail may still be filled in.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { asNumber, createdOnlyOptions, enumText, uuidPk } from './columns.ts';
import { PROVIDERS, REVIEW_STATUSES, VERDICTS } from '../../game/vocabulary.ts';
import type { ProviderId, ReviewStatus, Verdict } from '../../game/vocabulary.ts';

type Json = Record<string, unknown>;

export class GameVersion extends Model<InferAttributes<GameVersion>, InferCreationAttributes<GameVersion>> {
  declare id: CreationOptional<string>;
  declare gameId: string;
  declare version: number;
  declare parentVersionId: string | null;
  /** UNIQUE: a retried versioning step for the same job cannot create a second version. */
  declare jobId: string | null;
  declare content: string;
  /** sha256 of content, lower-case hex. */
  declare contentHash: string;
  declare sizeBytes: number;
  declare changeSummary: string | null;
  declare changes: Json | unknown[] | null;
  declare reviewStatus: CreationOptional<ReviewStatus>;
  declare verdict: Verdict;
  declare securityScore: number | null;
  declare codeQuality: number | null;
  declare validationReport: Json | null;
  declare scanReport: Json | null;
  declare playtestReport: Json | null;
  declare thumbnailPng: Buffer | null;
  declare provider: ProviderId | null;
  declare model: string | null;
  declare promptVersion: string | null;
  declare tokensIn: CreationOptional<number>;
  declare tokensOut: CreationOptional<number>;
  declare costUsd: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof GameVersion {
    GameVersion.init(
      {
        id: uuidPk(),
        gameId: { type: DataTypes.UUID, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
        parentVersionId: { type: DataTypes.UUID },
        jobId: { type: DataTypes.UUID, unique: true },
        content: { type: DataTypes.TEXT, allowNull: false },
        contentHash: { type: DataTypes.CHAR(64), allowNull: false, validate: { is: /^[0-9a-f]{64}$/ } },
        sizeBytes: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
        changeSummary: { type: DataTypes.TEXT },
        changes: { type: DataTypes.JSONB },
        reviewStatus: enumText(REVIEW_STATUSES, { defaultValue: 'not_required' }),
        verdict: enumText(VERDICTS),
        securityScore: { type: DataTypes.INTEGER, validate: { min: 0, max: 100 } },
        codeQuality: { type: DataTypes.INTEGER, validate: { min: 0, max: 100 } },
        validationReport: { type: DataTypes.JSONB },
        scanReport: { type: DataTypes.JSONB },
        playtestReport: { type: DataTypes.JSONB },
        thumbnailPng: { type: DataTypes.BLOB },
        provider: enumText(PROVIDERS, { allowNull: true }),
        model: { type: DataTypes.TEXT },
        promptVersion: { type: DataTypes.TEXT },
        tokensIn: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
        tokensOut: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
        costUsd: { type: DataTypes.DECIMAL(12, 6), allowNull: false, defaultValue: 0, get: asNumber('costUsd') },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize,
        modelName: 'GameVersion',
        tableName: 'game_versions',
        underscored: true,
        ...createdOnlyOptions,
        // For version lists: GameVersion.scope('summary').findAll(...) skips the HTML and PNG.
        scopes: { summary: { attributes: { exclude: ['content', 'thumbnailPng'] } } },
      },
    );
    return GameVersion;
  }
}
