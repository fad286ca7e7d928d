// Refresh-token rotation: a family per login, one row per issued refresh token; and the
// single-use tokens of links sent by e-mail.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { enumText, uuidPk } from './columns.ts';
import { EMAIL_TOKEN_PURPOSES, type EmailTokenPurpose } from '../../game/vocabulary.ts';

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

/**
 * A single-use link sent by e-mail (password reset, address verification). Only the SHA-256
 * of the token is stored; it is spent with `UPDATE ... SET used_at = now() WHERE used_at IS
 * NULL`, so two clicks of one link cannot both win.
 */
export class EmailToken extends Model<InferAttributes<EmailToken>, InferCreationAttributes<EmailToken>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare purpose: EmailTokenPurpose;
  declare tokenHash: Buffer;
  declare email: string;
  declare createdAt: CreationOptional<Date>;
  declare expiresAt: Date;
  declare usedAt: Date | null;

  static initModel(sequelize: Sequelize): typeof EmailToken {
    EmailToken.init(
      {
        id: uuidPk(),
        userId: { type: DataTypes.UUID, allowNull: false },
        purpose: enumText(EMAIL_TOKEN_PURPOSES),
        tokenHash: { type: DataTypes.BLOB, allowNull: false },
        email: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        usedAt: { type: DataTypes.DATE },
      },
      {
        sequelize,
        modelName: 'EmailToken',
        tableName: 'email_tokens',
        underscored: true,
        timestamps: true,
        createdAt: 'createdAt',
        updatedAt: false,
      },
    );
    return EmailToken;
  }
}
