// Creator progression: the XP ledger (one row per event that earned XP) and achievements.
// Rows are written by db/progression.ts with INSERT … ON CONFLICT DO NOTHING, never here.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { createdOnlyOptions, enumText, uuidPk } from './columns.ts';
import { ACHIEVEMENTS, XP_KINDS } from '../../game/vocabulary.ts';
import type { AchievementId, XpKind } from '../../game/vocabulary.ts';

/** event_key names the event (e.g. game_created:<game id>) and is unique: it is awarded once. */
export class XpEvent extends Model<InferAttributes<XpEvent>, InferCreationAttributes<XpEvent>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare kind: XpKind;
  declare amount: number;
  declare eventKey: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof XpEvent {
    XpEvent.init(
      {
        id: uuidPk(),
        userId: { type: DataTypes.UUID, allowNull: false },
        kind: enumText(XP_KINDS),
        amount: { type: DataTypes.INTEGER, allowNull: false },
        eventKey: { type: DataTypes.TEXT, allowNull: false, unique: true },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, modelName: 'XpEvent', tableName: 'xp_events', underscored: true, ...createdOnlyOptions },
    );
    return XpEvent;
  }
}

/** One per (user, achievement); a revoked one keeps its row, so it is not awarded again. */
export class UserAchievement extends Model<InferAttributes<UserAchievement>, InferCreationAttributes<UserAchievement>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare achievement: AchievementId;
  declare awardedAt: CreationOptional<Date>;
  declare revokedAt: Date | null;
  declare revokedBy: string | null;

  static initModel(sequelize: Sequelize): typeof UserAchievement {
    UserAchievement.init(
      {
        id: uuidPk(),
        userId: { type: DataTypes.UUID, allowNull: false },
        achievement: enumText(ACHIEVEMENTS),
        awardedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
        revokedAt: { type: DataTypes.DATE },
        revokedBy: { type: DataTypes.UUID },
      },
      {
        sequelize, modelName: 'UserAchievement', tableName: 'user_achievements', underscored: true, timestamps: false,
        indexes: [{ unique: true, fields: ['user_id', 'achievement'] }],
      },
    );
    return UserAchievement;
  }
}
