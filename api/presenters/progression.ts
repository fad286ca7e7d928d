// Response shapes of creator progression: levels from XP by the curve in game/progression.ts,
// achievements with their titles.
import { ACHIEVEMENT_INFO, levelFor } from '../../game/progression.ts';
import type { LeaderboardPeriod } from '../../game/vocabulary.ts';
import type { LeaderboardRow, Progression } from '../services/progression.ts';

export function presentProgression(p: Progression) {
  return {
    xp: p.xp,
    level: p.level,
    level_xp: p.level_xp,
    next_level_xp: p.next_level_xp,
    achievements: p.achievements.map((a) => ({
      id: a.achievement,
      ...ACHIEVEMENT_INFO[a.achievement],
      awarded_at: a.awardedAt.toISOString(),
    })),
  };
}

/** `xp` is the period's; the level always comes from the total. */
export function presentLeaderboard(period: LeaderboardPeriod, rows: LeaderboardRow[]) {
  return {
    period,
    entries: rows.map((r) => ({
      rank: r.rank, user_id: r.user_id, username: r.username, display_name: r.display_name,
      level: levelFor(r.total_xp), xp: r.xp,
    })),
  };
}
