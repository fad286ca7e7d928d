// Console user management: role changes, suspension (ends every refresh family at once;
// access tokens of a suspended user are already refused on every request, and open sockets
// are dropped through Redis: accessEvents.ts) and reactivation.
// Every change writes an audit row.
import { fn, col } from 'sequelize';
import type { Database } from '../../db/index.ts';
import type { Redis } from '../../lib/redis.ts';
import { USER_ROLES, isUserRole } from '../../game/vocabulary.ts';
import { announceAccessChange } from './accessEvents.ts';

export type UserAdminOutcome = { ok: true; message: string } | { ok: false; message: string };

type Deps = { db: Database; redis: Redis };

export async function changeRole(
  { db, redis }: Deps, userId: string, role: unknown, actorId: string,
): Promise<UserAdminOutcome> {
  if (!isUserRole(role)) return { ok: false, message: `role must be one of ${USER_ROLES.join(', ')}` };
  if (userId === actorId && role !== 'admin') return { ok: false, message: 'An admin cannot demote themself' };
  const outcome = await db.sequelize.transaction(async (transaction) => {
    const user = await db.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!user) return { ok: false, message: 'User not found' };
    const from = user.role;
    if (from === role) return { ok: true, message: `Role is already ${role}` };
    await user.update({ role }, { transaction });
    await db.models.AuditLog.create({
      actorId, action: 'user.change_role', targetType: 'user', targetId: userId,
      details: { from, to: role }, ip: null, requestId: null,
    }, { transaction });
    return { ok: true, message: `Role changed from ${from} to ${role}` };
  });
  // After the commit: a node that hears it and re-reads the user sees the new role.
  if (outcome.ok) await announceAccessChange(redis, userId);
  return outcome;
}

export async function setSuspended(
  { db, redis }: Deps, userId: string, suspended: boolean, actorId: string,
): Promise<UserAdminOutcome> {
  if (userId === actorId) return { ok: false, message: 'An admin cannot suspend or reactivate themself' };
  const outcome = await db.sequelize.transaction(async (transaction) => {
    const user = await db.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!user) return { ok: false, message: 'User not found' };
    const from = user.status;
    const to = suspended ? 'suspended' : 'active';
    if (from === to) return { ok: true, message: `User is already ${to}` };
    await user.update({ status: to }, { transaction });
    let revoked = 0;
    if (suspended) {
      [revoked] = await db.models.RefreshTokenFamily.update(
        { revokedAt: new Date(), revokedReason: 'account_suspended' },
        { where: { userId, revokedAt: null }, transaction },
      );
    }
    await db.models.AuditLog.create({
      actorId, action: suspended ? 'user.suspend' : 'user.reactivate', targetType: 'user', targetId: userId,
      details: { from, to, ...(suspended ? { revoked_families: revoked } : {}) }, ip: null, requestId: null,
    }, { transaction });
    return { ok: true, message: suspended ? `User suspended; ${revoked} session(s) ended` : 'User reactivated' };
  });
  if (outcome.ok && suspended) await announceAccessChange(redis, userId);
  return outcome;
}

export interface UserUsage { requests: number; failures: number; tokensIn: number; tokensOut: number; costUsd: number }

/** Totals from provider_usage for one user. */
export async function userUsage(db: Database, userId: string): Promise<UserUsage> {
  const row = (await db.models.ProviderUsage.findOne({
    where: { userId },
    attributes: [
      [fn('COALESCE', fn('SUM', col('requests')), 0), 'requests'],
      [fn('COALESCE', fn('SUM', col('failures')), 0), 'failures'],
      [fn('COALESCE', fn('SUM', col('tokens_in')), 0), 'tokensIn'],
      [fn('COALESCE', fn('SUM', col('tokens_out')), 0), 'tokensOut'],
      [fn('COALESCE', fn('SUM', col('cost_usd')), 0), 'costUsd'],
    ],
    raw: true,
  })) as unknown as Record<keyof UserUsage, string | number> | null;
  const n = (k: keyof UserUsage) => Number(row?.[k] ?? 0);
  return {
    requests: n('requests'), failures: n('failures'), tokensIn: n('tokensIn'), tokensOut: n('tokensOut'),
    costUsd: n('costUsd'),
  };
}
