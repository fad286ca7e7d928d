// A remix is a new game, in another player's account, that starts from one version of a
// public game. The link is kept on the new game (which game and version it came from), so
// both pages can show it; deleting the original leaves the remix standing, unlinked.
import { sql } from './types.ts';

export const up = sql(`
ALTER TABLE games
  ADD COLUMN remixed_from uuid REFERENCES games (id) ON DELETE SET NULL,
  ADD COLUMN remixed_from_version integer,
  ADD CONSTRAINT games_remix_version_positive CHECK (remixed_from_version >= 1),
  ADD CONSTRAINT games_remix_not_self CHECK (remixed_from <> id);
-- "remixed N times" on the original's page.
CREATE INDEX games_remixed_from_idx ON games (remixed_from) WHERE remixed_from IS NOT NULL;
`);

export const down = sql(`
DROP INDEX games_remixed_from_idx;
ALTER TABLE games DROP COLUMN remixed_from_version, DROP COLUMN remixed_from;
`);
