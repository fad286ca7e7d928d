// Play tokens: a short-lived capability to play ONE version of ONE game, for versions that
// are not public (a private game, or a version waiting for review). It is an HMAC, not a
// JWT: it lives in a URL (the iframe's src), must be short, and grants nothing else — not
// another version, not the API. The key is derived from JWT_SECRET with a fixed label, so a
// play token can never be replayed as (or forged from) any other token the API signs.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';
import { derivedKey } from '../../lib/keys.ts';

/** How long a play link works. Long enough to open and reload the game, short enough that a
 *  copied link dies quickly. */
export const PLAY_TOKEN_TTL_SECONDS = 15 * 60;
/** A version awaiting review is not for sharing: its owner's links open it once, briefly. */
export const SINGLE_USE_TTL_SECONDS = 5 * 60;

const keyOf = (cfg: Pick<Config, 'JWT_SECRET'>): Buffer => derivedKey(cfg.JWT_SECRET, 'playforge/play-token/v1');

function mac(cfg: Pick<Config, 'JWT_SECRET'>, gameId: string, version: number, exp: number, nonce = ''): Buffer {
  // Every field is fixed-format (uuid, integers, base64url): the ':'-joined message is unambiguous.
  const message = `${gameId.toLowerCase()}:${version}:${exp}${nonce ? `:${nonce}` : ''}`;
  return createHmac('sha256', keyOf(cfg)).update(message).digest();
}

/** `<exp>.<base64url mac>`, or `<exp>.<nonce>.<mac>` for a single-use link; exp in unix seconds. */
export function signPlayToken(
  cfg: Pick<Config, 'JWT_SECRET'>,
  gameId: string,
  version: number,
  now = Date.now(),
  ttlSeconds = PLAY_TOKEN_TTL_SECONDS,
  singleUse = false,
): { token: string; expiresAt: Date } {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  const nonce = singleUse ? randomBytes(16).toString('base64url') : '';
  const sig = mac(cfg, gameId, version, exp, nonce).toString('base64url');
  return { token: nonce ? `${exp}.${nonce}.${sig}` : `${exp}.${sig}`, expiresAt: new Date(exp * 1000) };
}

const TOKEN = /^(\d{1,12})\.(?:([A-Za-z0-9_-]{22})\.)?([A-Za-z0-9_-]{43})$/;

/** What a valid token says: for a single-use link, the nonce to spend (once) and its expiry. */
export interface PlayTokenClaims { nonce?: string; exp: number }

/** The claims of an unexpired token minted for exactly this game and version, else undefined. */
export function readPlayToken(
  cfg: Pick<Config, 'JWT_SECRET'>, gameId: string, version: number, token: unknown, now = Date.now(),
): PlayTokenClaims | undefined {
  if (typeof token !== 'string') return undefined;
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const exp = Number(m[1]);
  const nowSeconds = Math.floor(now / 1000);
  // An exp further out than we ever issue cannot be ours (the key may have been shared once).
  if (exp <= nowSeconds || exp > nowSeconds + PLAY_TOKEN_TTL_SECONDS + 60) return undefined;
  const given = Buffer.from(m[3]!, 'base64url');
  const expected = mac(cfg, gameId, version, exp, m[2] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return m[2] ? { nonce: m[2], exp } : { exp };
}

/** True only for an unexpired token minted for exactly this game and version. */
export function verifyPlayToken(
  cfg: Pick<Config, 'JWT_SECRET'>, gameId: string, version: number, token: unknown, now = Date.now(),
): boolean {
  return readPlayToken(cfg, gameId, version, token, now) !== undefined;
}
