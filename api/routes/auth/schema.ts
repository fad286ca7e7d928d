// Request bodies of /api/auth. Password and username rules are the seed's (UserCreate):
// at least 8 characters with an upper-case letter, a lower-case letter and a digit (any
// script, as Python's isupper/islower/isdigit); usernames of letters, digits and underscore,
// stored lower-case.
import { z } from 'zod';

export const PASSWORD_MAX = 128;

export const newPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`)
  .regex(/\p{Lu}/u, 'must contain an upper-case letter')
  .regex(/\p{Ll}/u, 'must contain a lower-case letter')
  .regex(/\p{Nd}/u, 'must contain a digit');

export const username = z
  .string()
  .min(3, 'must be at least 3 characters')
  .max(50, 'must be at most 50 characters')
  .regex(/^[A-Za-z0-9_]+$/, 'may contain only letters, digits and underscores')
  .transform((v) => v.toLowerCase());

export const email = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid e-mail address'))
  .transform((v) => v.toLowerCase());

// No control characters: display names end up in logs, the admin and other people's screens.
export const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const registerBody = z
  .object({
    username,
    email,
    password: newPassword,
    display_name: displayName.optional(),
  })
  .strict();

// A password that is being checked, not chosen: only bounded, so old accounts still sign in.
const givenPassword = z.string().min(1, 'is required').max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);
const loginName = z.string().trim().min(1, 'must not be empty').max(254, 'must be at most 254 characters');

/** `login` is a username or an e-mail; `email` / `username` are accepted as the seed's clients send them. */
export const loginBody = z
  .object({
    login: loginName.optional(),
    email: loginName.optional(),
    username: loginName.optional(),
    password: givenPassword,
  })
  .strict()
  .refine((b) => b.login ?? b.email ?? b.username, { message: 'give login, email or username', path: ['login'] })
  .transform((b) => ({ login: (b.login ?? b.email ?? b.username)!, password: b.password }));

const refreshToken = z.string().min(10, 'must be a refresh token').max(4096, 'is too long');

/** Without a token, the web app's HttpOnly cookie is read (api/auth/webSession.ts). */
export const refreshBody = z.object({ refresh_token: refreshToken.optional() }).strict();

/** The refresh_token to end (or, from the web app, none: its cookie), or all: true for every session. */
export const logoutBody = z
  .object({
    refresh_token: refreshToken.optional(),
    all: z.boolean().optional(),
  })
  .strict();

/** A link's token: the base64url HMAC-SHA256 that account mails carry. */
const emailToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the token from the e-mail link');

export const passwordResetBody = z.object({ email }).strict();

export const passwordResetConfirmBody = z.object({ token: emailToken, password: newPassword }).strict();

export const verifyEmailBody = z.object({ token: emailToken }).strict();
