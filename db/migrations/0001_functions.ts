// Shared trigger functions used by later migrations.
import { sql } from './types.ts';

export const up = sql(`
-- Append-only / immutable rows: the trigger arguments name the columns that may never
-- change after insert. Other columns stay writable, which FK ON DELETE SET NULL actions
-- and review-status updates need. Unknown column names raise instead of silently passing.
CREATE FUNCTION forbid_column_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text;
  old_row jsonb := to_jsonb(OLD);
  new_row jsonb := to_jsonb(NEW);
BEGIN
  FOREACH col IN ARRAY TG_ARGV LOOP
    IF NOT old_row ? col THEN
      RAISE EXCEPTION 'forbid_column_changes: %.% does not exist', TG_TABLE_NAME, col;
    END IF;
    IF old_row -> col IS DISTINCT FROM new_row -> col THEN
      RAISE EXCEPTION '%.% is immutable', TG_TABLE_NAME, col
        USING ERRCODE = 'integrity_constraint_violation',
              TABLE = TG_TABLE_NAME, COLUMN = col,
              CONSTRAINT = TG_TABLE_NAME || '_immutable';
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;
`);

export const down = sql(`DROP FUNCTION forbid_column_changes();`);
