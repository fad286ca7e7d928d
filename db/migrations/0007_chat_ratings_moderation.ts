// Session chat, player ratings and human moderation decisions.
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE chat_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL,
  content text NOT NULL,
  job_id uuid REFERENCES jobs (id) ON DELETE SET NULL,
  game_version_id uuid REFERENCES game_versions (id) ON DELETE SET NULL,
  intent text,
  elements jsonb,
  metadata jsonb NOT NULL DEFAULT '{}',
  -- A chat reset archives (sets this) rather than deleting, so history stays auditable.
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT chat_messages_role_check CHECK (role IN ('user', 'assistant', 'system')),
  CONSTRAINT chat_messages_content_length CHECK (char_length(content) <= 20000),
  CONSTRAINT chat_messages_intent_length CHECK (char_length(intent) BETWEEN 1 AND 50),
  CONSTRAINT chat_messages_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX chat_messages_session_created_idx ON chat_messages (session_id, created_at);
CREATE INDEX chat_messages_user_idx ON chat_messages (user_id);
CREATE INDEX chat_messages_job_idx ON chat_messages (job_id) WHERE job_id IS NOT NULL;
CREATE INDEX chat_messages_game_version_idx ON chat_messages (game_version_id) WHERE game_version_id IS NOT NULL;

CREATE TABLE ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  game_id uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  rating smallint NOT NULL,
  review text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ratings_user_game_key UNIQUE (user_id, game_id),
  CONSTRAINT ratings_rating_check CHECK (rating BETWEEN 1 AND 5),
  CONSTRAINT ratings_review_length CHECK (char_length(review) <= 5000)
);
CREATE INDEX ratings_game_idx ON ratings (game_id);

-- games.rating_avg / rating_count are derived from ratings, so the database keeps them
-- in step. The game row is locked first and the aggregate read in a later statement: under
-- READ COMMITTED that statement's snapshot includes every rating committed before the lock
-- was granted, so concurrent raters cannot overwrite each other. FOR NO KEY UPDATE does not
-- conflict with the KEY SHARE lock the ratings FK check holds, so two raters cannot deadlock.
CREATE FUNCTION refresh_game_rating(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM games WHERE id = target FOR NO KEY UPDATE;
  UPDATE games g
     SET rating_count = s.n, rating_avg = s.avg
    FROM (SELECT count(*)::integer AS n, coalesce(round(avg(rating), 2), 0) AS avg
            FROM ratings WHERE game_id = target) s
   WHERE g.id = target;
END
$$;

CREATE FUNCTION ratings_refresh_game() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM refresh_game_rating(OLD.game_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.game_id IS DISTINCT FROM OLD.game_id) THEN
    PERFORM refresh_game_rating(NEW.game_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER ratings_refresh_game AFTER INSERT OR DELETE OR UPDATE OF rating, game_id ON ratings
  FOR EACH ROW EXECUTE FUNCTION ratings_refresh_game();

CREATE TABLE moderation_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_version_id uuid NOT NULL REFERENCES game_versions (id) ON DELETE CASCADE,
  job_id uuid REFERENCES jobs (id) ON DELETE SET NULL,
  -- NO ACTION (a RESTRICT checked at statement end): a moderator who has decided anything
  -- cannot be deleted, only suspended, so every decision keeps an accountable author.
  -- Statement-end checking still lets a cascade that also removes the decisions go through.
  moderator_id uuid NOT NULL REFERENCES users (id) ON DELETE NO ACTION,
  decision text NOT NULL,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT moderation_decisions_decision_check CHECK (decision IN ('approve', 'reject')),
  -- coalesce: a bare length(trim(reason)) > 0 is NULL for a NULL reason, and NULL passes a CHECK.
  CONSTRAINT moderation_decisions_reject_reason CHECK (decision <> 'reject' OR ` +
  `coalesce(char_length(btrim(reason)), 0) > 0),
  CONSTRAINT moderation_decisions_reason_length CHECK (char_length(reason) <= 2000)
);
CREATE INDEX moderation_decisions_version_idx ON moderation_decisions (game_version_id, created_at);
CREATE INDEX moderation_decisions_moderator_idx ON moderation_decisions (moderator_id, created_at);
CREATE INDEX moderation_decisions_job_idx ON moderation_decisions (job_id) WHERE job_id IS NOT NULL;
`);

export const down = sql(`
DROP TABLE moderation_decisions;
DROP TRIGGER ratings_refresh_game ON ratings;
DROP FUNCTION ratings_refresh_game();
DROP FUNCTION refresh_game_rating(uuid);
DROP TABLE ratings;
DROP TABLE chat_messages;
`);
