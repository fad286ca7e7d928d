// Response shapes for games, as the seed's API documents them. Built field by field from
// the rows: nothing internal (hashes, ids of other users, reports' raw internals) leaks.
import type { Game, GameVersion, Job } from '../../db/models/index.ts';
import type { GameAccess } from '../services/games.ts';
import type { RemixLinks } from '../services/remixes.ts';

interface Finding {
  rule: string;
  severity: string;
  message: string;
}

function findingsOf(report: unknown): Finding[] {
  const f = (report as { findings?: Finding[] } | null)?.findings;
  return Array.isArray(f) ? f : [];
}

export function presentGeneratedGame(game: Game, version: GameVersion, job: Job) {
  const scan = version.scanReport as { browser_compatibility?: string[] } | null;
  const warnings = [...findingsOf(version.validationReport), ...findingsOf(version.scanReport)]
    .filter((f) => f.severity !== 'block')
    .map((f) => `${f.rule}: ${f.message}`);
  const seconds = job.startedAt && job.finishedAt ? (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000 : null;
  const usesEngine = version.content.includes('/play/vendor/phaser.min.js');
  return {
    job_id: job.id,
    status: job.state,
    game_id: game.id,
    session_id: game.sessionId,
    version: version.version,
    game_code: version.content,
    metadata: {
      game_type: game.gameType,
      engine: usesEngine ? 'phaser3' : 'canvas2d',
      features: [] as string[],
      template_used: game.templateId,
      provider: version.provider,
      model: version.model,
      generation_time: seconds,
      code_size: version.sizeBytes,
      performance_score: version.codeQuality,
    },
    conversation_context: {
      initial_prompt: game.description,
      ai_interpretation: version.changeSummary,
      applied_modifications: [] as unknown[],
      context_window: [] as unknown[],
    },
    validation_results: {
      security_score: version.securityScore,
      code_quality: version.codeQuality,
      browser_compatibility: scan?.browser_compatibility ?? [],
      warnings,
    },
    assets: {
      sprites: [] as string[], sounds: [] as string[],
      external_libraries: usesEngine ? ['/play/vendor/phaser.min.js'] : [],
    },
  };
}

export function presentJobAccepted(job: Job) {
  return { job_id: job.id, game_id: job.gameId, status: job.state, status_url: `/api/jobs/${job.id}` };
}

// ---- Reading games (seed §9), the catalogue (seed 000 GameListResponse), regeneration (§10)

type WithOwner = Game & { owner?: { username: string } | null };
type VersionSummary = Pick<
  GameVersion,
  'version' | 'createdAt' | 'changeSummary' | 'changes' | 'sizeBytes' | 'reviewStatus' | 'verdict' | 'provider'
>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The engine a game runs on, read from its code (the vendored Phaser build, or plain canvas). */
export function engineOf(content: string): string {
  if (content.includes('/play/vendor/phaser')) return 'phaser3';
  if (/\bthree(?:\.module)?(?:\.min)?\.js\b/.test(content)) return 'three.js';
  return 'canvas2d';
}

/**
 * Short labels for a version's recorded changes, in the seed's style: the offline engine's
 * {name: "player_color", type: "color_change"} becomes "player_color_change", a jump_strength
 * physics_adjustment "jump_physics_adjustment"; LLM edits and rollbacks get their own label.
 */
export function changeLabels(changes: unknown): string[] {
  if (!Array.isArray(changes)) return [];
  const labels = changes.flatMap((c: unknown): string[] => {
    const o = (c ?? {}) as Record<string, unknown>;
    if (o.type === 'rollback') return [`rollback_to_version_${String(o.to)}`];
    if (o.type === 'remix') return ['remix'];
    if (o.type === 'search_replace') return ['code_edit'];
    if (typeof o.name === 'string' && typeof o.type === 'string') return [`${o.name.split('_')[0]}_${o.type}`];
    return typeof o.type === 'string' ? [o.type] : [];
  });
  return [...new Set(labels)];
}

const versionThumbnailUrl = (gameId: string, version: number) => `/api/games/${gameId}/versions/${version}/thumbnail`;

const CHANGE_DETAILS_MAX = 30;
const shortText = (x: unknown): string | null =>
  (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x).slice(0, 80) : null);

/** What a version changed, for comparing two side by side: variables with their old and new values,
 *  code edits, rollbacks and remixes; bounded in count and length. */
export function changeDetails(changes: unknown): { what: string; from: string | null; to: string | null }[] {
  if (!Array.isArray(changes)) return [];
  return changes.slice(0, CHANGE_DETAILS_MAX).flatMap((c: unknown) => {
    const o = (c ?? {}) as Record<string, unknown>;
    if (o.type === 'search_replace') {
      const n = Array.isArray(o.edits) ? o.edits.length : 0;
      return [{ what: `${n} code edit${n === 1 ? '' : 's'}`, from: null, to: null }];
    }
    if (o.type === 'rollback' || o.type === 'remix') {
      return [{ what: o.type, from: shortText(o.from ?? o.from_version), to: shortText(o.to) }];
    }
    if (typeof o.name !== 'string') return [];
    return [{ what: o.name.slice(0, 80), from: shortText(o.from), to: shortText(o.to) }];
  });
}

export function presentVersionSummary(v: VersionSummary, currentVersion: number | null, gameId: string) {
  return {
    version: v.version,
    created_at: iso(v.createdAt),
    description: v.changeSummary ?? (v.version === 1 ? 'Initial game creation' : null),
    changes: changeLabels(v.changes),
    change_details: changeDetails(v.changes),
    // A picture of the version being played (the playtest's last frame); 404 until there is one.
    thumbnail_url: versionThumbnailUrl(gameId, v.version),
    size: v.sizeBytes,
    review_status: v.reviewStatus,
    verdict: v.verdict,
    provider: v.provider,
    is_current: v.version === currentVersion,
  };
}

/** One game in a list: the seed's GameResponse, with the creator named by username only. */
export function presentGameItem(game: Game) {
  return {
    id: game.id,
    title: game.title,
    description: game.description,
    game_type: game.gameType,
    category: game.gameType,
    difficulty: game.difficulty,
    tags: game.tags,
    is_public: game.isPublic,
    is_featured: game.isFeatured,
    creator_username: (game as WithOwner).owner?.username ?? null,
    // The current version's picture (404 thumbnail_not_ready until the playtest made one).
    thumbnail_url: game.currentVersion ? versionThumbnailUrl(game.id, game.currentVersion) : null,
    status: game.status,
    current_version: game.currentVersion,
    play_count: game.playCount,
    rating: game.ratingAvg,
    rating_count: game.ratingCount,
    remixed_from: game.remixedFrom ?? null,
    created_at: iso(game.createdAt),
    updated_at: iso(game.updatedAt),
  };
}

export function presentGameList(rows: Game[], total: number, page: number, perPage: number) {
  return { games: rows.map(presentGameItem), total, page, per_page: perPage, total_pages: Math.ceil(total / perPage) };
}

export interface GameView {
  access: GameAccess;
  /** Every version this viewer may see, oldest first (summaries). */
  versions: VersionSummary[];
  shown: number | null;
  requested: GameVersion | null;
  includeHistory: boolean;
  withCode: boolean;
  rollbackTargets: number[];
  remixes: RemixLinks;
}

export function presentGameDetail(v: GameView) {
  const { game, privileged, canChange } = v.access;
  const newest = v.versions.at(-1);
  const { id: _id, ...item } = presentGameItem(game);
  return {
    game_id: game.id,
    // The workspace is the owner's: nobody else learns its id.
    session_id: privileged ? game.sessionId : null,
    current_version: v.shown,
    requested_version: v.requested?.version ?? null,
    game_code: v.withCode ? (v.requested?.content ?? null) : null,
    metadata: {
      ...item,
      engine: game.engine ?? (v.requested ? engineOf(v.requested.content) : null),
      template_used: game.templateId,
      created_at: iso(game.createdAt),
      last_modified: iso(newest?.createdAt ?? game.updatedAt),
      total_modifications: Math.max(0, v.versions.length - 1),
      code_size: v.requested?.sizeBytes ?? null,
      review_status: v.requested?.reviewStatus ?? null,
      remixed_from: v.remixes.from,
      remix_count: v.remixes.remix_count,
    },
    ...(v.includeHistory ? { version_history: v.versions.map((x) => presentVersionSummary(x, v.shown, game.id)) } : {}),
    rollback_options: {
      can_rollback: canChange && v.rollbackTargets.some((n) => n !== game.currentVersion),
      available_versions: canChange ? v.rollbackTargets : [],
      rollback_url: `/api/games/${game.id}/rollback`,
    },
  };
}

export function presentRating(
  game: Game, row: { id: string; rating: number; review: string | null; created_at: Date; updated_at: Date },
  username: string,
) {
  return {
    id: row.id,
    game_id: game.id,
    username,
    rating: row.rating,
    review: row.review,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    game_rating: { rating: game.ratingAvg, rating_count: game.ratingCount },
  };
}

interface Wishes {
  modifications: { change_engine?: string; enhance_graphics?: boolean; optimization?: string; new_features?: string[] };
}

const PERFORMANCE_REQUIREMENTS: Record<string, string> = {
  'three.js': 'WebGL required', phaser3: 'WebGL or Canvas 2D',
};

/**
 * The seed's regeneration answer. engine_changed is measured (base code vs new code); the
 * other summary fields report what was asked of the generator, which cannot be verified.
 */
export function presentRegeneration(
  game: Game, version: GameVersion, base: Pick<GameVersion, 'content'> | null, job: Job, wishes: Wishes,
) {
  const before = base ? engineOf(base.content) : null;
  const after = engineOf(version.content);
  const scan = version.scanReport as { browser_compatibility?: string[] } | null;
  const m = wishes.modifications;
  return {
    job_id: job.id,
    status: job.state,
    game_id: game.id,
    new_version: version.version,
    regeneration_summary: {
      engine_changed: before && before !== after ? `${before} → ${after}` : null,
      graphics_enhanced: m.enhance_graphics === true,
      performance_optimized: m.optimization === 'performance',
      features_added: m.new_features ?? [],
    },
    game_code: version.content,
    migration_notes: [version.changeSummary, ...changeLabels(version.changes)].filter((n): n is string => !!n),
    compatibility: {
      browser_support: scan?.browser_compatibility ?? [],
      performance_requirements: PERFORMANCE_REQUIREMENTS[after] ?? 'Canvas 2D',
    },
  };
}

export function presentVersionList(
  game: Game, rows: VersionSummary[], shown: number | null, total: number, page: number, perPage: number,
) {
  return {
    game_id: game.id,
    current_version: shown,
    versions: rows.map((v) => presentVersionSummary(v, shown, game.id)),
    total, page, per_page: perPage, total_pages: Math.ceil(total / perPage),
  };
}

export function presentRollback(gameId: string, to: number, row: VersionSummary) {
  return {
    game_id: gameId, rolled_back_to: to, new_version: row.version,
    version: presentVersionSummary(row, row.version, gameId),
  };
}

export function presentGameRating(game: Game) {
  return { game_id: game.id, game_rating: { rating: game.ratingAvg, rating_count: game.ratingCount } };
}

export function presentPlay(game: Game, counted: boolean) {
  return { game_id: game.id, play_count: game.playCount, counted };
}
