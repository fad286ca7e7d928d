// Access tokens: HS256 pinned (no alg negotiation), with iss/aud/typ checked, so a refresh
// token or a token minted for another audience is never accepted as access.
import jwt from 'jsonwebtoken';
import type { Config } from '../../config.ts';

export type TokenConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'ACCESS_TOKEN_TTL_SECONDS'>;

export interface AccessClaims {
  sub: string;
  role: string;
  typ: 'access';
}

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
    if (typeof claims !== 'object' || claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.role !== 'string') {
      return undefined;
    }
    return { sub: claims.sub, role: claims.role, typ: 'access' };
  } catch {
    return undefined;
  }
}
