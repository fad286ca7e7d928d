// Feature flags (seed 003 §6): a flag and its rules. A rule turns the flag on or off for one
// scope — a user, a game, a template, or everyone (global) — optionally only for one role and/or
// one environment. Evaluation (db/flags/evaluate.ts) takes the most specific scope that has a
// matching rule, and within it the rule naming the most (role, then environment).
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE feature_flags (
  key text PRIMARY KEY,
  description text NOT NULL DEFAULT '',
  default_enabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT feature_flags_key_format CHECK (key ~ '^[a-z0-9][a-z0-9_.-]{1,99}$'),
  CONSTRAINT feature_flags_description_length CHECK (char_length(description) <= 500)
);

CREATE TABLE feature_flag_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  flag_key text NOT NULL REFERENCES feature_flags (key) ON DELETE CASCADE ON UPDATE CASCADE,
  scope text NOT NULL,
  scope_id text,
  role text,
  environment text,
  enabled boolean NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT feature_flag_rules_scope_check CHECK (scope IN ('user', 'game', 'template', 'global')),
  CONSTRAINT feature_flag_rules_scope_id CHECK ((scope = 'global') = (scope_id IS NULL)),
  CONSTRAINT feature_flag_rules_scope_id_length CHECK (char_length(scope_id) BETWEEN 1 AND 100),
  CONSTRAINT feature_flag_rules_role_check CHECK (role IN ('user', 'premium', 'moderator', 'admin')),
  CONSTRAINT feature_flag_rules_environment_check CHECK (environment IN ('development', 'test', 'production')),
  CONSTRAINT feature_flag_rules_note_length CHECK (char_length(note) <= 500),
  CONSTRAINT feature_flag_rules_one_per_target UNIQUE NULLS NOT DISTINCT (flag_key, scope, scope_id, role, environment)
);
CREATE INDEX feature_flag_rules_target_idx ON feature_flag_rules (flag_key, scope, scope_id);
`);

export const down = sql(`
DROP TABLE feature_flag_rules;
DROP TABLE feature_flags;
`);
