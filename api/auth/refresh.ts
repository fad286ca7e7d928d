// Refresh-token families and rotation. A family is one sign-in (one device); every refresh
// token is a row. Using a token marks it used and issues its successor in the same family;
// presenting a token that was already used means two parties hold it (a stolen copy raced
// its owner), so the whole family is revoked and both must sign in again.
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Op } from 'sequelize';
import type { Transaction } from 'sequelize';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { User } from '../../db/models/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { AppError } from '../errors.ts';
import { issueRefreshToken, verifyRefreshToken } from './tokens.ts';

export interface RefreshDeps {
  cfg: Config;
  db: Database;
}

export interface ClientMeta {
  userAgent?: string;
  ip?: string;
}

export type RevokeReason = 'logout' | 'logout_all' | 'reuse_detected' | 'password_changed' | 'password_reset';

const DAY_MS = 86_400_000;

const invalid = (detail: string): AppError => new AppError(401, 'invalid_refresh_token', detail);

/** A new family with its first token; returns the signed token. */
export async function startFamily(
  deps: RefreshDeps, userId: string, meta: ClientMeta, transaction?: Transaction,
): Promise<string> {
  const expiresAt = new Date(Date.now() + deps.cfg.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
  const family = await deps.db.models.RefreshTokenFamily.create({
    userId, expiresAt, lastUsedAt: null, revokedAt: null, revokedReason: null,
    // req.ip comes from X-Forwarded-For behind a trusted proxy: store it only if it is an address.
    userAgent: meta.userAgent?.slice(0, 512) || null, ip: meta.ip && isIP(meta.ip) ? meta.ip : null,
  }, { transaction });
  const row = await deps.db.models.RefreshToken.create(
    { familyId: family.id, expiresAt, usedAt: null, replacedBy: null }, { transaction },
  );
  return issueRefreshToken(deps.cfg, { userId, jti: row.jti, familyId: family.id, expiresAt });
}

type Outcome = { kind: 'rotated'; token: string } | { kind: 'invalid' | 'revoked' | 'expired' | 'reused' };

/**
 * Exchanges a refresh token for its successor. The family row is locked (FOR UPDATE) and
 * the token is claimed with `UPDATE ... WHERE used_at IS NULL`, so of two concurrent
 * refreshes of one token exactly one wins; the other sees it used and counts as reuse.
 */
export async function rotateRefreshToken(
  deps: RefreshDeps, raw: string, log: Logger,
): Promise<{ user: User; token: string }> {
  const claims = verifyRefreshToken(deps.cfg, raw);
  if (!claims) throw invalid('The refresh token is invalid or expired');
  const { User: Users, RefreshTokenFamily: Families, RefreshToken: Tokens } = deps.db.models;
  // A deleted account's families went with it (ON DELETE CASCADE); this answers the same.
  const user = await Users.findByPk(claims.sub);
  if (!user) throw invalid('The refresh token is invalid or expired');
  // Suspension ends sessions at once; the family is kept so lifting it restores them.
  if (user.status !== 'active') throw new AppError(403, 'account_suspended', 'This account is suspended');

  const outcome = await deps.db.sequelize.transaction(async (transaction): Promise<Outcome> => {
    const now = new Date();
    const family = await Families.findByPk(claims.fam, { transaction, lock: transaction.LOCK.UPDATE });
    if (!family || family.userId !== user.id) return { kind: 'invalid' };
    if (family.revokedAt) return { kind: 'revoked' };
    if (family.expiresAt <= now) return { kind: 'expired' };
    const jti = randomUUID();
    const [claimed] = await Tokens.update({ usedAt: now, replacedBy: jti }, {
      where: { jti: claims.jti, familyId: family.id, usedAt: null, expiresAt: { [Op.gt]: now } }, transaction,
    });
    if (claimed !== 1) {
      const row = await Tokens.findOne({ where: { jti: claims.jti, familyId: family.id }, transaction });
      if (!row) return { kind: 'invalid' };
      if (!row.usedAt) return { kind: 'expired' };
      // Committed with the transaction, then the caller answers 401.
      await family.update({ revokedAt: now, revokedReason: 'reuse_detected' satisfies RevokeReason }, { transaction });
      return { kind: 'reused' };
    }
    // Sliding expiry: an active device stays signed in; an idle one lapses after the TTL.
    const expiresAt = new Date(now.getTime() + deps.cfg.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
    // replaced_by's foreign key is deferred: the successor may be inserted after the claim.
    await Tokens.create({ jti, familyId: family.id, expiresAt, usedAt: null, replacedBy: null }, { transaction });
    await family.update({ lastUsedAt: now, expiresAt }, { transaction });
    return {
      kind: 'rotated', token: issueRefreshToken(deps.cfg, { userId: user.id, jti, familyId: family.id, expiresAt }),
    };
  });

  switch (outcome.kind) {
    case 'rotated':
      return { user, token: outcome.token };
    case 'reused':
      log.warn({ user_id: user.id, family_id: claims.fam }, 'refresh token reuse: family revoked');
      throw new AppError(
        401, 'refresh_token_reused', 'This refresh token was already used; the session has been ended, sign in again',
      );
    case 'revoked':
      throw invalid('The session has ended; sign in again');
    case 'expired':
      throw invalid('The refresh token is invalid or expired');
    default:
      throw invalid('The refresh token is invalid or expired');
  }
}

/**
 * Revokes the family of `raw` when it belongs to `userId`. Already revoked is fine (logout
 * is idempotent); a token that does not verify is 400, someone else's or unknown is 404.
 */
export async function revokeFamilyOf(
  deps: RefreshDeps, raw: string, userId: string, reason: RevokeReason,
): Promise<void> {
  const claims = verifyRefreshToken(deps.cfg, raw, { ignoreExpiration: true });
  if (!claims) {
    throw new AppError(
      400, 'invalid_refresh_token', 'refresh_token: not a valid refresh token', { field: 'refresh_token' },
    );
  }
  const { RefreshTokenFamily: Families } = deps.db.models;
  const family = await Families.findByPk(claims.fam, { attributes: ['id', 'userId'] });
  // Another user's session is "not found": its existence is not disclosed.
  if (!family || family.userId !== userId || claims.sub !== userId) {
    throw new AppError(404, 'not_found', 'session not found');
  }
  await Families.update(
    { revokedAt: new Date(), revokedReason: reason }, { where: { id: family.id, revokedAt: null } },
  );
}

/** Ends every open family of the user; returns how many. */
export async function revokeAllFamilies(
  db: Database, userId: string, reason: RevokeReason, transaction?: Transaction,
): Promise<number> {
  const [n] = await db.models.RefreshTokenFamily.update({ revokedAt: new Date(), revokedReason: reason }, {
    where: { userId, revokedAt: null }, transaction,
  });
  return n;
}
