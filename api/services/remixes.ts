// Remix: a player starts a game of their own from one version of a public game. The new game
// gets version 1 with that version's content (scanned and approved already, so it needs no
// review) and records where it came from; the original counts its remixes.
import type { Database } from '../../db/index.ts';
import type { Game, GameVersion } from '../../db/models/index.ts';
import { appendVersion } from '../../db/versions.ts';
import { onRemixed } from '../../db/progression.ts';
import { AppError } from '../errors.ts';
import type { Caller } from '../policies.ts';
import { copyOfVersion, findVisibleVersion, isRollbackTarget, shownVersion, type GameAccess } from './games.ts';
import { assertOpen, loadSession, touchSession } from './sessions.ts';

const TITLE_MAX = 200;
const REMIX_SUFFIX = ' (remix)';

const remixTitle = (title: string) => `${title.slice(0, TITLE_MAX - REMIX_SUFFIX.length)}${REMIX_SUFFIX}`;

export interface RemixRequest {
  version?: number;
  sessionId?: string;
  requestId?: string;
}

/** Only what anyone may play is remixed: a listed game's playable version. */
async function remixSource(db: Database, access: GameAccess, wanted: number | undefined): Promise<GameVersion> {
  const { game } = access;
  if (!game.isPublic || game.status !== 'active') {
    throw new AppError(403, 'not_public', 'only public games can be remixed', { game_id: game.id });
  }
  const number = wanted ?? (await shownVersion(db, { ...access, privileged: false }));
  const source = number === null ? null : await findVisibleVersion(db, { ...access, privileged: false }, number);
  if (!source || !isRollbackTarget(source)) {
    throw new AppError(
      409, 'version_not_playable', 'that version cannot be remixed', { game_id: game.id, version: number },
    );
  }
  return source;
}

export async function remixGame(db: Database, caller: Caller, access: GameAccess, req: RemixRequest): Promise<Game> {
  const source = await remixSource(db, access, req.version);
  const session = req.sessionId ? await loadSession(db, caller, req.sessionId, 'own') : undefined;
  if (session) assertOpen(session);
  const original = access.game;
  const game = await db.sequelize.transaction(async (transaction) => {
    const created = await db.models.Game.create({
      ownerId: caller.id, sessionId: session?.id ?? null, title: remixTitle(original.title),
      description: original.description, gameType: original.gameType, difficulty: original.difficulty,
      engine: original.engine, templateId: original.templateId, templateVersionId: original.templateVersionId,
      tags: original.tags, currentVersion: null, remixedFrom: original.id, remixedFromVersion: source.version,
    }, { transaction });
    await appendVersion(db.models, transaction, created, null, copyOfVersion(source, {
      changeSummary: `Remixed from "${original.title}" version ${source.version}`,
      changes: [{ type: 'remix', from_game: original.id, from_version: source.version }],
    }));
    await db.models.AuditLog.create({
      actorId: caller.id, action: 'game.remix', targetType: 'game', targetId: created.id,
      details: { from_game: original.id, from_version: source.version }, ip: null, requestId: req.requestId ?? null,
    }, { transaction });
    await onRemixed(db, transaction, { ownerId: original.ownerId, gameId: original.id, remixerId: caller.id });
    return created;
  });
  if (session) await touchSession(session, game.id);
  return game.reload({ include: [{ model: db.models.User, as: 'owner', attributes: ['username'] }] });
}

export interface RemixLinks {
  /** The game this one was remixed from, when it still exists; its title only while it is listed. */
  from: { game_id: string; version: number | null; title: string | null } | null;
  remix_count: number;
}

export async function remixLinks(db: Database, game: Game): Promise<RemixLinks> {
  const [origin, count] = await Promise.all([
    game.remixedFrom
      ? db.models.Game.findByPk(game.remixedFrom, { attributes: ['id', 'title', 'isPublic', 'status'] })
      : null,
    db.models.Game.count({ where: { remixedFrom: game.id } }),
  ]);
  const listed = origin?.isPublic === true && origin.status === 'active';
  return {
    from: origin ? { game_id: origin.id, version: game.remixedFromVersion, title: listed ? origin.title : null } : null,
    remix_count: count,
  };
}
