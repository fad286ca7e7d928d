// Refresh-token rotation: a family per login, one row per issued refresh token.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { uuidPk } from './columns.ts';

export class RefreshTokenFamily extends Model<
  InferAttributes<RefreshTokenFamily>,
  InferCreationAttributes<RefreshTokenFamily>
> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare createdAt: CreationOptional<Date>;
  declare lastUsedAt: Date | null;
  declare expiresAt: Date;
  declare revokedAt: Date | null;
  declare revokedReason: string | null;
  declare userAgent: string | null;
  declare ip: string | null;

  static initModel(sequelize: Sequelize): typeof RefreshTokenFamily {
    RefreshTokenFamily.init(
      {
        id: uuidPk(),
        userId: { type: DataTypes.UUID, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        lastUsedAt: { type: DataTypes.DATE },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        revokedAt: { type: DataTypes.DATE },
        revokedReason: { type: DataTypes.TEXT },
        userAgent: { type: DataTypes.TEXT },
        ip: { type: DataTypes.INET },
      },
      {
        sequelize,
        modelName: 'RefreshTokenFamily',
        tableName: 'refresh_token_families',
        underscored: true,
        timestamps: true,
        createdAt: 'createdAt',
        updatedAt: false,
      },
    );
    return RefreshTokenFamily;
  }
}

/**
 * used_at is set when the token is rotated. Presenting a token whose used_at is already
 * set is reuse (a stolen token raced its owner): revoke the whole family. Claim a token with
 * `UPDATE ... SET used_at = now() WHERE jti = $1 AND used_at IS NULL` so two concurrent
 * refreshes cannot both win; replaced_by's FK is deferred, so the successor may be inserted
 * afterwards in the same transaction.
 */
export class RefreshToken extends Model<InferAttributes<RefreshToken>, InferCreationAttributes<RefreshToken>> {
  declare jti: CreationOptional<string>;
  declare familyId: string;
  declare issuedAt: CreationOptional<Date>;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare replacedBy: string | null;

  static initModel(sequelize: Sequelize): typeof RefreshToken {
    RefreshToken.init(
      {
        jti: uuidPk(),
        familyId: { type: DataTypes.UUID, allowNull: false },
        issuedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        usedAt: { type: DataTypes.DATE },
        replacedBy: { type: DataTypes.UUID },
      },
      {
        sequelize,
        modelName: 'RefreshToken',
        tableName: 'refresh_tokens',
        underscored: true,
        timestamps: false,
      },
    );
    return RefreshToken;
  }
}
