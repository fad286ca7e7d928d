// A game is the mutable head (title, visibility, counters); content lives in GameVersion.
import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { asNumber, enumText, timestampOptions, uuidPk } from './columns.ts';
import { DIFFICULTIES, GAME_STATUSES } from '../../game/vocabulary.ts';
import type { Difficulty, GameStatus } from '../../game/vocabulary.ts';

export class Game extends Model<InferAttributes<Game>, InferCreationAttributes<Game>> {
  declare id: CreationOptional<string>;
  declare ownerId: string;
  declare sessionId: string | null;
  declare title: string;
  declare description: string | null;
  declare gameType: string | null;
  declare difficulty: Difficulty | null;
  declare engine: string | null;
  declare templateId: string | null;
  declare templateVersionId: string | null;
  declare status: CreationOptional<GameStatus>;
  /** Must name an existing game_versions.version of this game (FK); required when active. */
  declare currentVersion: number | null;
  declare isPublic: CreationOptional<boolean>;
  declare isFeatured: CreationOptional<boolean>;
  declare playCount: CreationOptional<number>;
  /** Maintained by a trigger on ratings; do not write it. */
  declare ratingAvg: CreationOptional<number>;
  /** Maintained by a trigger on ratings; do not write it. */
  declare ratingCount: CreationOptional<number>;
  declare tags: CreationOptional<string[]>;
  /** The public game (and its version) this one was remixed from. */
  declare remixedFrom: CreationOptional<string | null>;
  declare remixedFromVersion: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof Game {
    Game.init(
      {
        id: uuidPk(),
        ownerId: { type: DataTypes.UUID, allowNull: false },
        sessionId: { type: DataTypes.UUID },
        title: { type: DataTypes.TEXT, allowNull: false, validate: { len: [3, 200] } },
        description: { type: DataTypes.TEXT },
        gameType: { type: DataTypes.TEXT },
        difficulty: enumText(DIFFICULTIES, { allowNull: true }),
        engine: { type: DataTypes.TEXT },
        templateId: { type: DataTypes.TEXT },
        templateVersionId: { type: DataTypes.UUID },
        status: enumText(GAME_STATUSES, { defaultValue: 'draft' }),
        currentVersion: { type: DataTypes.INTEGER, validate: { min: 1 } },
        isPublic: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        isFeatured: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        playCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
        ratingAvg: { type: DataTypes.DECIMAL(3, 2), allowNull: false, defaultValue: 0, get: asNumber('ratingAvg') },
        ratingCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
        remixedFrom: { type: DataTypes.UUID },
        remixedFromVersion: { type: DataTypes.INTEGER },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, modelName: 'Game', tableName: 'games', underscored: true, ...timestampOptions },
    );
    return Game;
  }
}
