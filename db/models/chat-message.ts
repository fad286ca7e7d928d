import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { createdOnlyOptions, enumText, uuidPk } from './columns.ts';
import { CHAT_ROLES } from '../../game/vocabulary.ts';
import type { ChatRole } from '../../game/vocabulary.ts';

/** A chat reset sets archivedAt on the session's messages instead of deleting them. */
export class ChatMessage extends Model<InferAttributes<ChatMessage>, InferCreationAttributes<ChatMessage>> {
  declare id: CreationOptional<string>;
  declare sessionId: string;
  declare userId: string;
  declare role: ChatRole;
  /** At most 20,000 characters. */
  declare content: string;
  declare jobId: string | null;
  declare gameVersionId: string | null;
  declare intent: string | null;
  declare elements: Record<string, unknown> | unknown[] | null;
  declare metadata: CreationOptional<Record<string, unknown>>;
  declare archivedAt: Date | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof ChatMessage {
    ChatMessage.init(
      {
        id: uuidPk(),
        sessionId: { type: DataTypes.UUID, allowNull: false },
        userId: { type: DataTypes.UUID, allowNull: false },
        role: enumText(CHAT_ROLES),
        content: { type: DataTypes.TEXT, allowNull: false, validate: { len: [0, 20000] } },
        jobId: { type: DataTypes.UUID },
        gameVersionId: { type: DataTypes.UUID },
        intent: { type: DataTypes.TEXT },
        elements: { type: DataTypes.JSONB },
        metadata: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        archivedAt: { type: DataTypes.DATE },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, modelName: 'ChatMessage', tableName: 'chat_messages', underscored: true, ...createdOnlyOptions },
    );
    return ChatMessage;
  }
}
