// What a generate attempt needs from the database: the job's request, the base version
// (for changes) and the templates (reference code for models, the offline engine's stock).
import { ApplicationFailure } from '@temporalio/activity';
import type { Database } from './index.ts';
import type { VariableSpec } from '../game/templates/spec.ts';
import type { TemplateSource } from '../game/offline/index.ts';
import type { JobKind } from '../game/vocabulary.ts';

export interface JobContext {
  jobId: string;
  kind: JobKind;
  userId: string;
  gameId: string;
  prompt: string;
  /** The game's original description (regenerate keeps it and adds the new wishes). */
  gameDescription: string;
  templateId?: string;
  preferences: Record<string, unknown>;
  base?: { version: number; content: string; templateId?: string };
}

export async function loadJobContext(db: Database, jobId: string): Promise<JobContext> {
  const job = await db.models.Job.findByPk(jobId);
  if (!job?.gameId) throw ApplicationFailure.create({ type: 'job_missing', message: `job ${jobId} not found`, nonRetryable: true });
  const game = await db.models.Game.findByPk(job.gameId);
  const request = job.request as { prompt?: string; preferences?: Record<string, unknown> };
  let base: JobContext['base'];
  if (job.kind !== 'create' && job.baseVersion) {
    const row = await db.models.GameVersion.findOne({ where: { gameId: job.gameId, version: job.baseVersion }, attributes: ['version', 'content'] });
    if (!row) throw ApplicationFailure.create({ type: 'no_base_version', message: `version ${job.baseVersion} not found`, nonRetryable: true });
    base = { version: row.version, content: row.content, templateId: game?.templateId ?? undefined };
  }
  return {
    jobId, kind: job.kind, userId: job.userId, gameId: job.gameId,
    prompt: request.prompt ?? '', gameDescription: game?.description ?? '',
    templateId: job.templateId ?? game?.templateId ?? undefined, preferences: request.preferences ?? {}, base,
  };
}

/** Published templates at their current version, in the offline engine's shape. */
export async function loadTemplates(db: Database): Promise<TemplateSource[]> {
  const templates = await db.models.Template.findAll({ where: { status: 'published' }, order: [['id', 'ASC']] });
  const versions = await Promise.all(
    templates.map((t) => db.models.TemplateVersion.findOne({ where: { templateId: t.id, version: t.currentVersion ?? 0 } })),
  );
  return templates.flatMap((t, i) => {
    const v = versions[i];
    if (!v) return [];
    return [{
      id: t.id, version: v.version, name: t.name, category: t.category ?? '', keywords: t.keywords ?? [],
      features: (v.features as string[]) ?? [], variables: v.variables as Record<string, VariableSpec>, code: v.code,
    }];
  });
}
