// Reading creator progression (a player's XP, level and achievements; the leaderboards) and
// the console's revocation of an achievement. Awarding happens where the events do:
// db/progression.ts.
import { QueryTypes } from 'sequelize';
import type { Database } from '../../db/index.ts';
import type { UserAchievement } from '../../db/models/index.ts';
import { levelProgress, type LevelProgress } from '../../game/progression.ts';
import type { LeaderboardPeriod } from '../../game/vocabulary.ts';
import { notFound } from '../errors.ts';

export const WEEK_DAYS = 7;

export interface Progression extends LevelProgress {
  achievements: UserAchievement[];
}

/** A user's XP, level and the achievements they hold (revoked ones are not shown). */
export async function progressionOf(db: Database, userId: string): Promise<Progression> {
  const [user, achievements] = await Promise.all([
    db.models.User.findByPk(userId, { attributes: ['id', 'xp'] }),
    db.models.UserAchievement.findAll({ where: { userId, revokedAt: null }, order: [['awardedAt', 'ASC']] }),
  ]);
  if (!user) throw notFound('user');
  return { ...levelProgress(user.xp), achievements };
}

export interface LeaderboardRow {
  rank: number;
  user_id: string;
  username: string;
  display_name: string | null;
  /** XP of the period (the last 7 days, or all time). */
  xp: number;
  /** Total XP, for the level. */
  total_xp: number;
}

/**
 * Active accounts with XP in the period, most first. Equal XP share a rank (1, 1, 3) and are
 * listed by username, so the order is stable from one request to the next.
 */
export async function leaderboard(db: Database, period: LeaderboardPeriod, limit: number): Promise<LeaderboardRow[]> {
  const scored = period === 'all'
    ? `SELECT id AS user_id, xp AS period_xp FROM users WHERE xp > 0`
    : `SELECT user_id, sum(amount) AS period_xp FROM xp_events
        WHERE created_at > now() - make_interval(days => ${WEEK_DAYS}) GROUP BY user_id`;
  const rows = await db.sequelize.query<Record<keyof LeaderboardRow, string | number | null>>(
    `SELECT rank() OVER (ORDER BY s.period_xp DESC) AS rank, u.id AS user_id, u.username,
            u.display_name, s.period_xp AS xp, u.xp AS total_xp
       FROM (${scored}) s JOIN users u ON u.id = s.user_id
      WHERE u.status = 'active'
      ORDER BY s.period_xp DESC, u.username ASC
      LIMIT $1`,
    { bind: [limit], type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    rank: Number(r.rank), user_id: String(r.user_id), username: String(r.username),
    display_name: r.display_name === null ? null : String(r.display_name),
    xp: Number(r.xp), total_xp: Number(r.total_xp),
  }));
}

export type RevokeOutcome = { ok: boolean; message: string };

/** Revokes a held achievement with an audit row; it stays revoked (never awarded again). */
export async function revokeAchievement(db: Database, achievementId: string, actorId: string): Promise<RevokeOutcome> {
  return db.sequelize.transaction(async (transaction) => {
    const row = await db.models.UserAchievement.findByPk(achievementId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!row) return { ok: false, message: 'Achievement not found' };
    if (row.revokedAt) return { ok: true, message: 'Achievement is already revoked' };
    await row.update({ revokedAt: new Date(), revokedBy: actorId }, { transaction });
    await db.models.AuditLog.create({
      actorId, action: 'achievement.revoke', targetType: 'user', targetId: row.userId,
      details: { achievement: row.achievement, user_achievement_id: row.id }, ip: null, requestId: null,
    }, { transaction });
    return { ok: true, message: `Achievement ${row.achievement} revoked` };
  });
}
