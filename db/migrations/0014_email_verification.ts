// E-mail: whether a user's address is proven theirs, and the single-use tokens that reset a
// password or verify an address. The seed's is_verified becomes email_verified (one flag, named
// for what it proves; sign-in linking by e-mail reads it). Only a token's SHA-256 is kept: a copy
// of the table opens no account.
import { sql } from './types.ts';

export const up = sql(`
ALTER TABLE users RENAME COLUMN is_verified TO email_verified;
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
UPDATE users SET email_verified_at = updated_at WHERE email_verified;
ALTER TABLE users ADD CONSTRAINT users_email_verified_at_check CHECK (email_verified = (email_verified_at IS NOT NULL));

CREATE TABLE email_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL,
  token_hash bytea NOT NULL,
  -- The address the link was sent to: a verification proves this address, not a later one.
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CONSTRAINT email_tokens_token_hash_key UNIQUE (token_hash),
  CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('password_reset', 'email_verification')),
  CONSTRAINT email_tokens_token_hash_length CHECK (octet_length(token_hash) = 32),
  CONSTRAINT email_tokens_expiry_check CHECK (expires_at > created_at),
  CONSTRAINT email_tokens_email_length CHECK (char_length(email) <= 254)
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose, created_at DESC);
`);

export const down = sql(`
DROP TABLE email_tokens;
ALTER TABLE users DROP CONSTRAINT users_email_verified_at_check;
ALTER TABLE users DROP COLUMN email_verified_at;
ALTER TABLE users RENAME COLUMN email_verified TO is_verified;
`);
