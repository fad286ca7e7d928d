// Accounts at an OpenID Connect provider (Google sign-in) linked to our users. The provider's
// subject is the stable key (an e-mail address can change hands); one identity per
// (issuer, subject), and a user may have several (other providers, or none at all).
import { sql } from './types.ts';

export const up = sql(`
CREATE TABLE user_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  issuer text NOT NULL,
  subject text NOT NULL,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  CONSTRAINT user_identities_issuer_subject_key UNIQUE (issuer, subject),
  CONSTRAINT user_identities_issuer_length CHECK (char_length(issuer) BETWEEN 1 AND 500),
  CONSTRAINT user_identities_subject_length CHECK (char_length(subject) BETWEEN 1 AND 255),
  CONSTRAINT user_identities_email_length CHECK (char_length(email) <= 254)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);
`);

export const down = sql(`
DROP TABLE user_identities;
`);
