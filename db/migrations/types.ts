import type { QueryInterface } from 'sequelize';

export type MigrationFn = (params: { context: QueryInterface }) => Promise<void>;

export interface Migration {
  name: string;
  up: MigrationFn;
  down: MigrationFn;
}

/**
 * Each migration direction is one multi-statement string on purpose: PostgreSQL runs a
 * simple-protocol query with several statements as a single implicit transaction, so a
 * failing migration leaves nothing half-applied (no CREATE INDEX CONCURRENTLY here).
 */
export function sql(text: string): MigrationFn {
  return async ({ context }) => {
    await context.sequelize.query(text);
  };
}
