// Generation jobs and the immutable game versions they produce.
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  game_id uuid REFERENCES games (id) ON DELETE CASCADE,
  session_id uuid REFERENCES sessions (id) ON DELETE SET NULL,
  base_version integer,
  state text NOT NULL DEFAULT 'queued',
  workflow_id text,
  idempotency_key text,
  request jsonb NOT NULL DEFAULT '{}',
  template_id text REFERENCES templates (id) ON DELETE SET NULL,
  provider text,
  repair_rounds integer NOT NULL DEFAULT 0,
  error_code text,
  error_detail text,
  result_version_id uuid,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT jobs_workflow_id_key UNIQUE (workflow_id),
  -- NULL keys never collide (NULLS DISTINCT), so only keyed requests are deduplicated.
  CONSTRAINT jobs_user_idempotency_key UNIQUE (user_id, idempotency_key),
  CONSTRAINT jobs_kind_check CHECK (kind IN ('create', 'modify', 'regenerate', 'rollback')),
  CONSTRAINT jobs_state_check CHECK (state IN ('queued', 'generating', 'validating', 'scanning', 'repairing',
    'awaiting_review', 'versioning', 'completed', 'failed', 'rejected', 'cancelled')),
  -- Only a create job may start without a game; the others act on one.
  CONSTRAINT jobs_game_required CHECK (kind = 'create' OR game_id IS NOT NULL),
  CONSTRAINT jobs_base_version_check CHECK (base_version >= 1),
  CONSTRAINT jobs_workflow_id_length CHECK (char_length(workflow_id) BETWEEN 1 AND 255),
  CONSTRAINT jobs_idempotency_key_length CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
  CONSTRAINT jobs_request_object CHECK (jsonb_typeof(request) = 'object'),
  CONSTRAINT jobs_provider_check CHECK (provider IN ('openai', 'anthropic', 'offline')),
  CONSTRAINT jobs_repair_rounds_check CHECK (repair_rounds BETWEEN 0 AND 10),
  CONSTRAINT jobs_terminal_finished CHECK (
    state NOT IN ('completed', 'failed', 'rejected', 'cancelled') OR finished_at IS NOT NULL),
  CONSTRAINT jobs_failed_has_error CHECK (state <> 'failed' OR error_code IS NOT NULL),
  CONSTRAINT jobs_finished_after_start CHECK (finished_at >= started_at)
);
CREATE INDEX jobs_user_created_idx ON jobs (user_id, created_at DESC);
-- Running jobs: per-user concurrency limits and the stuck-job sweeper / admin queue.
CREATE INDEX jobs_user_active_idx ON jobs (user_id, state)
  WHERE state NOT IN ('completed', 'failed', 'rejected', 'cancelled');
CREATE INDEX jobs_active_state_idx ON jobs (state, updated_at)
  WHERE state NOT IN ('completed', 'failed', 'rejected', 'cancelled');
CREATE INDEX jobs_game_created_idx ON jobs (game_id, created_at DESC) WHERE game_id IS NOT NULL;
CREATE INDEX jobs_session_idx ON jobs (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX jobs_template_idx ON jobs (template_id) WHERE template_id IS NOT NULL;

CREATE TABLE game_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  game_id uuid NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  version integer NOT NULL,
  parent_version_id uuid REFERENCES game_versions (id) ON DELETE SET NULL,
  -- One version per job: a retried versioning activity hits this instead of duplicating.
  -- SET NULL because versions outlive pruned job rows.
  job_id uuid REFERENCES jobs (id) ON DELETE SET NULL,
  content text NOT NULL,
  content_hash char(64) NOT NULL,
  size_bytes integer NOT NULL,
  change_summary text,
  changes jsonb,
  review_status text NOT NULL DEFAULT 'not_required',
  verdict text NOT NULL,
  security_score integer,
  code_quality integer,
  validation_report jsonb,
  scan_report jsonb,
  playtest_report jsonb,
  thumbnail_png bytea,
  provider text,
  model text,
  prompt_version text,
  tokens_in integer NOT NULL DEFAULT 0,
  tokens_out integer NOT NULL DEFAULT 0,
  cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT game_versions_game_version_key UNIQUE (game_id, version),
  CONSTRAINT game_versions_job_id_key UNIQUE (job_id),
  CONSTRAINT game_versions_version_check CHECK (version >= 1),
  CONSTRAINT game_versions_not_own_parent CHECK (parent_version_id <> id),
  CONSTRAINT game_versions_content_hash_hex CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT game_versions_size_bytes_check CHECK (size_bytes > 0),
  CONSTRAINT game_versions_review_status_check CHECK (review_status IN ` +
  `('not_required', 'pending', 'approved', 'rejected')),
  CONSTRAINT game_versions_verdict_check CHECK (verdict IN ('pass', 'review', 'block')),
  -- Anything the scanner did not pass must go through a human.
  CONSTRAINT game_versions_unpassed_needs_review CHECK (verdict = 'pass' OR review_status <> 'not_required'),
  CONSTRAINT game_versions_security_score_check CHECK (security_score BETWEEN 0 AND 100),
  CONSTRAINT game_versions_code_quality_check CHECK (code_quality BETWEEN 0 AND 100),
  CONSTRAINT game_versions_thumbnail_png CHECK (
    octet_length(thumbnail_png) <= 1048576
    AND substring(thumbnail_png FROM 1 FOR 8) = decode('89504e470d0a1a0a', 'hex')),
  CONSTRAINT game_versions_provider_check CHECK (provider IN ('openai', 'anthropic', 'offline')),
  CONSTRAINT game_versions_tokens_in_check CHECK (tokens_in >= 0),
  CONSTRAINT game_versions_tokens_out_check CHECK (tokens_out >= 0),
  CONSTRAINT game_versions_cost_usd_check CHECK (cost_usd >= 0)
);
-- Moderation queue, oldest first.
CREATE INDEX game_versions_pending_review_idx ON game_versions (created_at) WHERE review_status = 'pending';
CREATE INDEX game_versions_parent_idx ON game_versions (parent_version_id) WHERE parent_version_id IS NOT NULL;

-- Content is what was validated, scanned and reviewed; a change needs a new version.
CREATE TRIGGER game_versions_immutable BEFORE UPDATE ON game_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_column_changes(
    'id', 'game_id', 'version', 'content', 'content_hash', 'size_bytes', 'created_at');

ALTER TABLE jobs ADD CONSTRAINT jobs_result_version_id_fkey
  FOREIGN KEY (result_version_id) REFERENCES game_versions (id) ON DELETE SET NULL;
CREATE INDEX jobs_result_version_idx ON jobs (result_version_id) WHERE result_version_id IS NOT NULL;

-- games.current_version must name an existing version of that game. NO ACTION (checked
-- at statement end) still lets DELETE of a game cascade to its versions.
ALTER TABLE games ADD CONSTRAINT games_current_version_fkey
  FOREIGN KEY (id, current_version) REFERENCES game_versions (game_id, version);
`);

export const down = sql(`
ALTER TABLE games DROP CONSTRAINT games_current_version_fkey;
DROP TABLE game_versions, jobs;
`);
