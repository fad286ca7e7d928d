// Append-only audit trail of security-relevant and admin actions.
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  -- SET NULL: deleting an account must not erase what was done, only who did it.
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL,
  target_type text,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}',
  ip text,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT audit_log_action_length CHECK (char_length(action) BETWEEN 1 AND 100),
  CONSTRAINT audit_log_target_type_length CHECK (char_length(target_type) BETWEEN 1 AND 50),
  CONSTRAINT audit_log_target_id_length CHECK (char_length(target_id) <= 200),
  CONSTRAINT audit_log_target_pair CHECK (target_id IS NULL OR target_type IS NOT NULL),
  CONSTRAINT audit_log_details_object CHECK (jsonb_typeof(details) = 'object'),
  CONSTRAINT audit_log_ip_length CHECK (char_length(ip) <= 64),
  CONSTRAINT audit_log_request_id_length CHECK (char_length(request_id) <= 200)
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
CREATE INDEX audit_log_created_idx ON audit_log (created_at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, created_at) WHERE actor_id IS NOT NULL;

-- Entries are never rewritten; only actor_id may change (to NULL, by the FK above).
-- Retention pruning by DELETE remains possible.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_column_changes(
    'id', 'action', 'target_type', 'target_id', 'details', 'ip', 'request_id', 'created_at');
`);

export const down = sql(`DROP TABLE audit_log;`);
