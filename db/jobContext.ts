// What a job run needs from the database: its request (the job row is its one carrier), the
// base version (for changes) and the templates (reference code for models, the offline
// engine's stock). Missing data is a JobDataError, which no retry can mend.
import { Op } from 'sequelize';
import type { Database } from './index.ts';
import type { VariableSpec } from '../game/templates/spec.ts';
import type { TemplateSource } from '../game/offline/index.ts';
import type { AdvancedOptions } from '../game/generate/options.ts';
import type { JobContext } from '../game/generate/types.ts';
import type { PipelineJobKind } from '../game/vocabulary.ts';

/** The player's request as the `jobs.request` column keeps it; rows from before a field lack it. */
export type JobRequest = {
  prompt: string;
  preferences: Record<string, unknown>;
  template_id: string | null;
  game_type: string | null;
  advanced_options: AdvancedOptions;
};

export type JobDataProblem = 'job_missing' | 'game_missing' | 'no_base_version' | 'version_missing' | 'no_content';

export class JobDataError extends Error {
  readonly code: JobDataProblem;
  constructor(code: JobDataProblem, message: string) {
    super(message);
    this.name = 'JobDataError';
    this.code = code;
  }
}

export async function loadJobContext(db: Database, jobId: string): Promise<JobContext> {
  const job = await db.models.Job.findByPk(jobId);
  if (!job?.gameId) throw new JobDataError('job_missing', `job ${jobId} not found`);
  const game = await db.models.Game.findByPk(job.gameId);
  const request = job.request as Partial<JobRequest>;
  let base: JobContext['base'];
  if (job.kind !== 'create' && job.baseVersion) {
    const row = await db.models.GameVersion.findOne({
      where: { gameId: job.gameId, version: job.baseVersion }, attributes: ['version', 'content'],
    });
    if (!row) throw new JobDataError('no_base_version', `version ${job.baseVersion} not found`);
    base = { version: row.version, content: row.content, templateId: game?.templateId ?? undefined };
  }
  return {
    jobId, kind: job.kind, userId: job.userId, gameId: job.gameId,
    prompt: request.prompt ?? '', gameDescription: game?.description ?? '',
    templateId: job.templateId ?? game?.templateId ?? undefined, gameType: request.game_type ?? undefined,
    preferences: request.preferences ?? {}, advancedOptions: request.advanced_options ?? {}, base,
  };
}

/**
 * Marks the job started and settles the version a change applies to (the latest when the job
 * names none); returns it, undefined for a new game.
 */
export async function beginJobRun(
  db: Database, run: { jobId: string; kind: PipelineJobKind; gameId: string; baseVersion?: number },
): Promise<number | undefined> {
  const { models } = db;
  const job = await models.Job.findByPk(run.jobId);
  if (!job) throw new JobDataError('job_missing', `job ${run.jobId} does not exist`);
  let baseVersion: number | undefined;
  if (run.kind !== 'create') {
    const game = await models.Game.findByPk(run.gameId);
    baseVersion = run.baseVersion ?? game?.currentVersion ?? undefined;
    if (!baseVersion) throw new JobDataError('no_base_version', 'the game has no version to change yet');
    const exists = await models.GameVersion.count({ where: { gameId: run.gameId, version: baseVersion } });
    if (!exists) throw new JobDataError('no_base_version', `version ${baseVersion} of the game does not exist`);
  }
  await job.update({ startedAt: job.startedAt ?? new Date(), baseVersion: baseVersion ?? job.baseVersion });
  return baseVersion;
}

/** Published templates at their current version, in the offline engine's shape. */
type VersionSource = Pick<TemplateSource, 'version' | 'features' | 'variables' | 'code'>;

// A template version never changes once stored: its code is read once per process. Keyed by the
// database handle (tests run several), each bounded (templates × versions in use).
const versionCache = new WeakMap<Database, Map<string, VersionSource>>();
const VERSIONS_KEPT = 512;

/** The published templates at their current versions: one query for the list, the versions'
 *  code from the cache (a job used to read all of them, ~15–25 ms). */
export async function loadTemplates(db: Database): Promise<TemplateSource[]> {
  const templates = await db.models.Template.findAll({ where: { status: 'published' }, order: [['id', 'ASC']] });
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
