// Human moderation decisions and the append-only audit log.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { createdOnlyOptions, enumText, uuidPk } from './columns.ts';
import { MODERATION_DECISIONS } from '../../game/vocabulary.ts';
import type { ModerationDecisionValue } from '../../game/vocabulary.ts';

/** A reject needs a non-blank reason. The moderator cannot be deleted while decisions
 * reference them (FK NO ACTION): suspend the account instead. */
export class ModerationDecision extends Model<
  InferAttributes<ModerationDecision>,
  InferCreationAttributes<ModerationDecision>
> {
  declare id: CreationOptional<string>;
  declare gameVersionId: string;
  declare jobId: string | null;
  declare moderatorId: string;
  declare decision: ModerationDecisionValue;
  declare reason: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof ModerationDecision {
    ModerationDecision.init(
      {
        id: uuidPk(),
        gameVersionId: { type: DataTypes.UUID, allowNull: false },
        jobId: { type: DataTypes.UUID },
        moderatorId: { type: DataTypes.UUID, allowNull: false },
        decision: enumText(MODERATION_DECISIONS),
        reason: { type: DataTypes.TEXT },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize,
        modelName: 'ModerationDecision',
        tableName: 'moderation_decisions',
        underscored: true,
        ...createdOnlyOptions,
      },
    );
    return ModerationDecision;
  }
}

/** Append-only (a trigger rejects edits); id is a bigint, returned by pg as a string. */
export class AuditLog extends Model<InferAttributes<AuditLog>, InferCreationAttributes<AuditLog>> {
  declare id: CreationOptional<string>;
  declare actorId: string | null;
  declare action: string;
  declare targetType: string | null;
  declare targetId: string | null;
  declare details: CreationOptional<Record<string, unknown>>;
  declare ip: string | null;
  declare requestId: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof AuditLog {
    AuditLog.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        actorId: { type: DataTypes.UUID },
        action: { type: DataTypes.TEXT, allowNull: false },
        targetType: { type: DataTypes.TEXT },
        targetId: { type: DataTypes.TEXT },
        details: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        ip: { type: DataTypes.TEXT },
        requestId: { type: DataTypes.TEXT },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, modelName: 'AuditLog', tableName: 'audit_log', underscored: true, ...createdOnlyOptions },
    );
    return AuditLog;
  }
}
