// Awarding creator progression where its events happen (a game's first version stored, a play
// counted, a rating stored, a remix made). Each award is an INSERT … ON CONFLICT DO NOTHING on
// a key that names the event, inside the caller's transaction when it has one: a repeated
// event, a retried activity or two requests racing award exactly once. Nothing here knows of
// Temporal or HTTP; the amounts and thresholds are in game/progression.ts.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from './index.ts';
import { HUNDRED_PLAYS, ratingXp, TEN_GAMES, XP } from '../game/progression.ts';
import type { AchievementId, XpKind } from '../game/vocabulary.ts';

export interface XpAward {
  userId: string;
  kind: XpKind;
  amount: number;
  /** Names the event, e.g. game_created:<game id>: the same key never awards twice. */
  eventKey: string;
}

/**
 * Adds the ledger row and the user's cached total in one statement; true when this call
 * awarded it. The UPDATE locks the user's row, so a racing award of another event for the same
 * user waits for this transaction, and its next statement sees this row (see onGameCreated).
 */
export async function awardXp(db: Database, award: XpAward, transaction?: Transaction): Promise<boolean> {
  const rows = await db.sequelize.query<{ id: string }>(
    `WITH added AS (
       INSERT INTO xp_events (user_id, kind, amount, event_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_key) DO NOTHING RETURNING user_id, amount)
     UPDATE users SET xp = users.xp + added.amount FROM added WHERE users.id = added.user_id RETURNING users.id`,
    { bind: [award.userId, award.kind, award.amount, award.eventKey], type: QueryTypes.SELECT, transaction },
  );
  return rows.length > 0;
}

/** Awards the achievements not yet held (a revoked one stays revoked). */
export async function awardAchievements(
  db: Database, userId: string, achievements: AchievementId[], transaction?: Transaction,
): Promise<void> {
  await db.sequelize.query(
    `INSERT INTO user_achievements (user_id, achievement) SELECT $1, unnest($2::text[])
     ON CONFLICT (user_id, achievement) DO NOTHING`,
    { bind: [userId, achievements], transaction },
  );
}

/** A game's first version is stored: XP, and the first-game and ten-games achievements. */
export async function onGameCreated(
  db: Database, transaction: Transaction, game: { id: string; ownerId: string },
): Promise<void> {
  const fresh = await awardXp(db, {
    userId: game.ownerId, kind: 'game_created', amount: XP.game_created, eventKey: `game_created:${game.id}`,
  }, transaction);
  if (!fresh) return;
  // A separate statement after awardXp's row lock: it sees every game of this user committed
  // before, so two games finished at once cannot both count nine. The count stops at the
  // highest threshold: a prolific creator's every new game does not scan all their history.
  await db.sequelize.query(
    `INSERT INTO user_achievements (user_id, achievement)
     SELECT $1, wanted.achievement FROM (VALUES ('first_game', 1), ('ten_games', $2::int)) AS wanted (achievement, n)
      WHERE (SELECT count(*) FROM (SELECT 1 FROM xp_events WHERE user_id = $1 AND kind = 'game_created' LIMIT $2)
             AS made) >= wanted.n
     ON CONFLICT (user_id, achievement) DO NOTHING`,
    { bind: [game.ownerId, TEN_GAMES], transaction },
  );
}

/**
 * A play was counted: the owner's XP for the first play by someone signed in other than them
 * (anonymous plays cannot tell the owner from anyone else), and the hundred-plays achievement
 * once the owner's games together reach it (play_count was incremented and committed before).
 */
export async function onPlayCounted(
  db: Database, game: { id: string; ownerId: string }, playerId: string | null,
): Promise<void> {
  if (playerId && playerId !== game.ownerId) {
    await awardXp(db, {
      userId: game.ownerId, kind: 'first_play_by_other', amount: XP.first_play_by_other,
      eventKey: `first_play_by_other:${game.id}`,
    });
  }
  // Once held (or revoked), the owner's games are not summed again on every play.
  await db.sequelize.query(
    `INSERT INTO user_achievements (user_id, achievement)
     SELECT $1, 'hundred_plays'
      WHERE NOT EXISTS (SELECT 1 FROM user_achievements WHERE user_id = $1 AND achievement = 'hundred_plays')
        AND (SELECT sum(play_count) FROM games WHERE owner_id = $1) >= $2
     ON CONFLICT (user_id, achievement) DO NOTHING`,
    { bind: [game.ownerId, HUNDRED_PLAYS] },
  );
}

/**
 * A rating was stored (new or changed). XP once per rater and game, by the stars first given:
 * removing and re-adding a rating earns nothing more. Any five-star rating earns the achievement.
 */
export async function onRatingStored(
  db: Database, transaction: Transaction, r: { gameId: string; ownerId: string; raterId: string; stars: number },
): Promise<void> {
  if (r.raterId === r.ownerId) return;
  await awardXp(db, {
    userId: r.ownerId, kind: 'rating_received', amount: ratingXp(r.stars), eventKey: `rating:${r.gameId}:${r.raterId}`,
  }, transaction);
  if (r.stars === 5) await awardAchievements(db, r.ownerId, ['first_five_star'], transaction);
}

/** Someone remixed a game: XP and the first-remix achievement to its owner (not for remixing your own).
 *  Once per player and game: remixing the same game again earns its owner nothing more. */
export async function onRemixed(
  db: Database, transaction: Transaction, r: { ownerId: string; gameId: string; remixerId: string },
): Promise<void> {
  if (r.remixerId === r.ownerId) return;
  await awardXp(db, {
    userId: r.ownerId, kind: 'remix_received', amount: XP.remix_received, eventKey: `remix:${r.gameId}:${r.remixerId}`,
  }, transaction);
  await awardAchievements(db, r.ownerId, ['first_remix'], transaction);
}
