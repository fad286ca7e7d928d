// LLM provider calls: one row per attempt, plus a daily aggregate for quotas and cost.
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE provider_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  activity_attempt integer NOT NULL,
  provider text NOT NULL,
  model text NOT NULL,
  status text NOT NULL,
  error_class text,
  http_status integer,
  error_message text,
  latency_ms integer,
  tokens_in integer NOT NULL DEFAULT 0,
  tokens_out integer NOT NULL DEFAULT 0,
  cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT provider_attempts_activity_attempt_check CHECK (activity_attempt >= 1),
  CONSTRAINT provider_attempts_provider_check CHECK (provider IN ('openai', 'anthropic', 'offline')),
  CONSTRAINT provider_attempts_model_length CHECK (char_length(model) BETWEEN 1 AND 200),
  CONSTRAINT provider_attempts_status_check CHECK (status IN ('succeeded', 'failed')),
  CONSTRAINT provider_attempts_error_class_check CHECK (error_class IN
    ('retryable', 'non_retryable', 'safety_refusal', 'context_too_long', 'truncated', 'malformed')),
  -- A failure is always classified (it drives retry vs. fallback); a success never is.
  CONSTRAINT provider_attempts_error_class_iff_failed CHECK ((status = 'failed') = (error_class IS NOT NULL)),
  CONSTRAINT provider_attempts_http_status_check CHECK (http_status BETWEEN 100 AND 599),
  CONSTRAINT provider_attempts_error_message_length CHECK (char_length(error_message) <= 4000),
  CONSTRAINT provider_attempts_latency_ms_check CHECK (latency_ms >= 0),
  CONSTRAINT provider_attempts_tokens_in_check CHECK (tokens_in >= 0),
  CONSTRAINT provider_attempts_tokens_out_check CHECK (tokens_out >= 0),
  CONSTRAINT provider_attempts_cost_usd_check CHECK (cost_usd >= 0),
  CONSTRAINT provider_attempts_finished_after_start CHECK (finished_at >= started_at)
);
CREATE INDEX provider_attempts_job_idx ON provider_attempts (job_id, started_at);
CREATE INDEX provider_attempts_provider_created_idx ON provider_attempts (provider, created_at);

CREATE TABLE provider_usage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  day date NOT NULL,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  provider text NOT NULL,
  model text NOT NULL,
  requests integer NOT NULL DEFAULT 0,
  failures integer NOT NULL DEFAULT 0,
  tokens_in bigint NOT NULL DEFAULT 0,
  tokens_out bigint NOT NULL DEFAULT 0,
  cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- user_id NULL is the system-wide row (e.g. template scans); NULLS NOT DISTINCT keeps it
  -- to one row per day/provider/model so INSERT ... ON CONFLICT can accumulate into it.
  CONSTRAINT provider_usage_day_user_provider_model_key UNIQUE NULLS NOT DISTINCT (day, user_id, provider, model),
  CONSTRAINT provider_usage_provider_check CHECK (provider IN ('openai', 'anthropic', 'offline')),
  CONSTRAINT provider_usage_model_length CHECK (char_length(model) BETWEEN 1 AND 200),
  CONSTRAINT provider_usage_requests_check CHECK (requests >= 0),
  CONSTRAINT provider_usage_failures_check CHECK (failures BETWEEN 0 AND requests),
  CONSTRAINT provider_usage_tokens_in_check CHECK (tokens_in >= 0),
  CONSTRAINT provider_usage_tokens_out_check CHECK (tokens_out >= 0),
  CONSTRAINT provider_usage_cost_usd_check CHECK (cost_usd >= 0)
);
CREATE INDEX provider_usage_user_day_idx ON provider_usage (user_id, day) WHERE user_id IS NOT NULL;
`);

export const down = sql(`
DROP TABLE provider_usage;
DROP TABLE provider_attempts;
`);
