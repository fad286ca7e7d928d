// Generation jobs (one Temporal workflow each) and the provider calls they made.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { asNumber, createdOnlyOptions, enumText, timestampOptions, uuidPk } from './columns.ts';
import { ATTEMPT_STATUSES, ERROR_CLASSES, JOB_KINDS, JOB_STATES, PROVIDERS } from '../../game/vocabulary.ts';
import type { AttemptStatus, ErrorClass, JobKind, JobState, ProviderId } from '../../game/vocabulary.ts';

/**
 * The schema enforces: terminal states (completed|failed|rejected|cancelled) have
 * finishedAt; failed has errorCode; every kind but create has gameId;
 * (userId, idempotencyKey) and workflowId are unique.
 */
export class Job extends Model<InferAttributes<Job>, InferCreationAttributes<Job>> {
  declare id: CreationOptional<string>;
  declare kind: JobKind;
  declare userId: string;
  declare gameId: string | null;
  declare sessionId: string | null;
  declare baseVersion: number | null;
  declare state: CreationOptional<JobState>;
  declare workflowId: string | null;
  declare idempotencyKey: string | null;
  declare request: CreationOptional<Record<string, unknown>>;
  declare templateId: string | null;
  declare provider: ProviderId | null;
  declare repairRounds: CreationOptional<number>;
  declare errorCode: string | null;
  declare errorDetail: string | null;
  declare resultVersionId: string | null;
  declare startedAt: Date | null;
  declare finishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof Job {
    Job.init(
      {
        id: uuidPk(),
        kind: enumText(JOB_KINDS),
        userId: { type: DataTypes.UUID, allowNull: false },
        gameId: { type: DataTypes.UUID },
        sessionId: { type: DataTypes.UUID },
        baseVersion: { type: DataTypes.INTEGER, validate: { min: 1 } },
        state: enumText(JOB_STATES, { defaultValue: 'queued' }),
        workflowId: { type: DataTypes.TEXT, unique: true },
        idempotencyKey: { type: DataTypes.TEXT },
        request: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        templateId: { type: DataTypes.TEXT },
        provider: enumText(PROVIDERS, { allowNull: true }),
        repairRounds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0, max: 10 } },
        errorCode: { type: DataTypes.TEXT },
        errorDetail: { type: DataTypes.TEXT },
        resultVersionId: { type: DataTypes.UUID },
        startedAt: { type: DataTypes.DATE },
        finishedAt: { type: DataTypes.DATE },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, modelName: 'Job', tableName: 'jobs', underscored: true, ...timestampOptions },
    );
    return Job;
  }
}

/** One row per LLM call attempt. errorClass is set exactly when status is failed. */
export class ProviderAttempt extends Model<InferAttributes<ProviderAttempt>, InferCreationAttributes<ProviderAttempt>> {
  declare id: CreationOptional<string>;
  declare jobId: string;
  /** Temporal's activity attempt number (1-based). */
  declare activityAttempt: number;
  declare provider: ProviderId;
  declare model: string;
  declare status: AttemptStatus;
  declare errorClass: ErrorClass | null;
  declare httpStatus: number | null;
  declare errorMessage: string | null;
  declare latencyMs: number | null;
  declare tokensIn: CreationOptional<number>;
  declare tokensOut: CreationOptional<number>;
  declare costUsd: CreationOptional<number>;
  declare startedAt: Date;
  declare finishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof ProviderAttempt {
    ProviderAttempt.init(
      {
        id: uuidPk(),
        jobId: { type: DataTypes.UUID, allowNull: false },
        activityAttempt: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
        provider: enumText(PROVIDERS),
        model: { type: DataTypes.TEXT, allowNull: false },
        status: enumText(ATTEMPT_STATUSES),
        errorClass: enumText(ERROR_CLASSES, { allowNull: true }),
        httpStatus: { type: DataTypes.INTEGER },
        errorMessage: { type: DataTypes.TEXT },
        latencyMs: { type: DataTypes.INTEGER, validate: { min: 0 } },
        tokensIn: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        tokensOut: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        costUsd: { type: DataTypes.DECIMAL(12, 6), allowNull: false, defaultValue: 0, get: asNumber('costUsd') },
        startedAt: { type: DataTypes.DATE, allowNull: false },
        finishedAt: { type: DataTypes.DATE },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize,
        modelName: 'ProviderAttempt',
        tableName: 'provider_attempts',
        underscored: true,
        ...createdOnlyOptions,
      },
    );
    return ProviderAttempt;
  }
}
