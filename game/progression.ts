// Creator progression in numbers: what each event is worth, which totals earn which
// achievement, and the level curve. Every amount and threshold lives here, so balancing the
// game is a change to this file alone (the database only checks kinds and ids).
import type { AchievementId, XpKind } from './vocabulary.ts';

/** XP per event; a rating is worth more the more stars it gives (RATING_XP_PER_STAR each). */
export const XP = {
  game_created: 50,
  first_play_by_other: 20,
  remix_received: 30,
} as const satisfies Partial<Record<XpKind, number>>;
export const RATING_XP_PER_STAR = 2;

export const ratingXp = (stars: number): number => RATING_XP_PER_STAR * stars;

/** Games created for `ten_games`; plays of all of a creator's games together for `hundred_plays`. */
export const TEN_GAMES = 10;
export const HUNDRED_PLAYS = 100;

export const ACHIEVEMENT_INFO: Record<AchievementId, { title: string; description: string }> = {
  first_game: { title: 'First game', description: 'Created your first game' },
  ten_games: { title: 'Ten games', description: `Created ${TEN_GAMES} games` },
  first_five_star: { title: 'Five stars', description: 'Received your first five-star rating' },
  hundred_plays: { title: 'Crowd pleaser', description: `Your games were played ${HUNDRED_PLAYS} times` },
  first_remix: { title: 'Remixed', description: 'Someone remixed one of your games' },
};

/**
 * The level curve: reaching level n takes LEVEL_STEP·n·(n−1)/2 XP in total, so each level
 * costs LEVEL_STEP more than the one before (level 1 at 0, 2 at 100, 3 at 300, 4 at 600…).
 */
export const LEVEL_STEP = 100;

export const xpForLevel = (level: number): number => (LEVEL_STEP * level * (level - 1)) / 2;

export function levelFor(xp: number): number {
  if (!(xp > 0)) return 1;
  // The inverse of the curve, then corrected by a step either way for floating-point error.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (8 * xp) / LEVEL_STEP)) / 2));
  while (xpForLevel(level + 1) <= xp) level += 1;
  while (level > 1 && xpForLevel(level) > xp) level -= 1;
  return level;
}

export interface LevelProgress {
  xp: number;
  level: number;
  /** Total XP at which the current level began and the next one begins. */
  level_xp: number;
  next_level_xp: number;
}

export function levelProgress(xp: number): LevelProgress {
  const level = levelFor(xp);
  return { xp, level, level_xp: xpForLevel(level), next_level_xp: xpForLevel(level + 1) };
}
