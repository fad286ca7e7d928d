// Who may play which version, and from which origin games are served. One function decides
// playability for the wrapper, the game document and the token route, so they cannot drift.
import type { Request } from 'express';
import { z } from 'zod';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/index.ts';
import type { Game, GameVersion } from '../../../db/models/index.ts';
import { readPlayToken } from '../../services/playTokens.ts';

export const playParams = z.object({
  game_id: z.uuid(),
  // Digits only: "1e3" or " 2" must not name version 1000 or 2 through coercion.
  version: z.string().regex(/^[1-9]\d{0,8}$/, 'a version number').transform(Number),
});
export const playQuery = z.object({
  t: z.string().max(200).optional().describe('a play token (private or pending versions)'),
});

export interface Playable {
  game: Game;
  version: GameVersion;
}

/** Rejected or blocked content is never served, whoever asks and whatever token they hold. */
function servable(game: Game, version: GameVersion): boolean {
  return game.status !== 'deleted' && game.status !== 'rejected' && version.reviewStatus !== 'rejected'
    && version.verdict !== 'block';
}

/** Anyone may play a public, active game's reviewed (or review-free) versions. */
function isPublic(game: Game, version: GameVersion): boolean {
  return game.isPublic && game.status === 'active'
    && (version.reviewStatus === 'approved' || version.reviewStatus === 'not_required');
}

export async function loadServable(
  db: Database, gameId: string, versionNo: number, withContent: boolean,
): Promise<Playable | undefined> {
  const game = await db.models.Game.findByPk(gameId, { attributes: ['id', 'ownerId', 'title', 'status', 'isPublic'] });
  if (!game) return undefined;
  const version = await db.models.GameVersion.findOne({
    where: { gameId, version: versionNo },
    attributes: ['id', 'gameId', 'version', 'reviewStatus', 'verdict', ...(withContent ? ['content'] : [])],
  });
  return version && servable(game, version) ? { game, version } : undefined;
}

/** Spends a single-use link's nonce; true the first time only. */
export type SpendNonce = (nonce: string, exp: number) => Promise<boolean>;

/** The version if this request may play it (public, or a valid token for exactly it); else
 *  undefined. A single-use token is spent only where `spend` is given (the game document), so
 *  the wrapper page and its frame together make one use. */
export async function loadPlayable(
  cfg: Config, db: Database, gameId: string, versionNo: number, token: string | undefined, withContent: boolean,
  spend?: SpendNonce,
): Promise<Playable | undefined> {
  const found = await loadServable(db, gameId, versionNo, withContent);
  if (!found) return undefined;
  if (isPublic(found.game, found.version)) return found;
  const claims = readPlayToken(cfg, gameId, versionNo, token);
  if (!claims) return undefined;
  if (claims.nonce && spend && !(await spend(claims.nonce, claims.exp))) return undefined;
  return found;
}

/** Whether a version waits for a moderator: its owner may look at it, not hand it around. */
export function awaitsReview(version: GameVersion): boolean {
  return version.reviewStatus === 'pending';
}

export interface Origins {
  /** Where games render, when it differs from the site (PLAY_ORIGIN). */
  play?: { origin: string; host: string };
  /** The site's own origin (PUBLIC_URL): where the wrapper page lives when games are isolated. */
  site: { origin: string; host: string };
}

/** Read per request (not cached at start): the config object is the single source of truth. */
export function originsOf(cfg: Pick<Config, 'PLAY_ORIGIN' | 'publicUrl'>): Origins {
  const site = new URL(cfg.publicUrl);
  const play = cfg.PLAY_ORIGIN ? new URL(cfg.PLAY_ORIGIN) : undefined;
  return {
    site: { origin: site.origin, host: site.host },
    ...(play && play.origin !== site.origin ? { play: { origin: play.origin, host: play.host } } : {}),
  };
}

const HOST = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The origin this request was made to, or undefined for a Host header we would not echo
 *  into a CSP (it is validated again there; this keeps odd values out entirely). */
export function requestOrigin(req: Request): string | undefined {
  const host = req.get('host') ?? '';
  return HOST.test(host) ? `${req.protocol}://${host}` : undefined;
}

/** Only the host is compared: behind a TLS proxy the scheme we see may differ, and a
 *  scheme-only mismatch must not turn into a redirect loop. */
export function sameHost(req: Request, host: string): boolean {
  return (req.get('host') ?? '').toLowerCase() === host.toLowerCase();
}
