// Feature flags and their rules (migration 0015_feature_flags).
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { enumText, timestampOptions, uuidPk } from './columns.ts';
import { ENVIRONMENTS, FLAG_SCOPES, USER_ROLES } from '../../game/vocabulary.ts';
import type { Environment, FlagScope, UserRole } from '../../game/vocabulary.ts';

export class FeatureFlag extends Model<InferAttributes<FeatureFlag>, InferCreationAttributes<FeatureFlag>> {
  declare key: string;
  declare description: CreationOptional<string>;
  declare defaultEnabled: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof FeatureFlag {
    FeatureFlag.init(
      {
        key: { type: DataTypes.TEXT, primaryKey: true, validate: { is: /^[a-z0-9][a-z0-9_.-]{1,99}$/ } },
        description: { type: DataTypes.TEXT, allowNull: false, defaultValue: '', validate: { len: [0, 500] } },
        defaultEnabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, modelName: 'FeatureFlag', tableName: 'feature_flags', underscored: true, ...timestampOptions },
    );
    return FeatureFlag;
  }
}

export class FeatureFlagRule extends Model<
  InferAttributes<FeatureFlagRule>,
  InferCreationAttributes<FeatureFlagRule>
> {
  declare id: CreationOptional<string>;
  declare flagKey: string;
  declare scope: FlagScope;
  declare scopeId: string | null;
  declare role: UserRole | null;
  declare environment: Environment | null;
  declare enabled: boolean;
  declare note: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof FeatureFlagRule {
    FeatureFlagRule.init(
      {
        id: uuidPk(),
        flagKey: { type: DataTypes.TEXT, allowNull: false },
        scope: enumText(FLAG_SCOPES),
        scopeId: { type: DataTypes.TEXT },
        role: enumText(USER_ROLES, { allowNull: true }),
        environment: enumText(ENVIRONMENTS, { allowNull: true }),
        enabled: { type: DataTypes.BOOLEAN, allowNull: false },
        note: { type: DataTypes.TEXT },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize, modelName: 'FeatureFlagRule', tableName: 'feature_flag_rules', underscored: true,
        ...timestampOptions,
      },
    );
    return FeatureFlagRule;
  }
}
