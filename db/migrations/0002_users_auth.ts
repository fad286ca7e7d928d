// Accounts and refresh-token rotation.
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  email text NOT NULL,
  password_hash text NOT NULL,
  display_name text,
  avatar_url text,
  bio text,
  role text NOT NULL DEFAULT 'user',
  status text NOT NULL DEFAULT 'active',
  is_verified boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  ai_generations_count integer NOT NULL DEFAULT 0,
  ai_tokens_used bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_username_key UNIQUE (username),
  CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9_]{3,50}$'),
  CONSTRAINT users_email_format CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  CONSTRAINT users_password_hash_present CHECK (char_length(password_hash) > 0),
  CONSTRAINT users_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 100),
  CONSTRAINT users_avatar_url_length CHECK (char_length(avatar_url) <= 2048),
  CONSTRAINT users_bio_length CHECK (char_length(bio) <= 2000),
  CONSTRAINT users_role_check CHECK (role IN ('user', 'premium', 'moderator', 'admin')),
  CONSTRAINT users_status_check CHECK (status IN ('active', 'suspended')),
  CONSTRAINT users_ai_generations_count_check CHECK (ai_generations_count >= 0),
  CONSTRAINT users_ai_tokens_used_check CHECK (ai_tokens_used >= 0)
);
-- Login looks e-mail up case-insensitively; the unique index makes Bob@x and bob@x one account.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE refresh_token_families (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  user_agent text,
  ip inet,
  CONSTRAINT refresh_token_families_expiry_check CHECK (expires_at > created_at),
  -- A revoked family must say why (logout, reuse detected, password change...).
  CONSTRAINT refresh_token_families_revocation_check CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
  CONSTRAINT refresh_token_families_revoked_reason_length CHECK (char_length(revoked_reason) BETWEEN 1 AND 200),
  CONSTRAINT refresh_token_families_user_agent_length CHECK (char_length(user_agent) <= 512)
);
CREATE INDEX refresh_token_families_user_idx ON refresh_token_families (user_id, created_at DESC);

CREATE TABLE refresh_tokens (
  jti uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  family_id uuid NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
  issued_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  replaced_by uuid,
  CONSTRAINT refresh_tokens_family_jti_key UNIQUE (family_id, jti),
  -- A token has at most one successor, and each successor replaces at most one token.
  CONSTRAINT refresh_tokens_replaced_by_key UNIQUE (replaced_by),
  -- The successor must be in the same family. Deferred so rotation can first claim the old
  -- token (UPDATE ... WHERE used_at IS NULL, the reuse check) and then insert the new one.
  CONSTRAINT refresh_tokens_replaced_by_fkey FOREIGN KEY (family_id, replaced_by)
    REFERENCES refresh_tokens (family_id, jti) ON DELETE SET NULL (replaced_by)
    DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT refresh_tokens_expiry_check CHECK (expires_at > issued_at),
  CONSTRAINT refresh_tokens_replaced_requires_used CHECK (replaced_by IS NULL OR used_at IS NOT NULL),
  CONSTRAINT refresh_tokens_not_self_replaced CHECK (replaced_by <> jti)
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
`);

export const down = sql(`
DROP TABLE refresh_tokens;
DROP TABLE refresh_token_families;
DROP TABLE users;
`);
