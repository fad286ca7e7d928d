// What a job run needs from the database: its request (the job row is its one carrier), the
// base version (for changes) and the templates (reference code for models, the offline
// engine's stock). Missing data is a JobDataError, which no retry can mend.
import { Op, QueryTypes } from 'sequelize';
import type { Database } from './index.ts';
import type { VariableSpec } from '../game/templates/spec.ts';
import type { TemplateSource } from '../game/offline/index.ts';
import type { AdvancedOptions } from '../game/generate/options.ts';
import type { JobContext } from '../game/generate/types.ts';
import type { PipelineJobKind, UserRole } from '../game/vocabulary.ts';

/** The player's request as the `jobs.request` column keeps it; rows from before a field lack it. */
export type JobRequest = {
  prompt: string;
  preferences: Record<string, unknown>;
  template_id: string | null;
  game_type: string | null;
  advanced_options: AdvancedOptions;
};

export type JobDataProblem = 'job_missing' | 'no_base_version' | 'version_missing' | 'no_content';

export class JobDataError extends Error {
  readonly code: JobDataProblem;
  constructor(code: JobDataProblem, message: string) {
    super(message);
    this.name = 'JobDataError';
    this.code = code;
  }
}

interface JobContextRow {
  kind: PipelineJobKind; user_id: string; game_id: string | null; base_version: number | null;
  request: Partial<JobRequest>; template_id: string | null; game_description: string | null;
  game_template_id: string | null; base_content: string | null; base_number: number | null;
}

/** The job, its game and (for a change) its base version's code in one read: every generate
 *  attempt starts here. */
export async function loadJobContext(db: Database, jobId: string): Promise<JobContext> {
  const [row] = await db.sequelize.query<JobContextRow>(
    `SELECT j.kind, j.user_id, j.game_id, j.base_version, j.request, j.template_id,
       g.description AS game_description, g.template_id AS game_template_id,
       v.content AS base_content, v.version AS base_number
     FROM jobs j
     LEFT JOIN games g ON g.id = j.game_id
     LEFT JOIN game_versions v ON j.kind <> 'create' AND v.game_id = j.game_id AND v.version = j.base_version
     WHERE j.id = $1`,
    { bind: [jobId], type: QueryTypes.SELECT },
  );
  if (!row?.game_id) throw new JobDataError('job_missing', `job ${jobId} not found`);
  const request = row.request ?? {};
  let base: JobContext['base'];
  if (row.kind !== 'create' && row.base_version) {
    if (row.base_number === null || row.base_content === null) {
      throw new JobDataError('no_base_version', `version ${row.base_version} not found`);
    }
    base = { version: row.base_number, content: row.base_content, templateId: row.game_template_id ?? undefined };
  }
  return {
    jobId, kind: row.kind, userId: row.user_id, gameId: row.game_id,
    prompt: request.prompt ?? '', gameDescription: row.game_description ?? '',
    templateId: row.template_id ?? row.game_template_id ?? undefined, gameType: request.game_type ?? undefined,
    preferences: request.preferences ?? {}, advancedOptions: request.advanced_options ?? {}, base,
  };
}

/** What starting a run settles: the version a change applies to (undefined for a new game),
 *  and what the job's flags are decided by — its owner's role and its game's template. */
export interface JobRun {
  baseVersion?: number;
  role?: UserRole;
  templateId?: string;
}

/**
 * Marks the job started and settles the version a change applies to (the latest when the job
 * names none); the same statement reads the owner's role and the game's template.
 */
export async function beginJobRun(
  db: Database, run: { jobId: string; kind: PipelineJobKind; gameId: string; baseVersion?: number },
): Promise<JobRun> {
  let baseVersion: number | undefined;
  if (run.kind !== 'create') {
    const { models } = db;
    const game = await models.Game.findByPk(run.gameId, { attributes: ['currentVersion'] });
    baseVersion = run.baseVersion ?? game?.currentVersion ?? undefined;
    if (!baseVersion) throw new JobDataError('no_base_version', 'the game has no version to change yet');
    const exists = await models.GameVersion.count({ where: { gameId: run.gameId, version: baseVersion } });
    if (!exists) throw new JobDataError('no_base_version', `version ${baseVersion} of the game does not exist`);
  }
  // One statement: a retried step keeps the first start time.
  const [started] = await db.sequelize.query<{ role: UserRole | null; template_id: string | null }>(
    `UPDATE jobs SET started_at = COALESCE(started_at, now()), base_version = COALESCE($2, base_version),
       updated_at = now()
     WHERE id = $1
     RETURNING (SELECT role FROM users WHERE users.id = jobs.user_id) AS role,
       (SELECT template_id FROM games WHERE games.id = jobs.game_id) AS template_id`,
    { bind: [run.jobId, baseVersion ?? null], type: QueryTypes.SELECT },
  );
  if (!started) throw new JobDataError('job_missing', `job ${run.jobId} does not exist`);
  return { baseVersion, role: started.role ?? undefined, templateId: started.template_id ?? undefined };
}

/** Published templates at their current version, in the offline engine's shape. */
type TemplateRow = { id: string; name: string; category: string | null; keywords: string[] | null;
  currentVersion: number | null };
type VersionSource = Pick<TemplateSource, 'version' | 'features' | 'variables' | 'code'>;

// A template version never changes once stored: its code is read once per process. Keyed by the
// database handle (tests run several), each bounded (templates × versions in use).
const versionCache = new WeakMap<Database, Map<string, VersionSource>>();
const VERSIONS_KEPT = 512;

/** The published templates at their current versions: one query for the list, the versions'
 *  code from the cache (a job used to read all of them, ~15–25 ms). */
export async function loadTemplates(db: Database): Promise<TemplateSource[]> {
  // A plain read of the few columns needed: every model-drafted and offline job lists them.
  const templates = await db.sequelize.query<TemplateRow>(
    `SELECT id, name, category, keywords, current_version AS "currentVersion"
     FROM templates WHERE status = 'published' ORDER BY id ASC`,
    { type: QueryTypes.SELECT },
  );
  const kept = versionCache.get(db) ?? new Map<string, VersionSource>();
  versionCache.set(db, kept);
  const key = (t: { id: string; currentVersion: number | null }) => `${t.id}@${t.currentVersion ?? 0}`;
  const missing = templates.filter((t) => !kept.has(key(t)));
  const read = missing.length === 0 ? [] : await db.models.TemplateVersion.findAll({
    where: { [Op.or]: missing.map((t) => ({ templateId: t.id, version: t.currentVersion ?? 0 })) },
  });
  const fresh = new Map<string, VersionSource>();
  for (const v of read) {
    fresh.set(`${v.templateId}@${v.version}`, {
      version: v.version, features: (v.features as string[]) ?? [], code: v.code,
      variables: v.variables as Record<string, VariableSpec>,
    });
  }
  for (const [k, v] of fresh) {
    if (kept.size >= VERSIONS_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(k, v);
  }
  return templates.flatMap((t) => {
    const v = fresh.get(key(t)) ?? kept.get(key(t));
    if (!v) return [];
    return [{ id: t.id, name: t.name, category: t.category ?? '', keywords: t.keywords ?? [], ...v }];
  });
}
