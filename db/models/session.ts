// Workspace sessions (a user's chat-and-build context), not login sessions.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { enumText, timestampOptions, uuidPk } from './columns.ts';
import { SESSION_STATUSES } from '../../game/vocabulary.ts';
import type { SessionStatus } from '../../game/vocabulary.ts';

export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare status: CreationOptional<SessionStatus>;
  declare preferences: CreationOptional<Record<string, unknown>>;
  declare clientInfo: CreationOptional<Record<string, unknown>>;
  declare metadata: CreationOptional<Record<string, unknown>>;
  declare currentGameId: string | null;
  declare lastActivityAt: CreationOptional<Date>;
  declare expiresAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof Session {
    Session.init(
      {
        id: uuidPk(),
        userId: { type: DataTypes.UUID, allowNull: false },
        status: enumText(SESSION_STATUSES, { defaultValue: 'initialized' }),
        preferences: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        clientInfo: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        metadata: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        currentGameId: { type: DataTypes.UUID },
        lastActivityAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
        expiresAt: { type: DataTypes.DATE },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, modelName: 'Session', tableName: 'sessions', underscored: true, ...timestampOptions },
    );
    return Session;
  }
}
