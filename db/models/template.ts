// Template catalogue entries (mutable) and their immutable versions.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { createdOnlyOptions, enumText, timestampOptions, uuidPk } from './columns.ts';
import { TEMPLATE_LEVELS, TEMPLATE_STATUSES, VERDICTS } from '../../game/vocabulary.ts';
import type { TemplateLevel, TemplateStatus, Verdict } from '../../game/vocabulary.ts';
import type { ControlsSpec } from '../../game/templates/spec.ts';

export class Template extends Model<InferAttributes<Template>, InferCreationAttributes<Template>> {
  /** Slug such as basic_platformer (^[a-z0-9_]{3,64}$). */
  declare id: string;
  declare name: string;
  declare description: string | null;
  declare category: string | null;
  declare difficulty: TemplateLevel | null;
  declare engine: string | null;
  declare keywords: CreationOptional<string[]>;
  declare status: CreationOptional<TemplateStatus>;
  declare currentVersion: number | null;
  declare createdBy: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof Template {
    Template.init(
      {
        id: { type: DataTypes.TEXT, primaryKey: true, allowNull: false, validate: { is: /^[a-z0-9_]{3,64}$/ } },
        name: { type: DataTypes.TEXT, allowNull: false },
        description: { type: DataTypes.TEXT },
        category: { type: DataTypes.TEXT },
        difficulty: enumText(TEMPLATE_LEVELS, { allowNull: true }),
        engine: { type: DataTypes.TEXT },
        keywords: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
        status: enumText(TEMPLATE_STATUSES, { defaultValue: 'draft' }),
        currentVersion: { type: DataTypes.INTEGER, validate: { min: 1 } },
        createdBy: { type: DataTypes.UUID },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, modelName: 'Template', tableName: 'templates', underscored: true, ...timestampOptions },
    );
    return Template;
  }
}

/** Immutable once inserted except verdict / scan_report (a DB trigger enforces it). */
export class TemplateVersion extends Model<InferAttributes<TemplateVersion>, InferCreationAttributes<TemplateVersion>> {
  declare id: CreationOptional<string>;
  declare templateId: string;
  declare version: number;
  declare code: string;
  /** The typed variable schema the generator fills in. */
  declare variables: CreationOptional<Record<string, unknown> | unknown[]>;
  declare features: CreationOptional<unknown[]>;
  /** What the player presses (game/templates/spec.ts controlsSpec); null for hand-made versions. */
  declare controls: CreationOptional<ControlsSpec | null>;
  declare codeHash: string;
  declare verdict: Verdict | null;
  declare scanReport: Record<string, unknown> | null;
  declare createdBy: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof TemplateVersion {
    TemplateVersion.init(
      {
        id: uuidPk(),
        templateId: { type: DataTypes.TEXT, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
        code: { type: DataTypes.TEXT, allowNull: false },
        variables: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        features: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
        controls: { type: DataTypes.JSONB, allowNull: true },
        codeHash: { type: DataTypes.CHAR(64), allowNull: false, validate: { is: /^[0-9a-f]{64}$/ } },
        verdict: enumText(VERDICTS, { allowNull: true }),
        scanReport: { type: DataTypes.JSONB },
        createdBy: { type: DataTypes.UUID },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize,
        modelName: 'TemplateVersion',
        tableName: 'template_versions',
        underscored: true,
        ...createdOnlyOptions,
      },
    );
    return TemplateVersion;
  }
}

/** A template's catalogue picture, one per code hash (see migration 0011). */
export class TemplateThumbnail
  extends Model<InferAttributes<TemplateThumbnail>, InferCreationAttributes<TemplateThumbnail>> {
  /** sha256 of the template version's code: the cache key. */
  declare codeHash: string;
  declare png: Buffer;
  declare width: number;
  declare height: number;
  /** The playtest that made it (status, responds, duration…), without the image. */
  declare playtestReport: CreationOptional<Record<string, unknown>>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof TemplateThumbnail {
    TemplateThumbnail.init(
      {
        codeHash: { type: DataTypes.CHAR(64), primaryKey: true, allowNull: false, validate: { is: /^[0-9a-f]{64}$/ } },
        png: { type: DataTypes.BLOB, allowNull: false },
        width: { type: DataTypes.INTEGER, allowNull: false },
        height: { type: DataTypes.INTEGER, allowNull: false },
        playtestReport: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize, modelName: 'TemplateThumbnail', tableName: 'template_thumbnails', underscored: true,
        ...createdOnlyOptions,
      },
    );
    return TemplateThumbnail;
  }
}
