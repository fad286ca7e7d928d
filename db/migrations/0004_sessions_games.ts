// Workspace sessions and games (the mutable head; content lives in game_versions).
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'initialized',
  preferences jsonb NOT NULL DEFAULT '{}',
  client_info jsonb NOT NULL DEFAULT '{}',
  metadata jsonb NOT NULL DEFAULT '{}',
  current_game_id uuid,
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sessions_status_check CHECK (status IN ('initialized', 'active', 'expired', 'deleted')),
  CONSTRAINT sessions_preferences_object CHECK (jsonb_typeof(preferences) = 'object'),
  CONSTRAINT sessions_client_info_object CHECK (jsonb_typeof(client_info) = 'object'),
  CONSTRAINT sessions_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX sessions_user_activity_idx ON sessions (user_id, last_activity_at DESC);
-- The expiry sweeper only looks at live sessions.
CREATE INDEX sessions_live_expiry_idx ON sessions (expires_at) WHERE status IN ('initialized', 'active');

CREATE TABLE games (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id uuid REFERENCES sessions (id) ON DELETE SET NULL,
  title text NOT NULL,
  description text,
  game_type text,
  difficulty text,
  engine text,
  template_id text REFERENCES templates (id) ON DELETE SET NULL,
  template_version_id uuid REFERENCES template_versions (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'draft',
  current_version integer,
  is_public boolean NOT NULL DEFAULT false,
  is_featured boolean NOT NULL DEFAULT false,
  play_count integer NOT NULL DEFAULT 0,
  rating_avg numeric(3, 2) NOT NULL DEFAULT 0,
  rating_count integer NOT NULL DEFAULT 0,
  tags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT games_title_length CHECK (char_length(title) BETWEEN 3 AND 200),
  CONSTRAINT games_description_length CHECK (char_length(description) <= 5000),
  CONSTRAINT games_game_type_length CHECK (char_length(game_type) BETWEEN 1 AND 50),
  CONSTRAINT games_difficulty_check CHECK (difficulty IN ('easy', 'medium', 'hard')),
  CONSTRAINT games_engine_length CHECK (char_length(engine) BETWEEN 1 AND 50),
  CONSTRAINT games_status_check CHECK (status IN ('draft', 'active', 'rejected', 'deleted')),
  CONSTRAINT games_current_version_check CHECK (current_version >= 1),
  -- A playable game has content to play.
  CONSTRAINT games_active_has_version CHECK (status <> 'active' OR current_version IS NOT NULL),
  CONSTRAINT games_featured_is_public CHECK (is_public OR NOT is_featured),
  CONSTRAINT games_play_count_check CHECK (play_count >= 0),
  CONSTRAINT games_rating_avg_check CHECK (rating_avg BETWEEN 0 AND 5),
  CONSTRAINT games_rating_count_check CHECK (rating_count >= 0),
  CONSTRAINT games_tags_check CHECK (cardinality(tags) <= 10 AND array_position(tags, NULL) IS NULL)
);
CREATE INDEX games_owner_idx ON games (owner_id, updated_at DESC);
-- Public gallery: newest and most played among listable games.
CREATE INDEX games_public_recent_idx ON games (created_at DESC) WHERE is_public AND status = 'active';
CREATE INDEX games_public_popular_idx ON games (play_count DESC) WHERE is_public AND status = 'active';
CREATE INDEX games_featured_idx ON games (updated_at DESC) WHERE is_featured AND status = 'active';
CREATE INDEX games_tags_idx ON games USING gin (tags);
-- FK-side indexes keep ON DELETE SET NULL from scanning the table.
CREATE INDEX games_session_idx ON games (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX games_template_idx ON games (template_id) WHERE template_id IS NOT NULL;
CREATE INDEX games_template_version_idx ON games (template_version_id) WHERE template_version_id IS NOT NULL;

ALTER TABLE sessions ADD CONSTRAINT sessions_current_game_id_fkey
  FOREIGN KEY (current_game_id) REFERENCES games (id) ON DELETE SET NULL;
CREATE INDEX sessions_current_game_idx ON sessions (current_game_id) WHERE current_game_id IS NOT NULL;
`);

export const down = sql(`
ALTER TABLE sessions DROP CONSTRAINT sessions_current_game_id_fkey;
DROP TABLE games;
DROP TABLE sessions;
`);
