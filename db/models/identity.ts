// A user's account at an OpenID Connect provider (migration 0017_user_identities).
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { createdOnlyOptions, uuidPk } from './columns.ts';

export class UserIdentity extends Model<InferAttributes<UserIdentity>, InferCreationAttributes<UserIdentity>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare issuer: string;
  declare subject: string;
  declare email: string | null;
  declare createdAt: CreationOptional<Date>;
  declare lastUsedAt: Date | null;

  static initModel(sequelize: Sequelize): typeof UserIdentity {
    UserIdentity.init(
      {
        id: uuidPk(),
        userId: { type: DataTypes.UUID, allowNull: false },
        issuer: { type: DataTypes.TEXT, allowNull: false },
        subject: { type: DataTypes.TEXT, allowNull: false },
        email: { type: DataTypes.TEXT },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        lastUsedAt: { type: DataTypes.DATE },
      },
      { sequelize, modelName: 'UserIdentity', tableName: 'user_identities', underscored: true, ...createdOnlyOptions },
    );
    return UserIdentity;
  }
}
