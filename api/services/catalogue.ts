// The public side of games: the catalogue (listed = public and active), the caller's own
// games, ratings (one per player and game; the database trigger keeps games.rating_avg and
// rating_count — never written here) and the play counter.
import { Op, QueryTypes, type Order, type WhereOptions } from 'sequelize';
import type { Database } from '../../db/index.ts';
import { onPlayCounted, onRatingStored } from '../../db/progression.ts';
import type { Game } from '../../db/models/index.ts';
import type { Redis } from '../../lib/redis.ts';
import { AppError, notFound } from '../errors.ts';
import type { Caller } from '../policies.ts';
import type { GameAccess } from './games.ts';

export interface Page {
  page: number;
  perPage: number;
}

export interface CatalogueFilters extends Page {
  gameType?: string;
  difficulty?: 'easy' | 'medium' | 'hard';
  tag?: string;
  q?: string;
  creator?: string;
  sort: 'newest' | 'popular' | 'rating';
}

// The id breaks ties, so a page boundary never repeats or skips a game.
const ORDERS: Record<CatalogueFilters['sort'], Order> = {
  newest: [['createdAt', 'DESC'], ['id', 'ASC']],
  popular: [['playCount', 'DESC'], ['createdAt', 'DESC'], ['id', 'ASC']],
  rating: [['ratingAvg', 'DESC'], ['ratingCount', 'DESC'], ['createdAt', 'DESC'], ['id', 'ASC']],
};

/** ILIKE treats % and _ as wildcards; a player searching "100%" means the character. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listPublicGames(db: Database, f: CatalogueFilters): Promise<{ rows: Game[]; count: number }> {
  const where: WhereOptions<Game>[] = [{ isPublic: true, status: 'active' }];
  if (f.gameType) where.push({ gameType: f.gameType });
  if (f.difficulty) where.push({ difficulty: f.difficulty });
  if (f.tag) where.push({ tags: { [Op.contains]: [f.tag] } });
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    where.push({ [Op.or]: [{ title: { [Op.iLike]: pattern } }, { description: { [Op.iLike]: pattern } }] });
  }
  return db.models.Game.findAndCountAll({
    where: { [Op.and]: where },
    include: [{
      model: db.models.User, as: 'owner', attributes: ['username'],
      ...(f.creator ? { where: { username: f.creator } } : {}), required: true,
    }],
    order: ORDERS[f.sort], limit: f.perPage, offset: (f.page - 1) * f.perPage, distinct: true,
  });
}

export async function listOwnGames(db: Database, caller: Caller, p: Page & { status?: Game['status'] }) {
  return db.models.Game.findAndCountAll({
    where: { ownerId: caller.id, ...(p.status ? { status: p.status } : {}) },
    include: [{ model: db.models.User, as: 'owner', attributes: ['username'] }],
    order: [['updatedAt', 'DESC'], ['id', 'ASC']], limit: p.perPage, offset: (p.page - 1) * p.perPage,
  });
}

// ---- Ratings ---------------------------------------------------------------------------
// Owners may not rate their own game (it would let anyone lift their own average), and only
// listed games are rated: a private game has no audience whose opinion the average reports.

function assertRatable(access: GameAccess, caller: Caller): void {
  const { game } = access;
  if (game.ownerId === caller.id) {
    throw new AppError(403, 'own_game', 'you cannot rate your own game', { game_id: game.id });
  }
  if (!game.isPublic || game.status !== 'active') {
    throw new AppError(403, 'not_public', 'only public games can be rated', { game_id: game.id });
  }
}

export interface RatingRow {
  id: string;
  rating: number;
  review: string | null;
  created_at: Date;
  updated_at: Date;
  inserted: boolean;
}

export async function rateGame(
  db: Database, caller: Caller, access: GameAccess, rating: number, review: string | null,
) {
  assertRatable(access, caller);
  // One statement, so two clicks at once cannot make two rows; xmax = 0 only on a fresh insert.
  const { game } = access;
  const row = await db.sequelize.transaction(async (transaction) => {
    const [stored] = await db.sequelize.query<RatingRow>(
      `INSERT INTO ratings (user_id, game_id, rating, review) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, game_id)
       DO UPDATE SET rating = EXCLUDED.rating, review = EXCLUDED.review, updated_at = now()
       RETURNING id, rating, review, created_at, updated_at, (xmax = 0) AS inserted`,
      { bind: [caller.id, game.id, rating, review], type: QueryTypes.SELECT, transaction },
    );
    const event = { gameId: game.id, ownerId: game.ownerId, raterId: caller.id, stars: rating };
    await onRatingStored(db, transaction, event);
    return stored;
  });
  await access.game.reload({ attributes: ['id', 'ratingAvg', 'ratingCount'] });
  return row!;
}

export async function unrateGame(db: Database, caller: Caller, access: GameAccess): Promise<void> {
  const removed = await db.models.Rating.destroy({ where: { userId: caller.id, gameId: access.game.id } });
  if (!removed) throw notFound('rating', { game_id: access.game.id });
  await access.game.reload({ attributes: ['id', 'ratingAvg', 'ratingCount'] });
}

// ---- Plays -----------------------------------------------------------------------------
// A play counts once per game per player (signed in) or per IP (anonymous) per window, so
// refreshing the page does not inflate the count. Only listed games count: a private
// preview by its owner is not a play anyone else could make.

export const PLAY_WINDOW_SECONDS = 600;

/** `who` keys the window (user:<id> or ip:<address>); playerId is the signed-in player, if any. */
export async function countPlay(
  db: Database, redis: Redis, access: GameAccess, who: string, playerId: string | null = null,
): Promise<boolean> {
  const { game } = access;
  if (!game.isPublic || game.status !== 'active') return false;
  const first = await redis.set(`play:${game.id}:${who}`, '1', 'EX', PLAY_WINDOW_SECONDS, 'NX');
  if (first !== 'OK') return false;
  // silent: a play is not an edit, so the game's updated_at (the "mine" order) stays put.
  await game.increment('playCount', { by: 1, silent: true });
  await game.reload({ attributes: ['id', 'playCount'] });
  await onPlayCounted(db, game, playerId);
  return true;
}
