import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { timestampOptions, uuidPk } from './columns.ts';

/** One per (user, game). Insert/update/delete refreshes games.rating_avg/count (trigger). */
export class Rating extends Model<InferAttributes<Rating>, InferCreationAttributes<Rating>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare gameId: string;
  declare rating: number;
  declare review: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): typeof Rating {
    Rating.init(
      {
        id: uuidPk(),
        userId: { type: DataTypes.UUID, allowNull: false },
        gameId: { type: DataTypes.UUID, allowNull: false },
        rating: { type: DataTypes.SMALLINT, allowNull: false, validate: { min: 1, max: 5 } },
        review: { type: DataTypes.TEXT },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      {
        sequelize,
        modelName: 'Rating',
        tableName: 'ratings',
        underscored: true,
        ...timestampOptions,
        indexes: [{ unique: true, fields: ['user_id', 'game_id'] }],
      },
    );
    return Rating;
  }
}
