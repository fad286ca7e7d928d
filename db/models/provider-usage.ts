// Daily per-user (or system-wide, userId NULL) provider usage, for quotas and cost.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { asNumber, enumText, timestampOptions, uuidPk } from './columns.ts';
import { PROVIDERS } from '../../game/vocabulary.ts';
import type { ProviderId } from '../../game/vocabulary.ts';

/**
 * Unique NULLS NOT DISTINCT on (day, userId, provider, model): accumulate with
 * `INSERT ... ON CONFLICT (day, user_id, provider, model) DO UPDATE SET requests =
 * provider_usage.requests + EXCLUDED.requests, ...` rather than read-modify-write.
 */
export class ProviderUsage extends Model<InferAttributes<ProviderUsage>, InferCreationAttributes<ProviderUsage>> {
  declare id: CreationOptional<string>;
  /** 'YYYY-MM-DD' (UTC day). */
  declare day: string;
  declare userId: string | null;
  declare provider: ProviderId;
  declare model: string;
  declare requests: CreationOptional<number>;
  declare failures: CreationOptional<number>;
  declare tokensIn: CreationOptional<number>;
  declare tokensOut: CreationOptional<number>;
  declare costUsd: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof ProviderUsage {
    ProviderUsage.init(
      {
        id: uuidPk(),
        day: { type: DataTypes.DATEONLY, allowNull: false },
        userId: { type: DataTypes.UUID },
        provider: enumText(PROVIDERS),
        model: { type: DataTypes.TEXT, allowNull: false },
        requests: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        failures: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        tokensIn: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0, get: asNumber('tokensIn') },
        tokensOut: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0, get: asNumber('tokensOut') },
        costUsd: { type: DataTypes.DECIMAL(14, 6), allowNull: false, defaultValue: 0, get: asNumber('costUsd') },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize,
        modelName: 'ProviderUsage',
        tableName: 'provider_usage',
        underscored: true,
        ...timestampOptions,
        indexes: [{ unique: true, fields: ['day', 'user_id', 'provider', 'model'] }],
      },
    );
    return ProviderUsage;
  }
}
