// Access and refresh tokens: HS256 pinned (no alg negotiation), with iss/aud/typ checked, so a
// refresh token or a token minted for another audience is never accepted as access.
// Refresh tokens are also signed with a key derived from JWT_SECRET (not the secret itself):
// even code that forgot the typ check could not take one for the other.
import jwt from 'jsonwebtoken';
import type { Config } from '../../config.ts';
import { derivedKey } from '../../lib/keys.ts';

export type TokenConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'ACCESS_TOKEN_TTL_SECONDS'>;
export type RefreshTokenConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>;

export interface AccessClaims {
  sub: string;
  role: string;
  typ: 'access';
}

export interface RefreshClaims {
  /** user id */
  sub: string;
  /** this token's row in refresh_tokens */
  jti: string;
  /** its family (one per login) in refresh_token_families */
  fam: string;
  typ: 'refresh';
  /** seconds since the epoch */
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function issueAccessToken(cfg: TokenConfig, user: { id: string; role: string }): string {
  return jwt.sign({ role: user.role, typ: 'access' }, cfg.JWT_SECRET, {
    algorithm: 'HS256',
    subject: user.id,
    issuer: cfg.JWT_ISSUER,
    audience: cfg.JWT_AUDIENCE,
    expiresIn: cfg.ACCESS_TOKEN_TTL_SECONDS,
  });
}

/** Returns the claims, or undefined for any invalid, expired or wrong-type token. */
export function verifyAccessToken(cfg: TokenConfig, token: string): AccessClaims | undefined {
  try {
    const claims = jwt.verify(token, cfg.JWT_SECRET, {
      algorithms: ['HS256'],
      issuer: cfg.JWT_ISSUER,
      audience: cfg.JWT_AUDIENCE,
    });
    if (
      typeof claims !== 'object' || claims.typ !== 'access' || typeof claims.sub !== 'string'
      || typeof claims.role !== 'string'
    ) {
      return undefined;
    }
    return { sub: claims.sub, role: claims.role, typ: 'access' };
  } catch {
    return undefined;
  }
}

const refreshKey = (secret: string): Buffer => derivedKey(secret, 'playforge/refresh-token/v1');

/** A signed refresh token for a row that the caller stores (same jti, family and expiry). */
export function issueRefreshToken(
  cfg: RefreshTokenConfig,
  t: { userId: string; jti: string; familyId: string; expiresAt: Date },
): string {
  return jwt.sign({
    typ: 'refresh', fam: t.familyId, exp: Math.floor(t.expiresAt.getTime() / 1000),
  }, refreshKey(cfg.JWT_SECRET), {
    algorithm: 'HS256',
    subject: t.userId,
    jwtid: t.jti,
    issuer: cfg.JWT_ISSUER,
    audience: cfg.JWT_AUDIENCE,
  });
}

/**
 * Checks signature, algorithm, issuer, audience, type and the shape of the ids; undefined
 * when any of them fails. Whether the token is still current is the database's answer.
 * Logout passes ignoreExpiration: revoking the family of an expired token is harmless.
 */
export function verifyRefreshToken(
  cfg: RefreshTokenConfig, token: string, opts: { ignoreExpiration?: boolean } = {},
): RefreshClaims | undefined {
  try {
    const c = jwt.verify(token, refreshKey(cfg.JWT_SECRET), {
      algorithms: ['HS256'],
      issuer: cfg.JWT_ISSUER,
      audience: cfg.JWT_AUDIENCE,
      ignoreExpiration: opts.ignoreExpiration ?? false,
    });
    if (typeof c !== 'object' || c.typ !== 'refresh' || typeof c.exp !== 'number') return undefined;
    const { sub, jti, fam } = c as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof jti !== 'string' || typeof fam !== 'string') return undefined;
    if (!UUID.test(sub) || !UUID.test(jti) || !UUID.test(fam)) return undefined;
    return { sub, jti, fam, typ: 'refresh', exp: c.exp };
  } catch {
    return undefined;
  }
}
