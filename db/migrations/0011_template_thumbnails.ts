// A picture of each template for the catalogue: the last frame of a browser playtest of its
// code (played with its declared controls, so it shows the game under way, not a title
// screen). Keyed by the code's hash: every version with the same code shares one, and a new
// version's code gets its own, made once. Rows are written by the start-up process after the
// templates are loaded; nothing else changes them.
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE template_thumbnails (
  code_hash char(64) PRIMARY KEY,
  png bytea NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  playtest_report jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT template_thumbnails_code_hash_hex CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT template_thumbnails_png_signature
    CHECK (substring(png FROM 1 FOR 8) = decode('89504e470d0a1a0a', 'hex')),
  CONSTRAINT template_thumbnails_png_size CHECK (octet_length(png) <= 1048576),
  CONSTRAINT template_thumbnails_dimensions CHECK (width BETWEEN 1 AND 4096 AND height BETWEEN 1 AND 4096),
  CONSTRAINT template_thumbnails_report_object CHECK (jsonb_typeof(playtest_report) = 'object')
);
`);

export const down = sql(`
DROP TABLE template_thumbnails;
`);
