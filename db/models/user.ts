import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { asNumber, enumText, timestampOptions, uuidPk } from './columns.ts';
import { USER_ROLES, USER_STATUSES } from '../../game/vocabulary.ts';
import type { UserRole, UserStatus } from '../../game/vocabulary.ts';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<string>;
  declare username: string;
  declare email: string;
  declare passwordHash: string;
  declare displayName: string | null;
  declare avatarUrl: string | null;
  declare bio: string | null;
  declare role: CreationOptional<UserRole>;
  declare status: CreationOptional<UserStatus>;
  /** The address is proven the user's (a verification link was followed); sign-in linking by e-mail reads it. */
  declare emailVerified: CreationOptional<boolean>;
  declare emailVerifiedAt: CreationOptional<Date | null>;
  declare lastLoginAt: Date | null;
  declare aiGenerationsCount: CreationOptional<number>;
  declare aiTokensUsed: CreationOptional<number>;
  /** Total XP, kept by db/progression.ts in the statement that adds each ledger row. */
  declare xp: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  /** res.json(user) and AdminJS (which serialises through toJSON) never see the hash;
   * code that needs it reads user.passwordHash directly. */
  override toJSON<T extends InferAttributes<User>>(): T {
    const { passwordHash: _hash, ...rest } = super.toJSON<T>();
    return rest as T;
  }

  static initModel(sequelize: Sequelize): typeof User {
    User.init(
      {
        id: uuidPk(),
        username: { type: DataTypes.TEXT, allowNull: false, unique: true, validate: { is: /^[a-z0-9_]{3,50}$/ } },
        email: { type: DataTypes.TEXT, allowNull: false },
        passwordHash: { type: DataTypes.TEXT, allowNull: false },
        displayName: { type: DataTypes.TEXT },
        avatarUrl: { type: DataTypes.TEXT },
        bio: { type: DataTypes.TEXT },
        role: enumText(USER_ROLES, { defaultValue: 'user' }),
        status: enumText(USER_STATUSES, { defaultValue: 'active' }),
        emailVerified: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        emailVerifiedAt: { type: DataTypes.DATE },
        lastLoginAt: { type: DataTypes.DATE },
        aiGenerationsCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        aiTokensUsed: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0, get: asNumber('aiTokensUsed') },
        xp: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0, get: asNumber('xp') },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize,
        modelName: 'User',
        tableName: 'users',
        underscored: true,
        ...timestampOptions,
      },
    );
    return User;
  }
}
