// Attribute builders shared by the models.
import { DataTypes } from 'sequelize';
import type { Model, ModelAttributeColumnOptions } from 'sequelize';

/** uuid primary key. The DB default is gen_random_uuid(); the client-side v4 default lets
 * Sequelize know the id before INSERT (and passes its not-null validation). */
export const uuidPk = (): ModelAttributeColumnOptions => ({
  type: DataTypes.UUID,
  primaryKey: true,
  allowNull: false,
  defaultValue: DataTypes.UUIDV4,
});

/** A text column limited by a CHECK (col IN (...)). `values` is what AdminJS reads to
 * render a select list; isIn gives a readable error before the round trip. */
export function enumText(
  values: readonly string[],
  opts: { allowNull?: boolean; defaultValue?: string } = {},
): ModelAttributeColumnOptions {
  return {
    type: DataTypes.TEXT,
    allowNull: opts.allowNull ?? false,
    values: [...values],
    validate: { isIn: [[...values]] },
    ...(opts.defaultValue === undefined ? {} : { defaultValue: opts.defaultValue }),
  };
}

/**
 * pg returns bigint and numeric as strings (they may exceed a double). Token counts and
 * dollar amounts here stay far below 2^53, so the models expose them as numbers; raw
 * queries (raw: true, sequelize.query) still see strings.
 */
export function asNumber(attribute: string) {
  return function (this: Model): number | null {
    const v: unknown = this.getDataValue(attribute as never);
    return v === null || v === undefined ? null : Number(v);
  };
}

/** created_at + updated_at, both set by Sequelize and defaulted by the DB. */
export const timestampOptions = { timestamps: true, createdAt: 'createdAt', updatedAt: 'updatedAt' } as const;
/** Tables that only have created_at. */
export const createdOnlyOptions = { timestamps: true, createdAt: 'createdAt', updatedAt: false } as const;
