// Creator progression: an XP ledger with one row per event that earned XP, keyed by the event
// itself (event_key, unique) so a repeated or racing event inserts nothing the second time;
// the total is cached on users.xp by the same statement that inserts the ledger row. Achievements
// are one row per (user, achievement), kept when revoked so a revoked one is never re-awarded.
import { sql } from './types.ts';

export const up = sql(`
ALTER TABLE users ADD COLUMN xp bigint NOT NULL DEFAULT 0, ADD CONSTRAINT users_xp_check CHECK (xp >= 0);
-- The all-time leaderboard reads users in XP order.
CREATE INDEX users_xp_idx ON users (xp DESC) WHERE xp > 0;

CREATE TABLE xp_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  amount integer NOT NULL,
  event_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT xp_events_event_key_key UNIQUE (event_key),
  CONSTRAINT xp_events_kind_check
    CHECK (kind IN ('game_created', 'first_play_by_other', 'rating_received', 'remix_received')),
  CONSTRAINT xp_events_amount_check CHECK (amount > 0),
  CONSTRAINT xp_events_event_key_length CHECK (char_length(event_key) BETWEEN 1 AND 200)
);
-- A user's events (their history, their games counted); the weekly board sums a recent range.
CREATE INDEX xp_events_user_idx ON xp_events (user_id, kind);
CREATE INDEX xp_events_created_idx ON xp_events (created_at, user_id);

CREATE TABLE user_achievements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  achievement text NOT NULL,
  awarded_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT user_achievements_user_achievement_key UNIQUE (user_id, achievement),
  CONSTRAINT user_achievements_achievement_check
    CHECK (achievement IN ('first_game', 'ten_games', 'first_five_star', 'hundred_plays', 'first_remix')),
  CONSTRAINT user_achievements_revoker_check CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);
`);

export const down = sql(`
DROP TABLE user_achievements;
DROP TABLE xp_events;
DROP INDEX users_xp_idx;
ALTER TABLE users DROP COLUMN xp;
`);
