// The template catalogue (published templates only), a template's usage statistics, and
// filling a template in: values checked against its variable specs with checkValue, the
// HTML written by renderTemplate (the one way a template's variables are filled), and the
// result run through the validate step.
import { Op, QueryTypes } from 'sequelize';
import type { Database } from '../../db/index.ts';
import type { Template, TemplateVersion } from '../../db/models/index.ts';
import { checkValue, type VariableSpec } from '../../game/templates/spec.ts';
import { loadTemplates } from '../../db/jobContext.ts';
import { thumbnailHashes, thumbnailOf } from '../../db/thumbnails.ts';
import { OfflineEngineError, renderTemplate } from '../../game/offline/index.ts';
import { validateGame } from '../../game/validate/index.ts';
import type { Finding } from '../../game/vocabulary.ts';
import { AppError, notFound } from '../errors.ts';
import type { ListQuery, ProcessBody } from '../routes/templates/schema.ts';

export interface CatalogueTemplate {
  template: Template;
  version: TemplateVersion;
  /** A catalogue thumbnail exists for this version's code. */
  thumbnail: boolean;
}

async function published(db: Database, where: Record<string, unknown> = {}): Promise<CatalogueTemplate[]> {
  const templates = await db.models.Template.findAll({
    where: { ...where, status: 'published' }, order: [['id', 'ASC']],
  });
  if (!templates.length) return [];
  const versions = await db.models.TemplateVersion.findAll({
    where: { [Op.or]: templates.map((t) => ({ templateId: t.id, version: t.currentVersion ?? 0 })) },
  });
  const pictured = await thumbnailHashes(db, versions.map((v) => v.codeHash));
  return templates.flatMap((template) => {
    const version = versions.find((v) => v.templateId === template.id && v.version === template.currentVersion);
    return version ? [{ template, version, thumbnail: pictured.has(version.codeHash) }] : [];
  });
}

/** `hidden`: staged templates the caller is not offered, left out of the list and its categories. */
export async function listTemplates(db: Database, q: ListQuery, hidden?: ReadonlySet<string>) {
  const all = (await published(db)).filter(({ template }) => !hidden?.has(template.id));
  const matches = all.filter(({ template: t }) =>
    (!q.category || t.category?.toLowerCase() === q.category)
    && (!q.difficulty || t.difficulty === q.difficulty)
    && (!q.engine || t.engine?.toLowerCase() === q.engine));
  // Categories of the whole catalogue the caller sees, so a client can offer the filters that exist.
  const categories = genresOf(all.map(({ template }) => template));
  return { matches, categories };
}

export interface UsageStats {
  usage_count: number;
  success_rate: number | null;
  avg_modification_count: number | null;
}

/**
 * usage_count: games made from the template. success_rate: finished jobs for it (asked for
 * the template, or on a game made from it) that completed, of those that completed, failed
 * or were rejected (a cancel is the player's choice, not a failure); null before any.
 * avg_modification_count: versions after the first, averaged over its games with content.
 */
export async function usageStats(db: Database, templateId: string): Promise<UsageStats> {
  const [row] = await db.sequelize.query<{ usage_count: string; success_rate: string | null; avg_mods: string | null }>(
    `SELECT
       (SELECT count(*) FROM games WHERE template_id = $1) AS usage_count,
       (SELECT count(*) FILTER (WHERE j.state = 'completed')::numeric / NULLIF(count(*), 0)
          FROM jobs j LEFT JOIN games g ON g.id = j.game_id
         WHERE (j.template_id = $1 OR g.template_id = $1)
           AND j.state IN ('completed', 'failed', 'rejected')) AS success_rate,
       (SELECT avg(n - 1) FROM (SELECT count(*) AS n FROM game_versions v JOIN games g ON g.id = v.game_id
                                 WHERE g.template_id = $1 GROUP BY v.game_id) per_game) AS avg_mods`,
    { bind: [templateId], type: QueryTypes.SELECT },
  );
  const round = (v: string | null | undefined, places: number) =>
    (v === null || v === undefined ? null : Number(Number(v).toFixed(places)));
  return {
    usage_count: Number(row?.usage_count ?? 0),
    success_rate: round(row?.success_rate, 3),
    avg_modification_count: round(row?.avg_mods, 2),
  };
}

export async function templateDetail(db: Database, id: string) {
  const [found] = await published(db, { id });
  if (!found) throw notFound('template', { template_id: id });
  return { ...found, stats: await usageStats(db, id) };
}

/** The catalogue picture of a published template's current version (made after start-up). */
export async function templateThumbnail(db: Database, id: string) {
  const [found] = await published(db, { id });
  if (!found) throw notFound('template', { template_id: id });
  const thumbnail = found.thumbnail ? await thumbnailOf(db, found.version.codeHash) : null;
  if (!thumbnail) {
    throw new AppError(404, 'thumbnail_not_ready', `The thumbnail of ${id} version ${found.version.version} `
      + 'is not made yet: it is made in the background after start-up (with Chromium); try again later', {
      template_id: id, version: found.version.version,
    });
  }
  return { thumbnail, version: found.version };
}

// ---- POST /api/templates/process -------------------------------------------------------

function badVariable(templateId: string, name: string, errorCode: string, problem: string): AppError {
  return new AppError(400, errorCode, `variables.${name}: ${problem}`, {
    field: `variables.${name}`, template_id: templateId, variable: name,
  });
}

export interface Processed {
  html: string;
  templateId: string;
  templateVersion: number;
  applied: Record<string, unknown>;
  customizationsApplied: string[];
  findings: Finding[];
  validationPassed: boolean;
  warnings: string[];
  seconds: number;
}

export async function processTemplate(db: Database, body: ProcessBody): Promise<Processed> {
  const started = performance.now();
  const template = (await loadTemplates(db)).find((t) => t.id === body.template_id);
  if (!template) throw notFound('template', { template_id: body.template_id });
  const specOf = (name: string): VariableSpec | undefined =>
    (Object.hasOwn(template.variables, name) ? template.variables[name] : undefined);
  for (const [name, value] of Object.entries(body.variables)) {
    const spec = specOf(name);
    if (!spec) throw badVariable(template.id, name, 'unknown_variable', `${template.id} has no variable "${name}"`);
    const problem = checkValue(spec, value);
    if (problem) throw badVariable(template.id, name, 'invalid_variable', problem);
  }
  // A customization is applied only where the template has a setting of that name (then it
  // is checked like a variable); anything else is reported, never silently claimed.
  const warnings: string[] = [];
  const values: Record<string, unknown> = { ...body.variables };
  const customizationsApplied: string[] = [];
  for (const [name, value] of Object.entries(body.customizations ?? {})) {
    const spec = specOf(name);
    if (!spec) {
      warnings.push(`customization "${name}" is not supported by ${template.id}; it was not applied`);
    } else if (Object.hasOwn(body.variables, name)) {
      warnings.push(`customization "${name}" is also given as a variable; the variable's value was used`);
    } else {
      const problem = checkValue(spec, value);
      if (problem) {
        throw new AppError(400, 'invalid_customization', `customizations.${name}: ${problem}`, {
          field: `customizations.${name}`, template_id: template.id,
        });
      }
      values[name] = value;
      customizationsApplied.push(name);
    }
  }
  let html: string;
  try {
    html = renderTemplate(template, values);
  } catch (err) {
    if (err instanceof OfflineEngineError) throw new AppError(400, err.code, err.message, { template_id: template.id });
    throw err;
  }
  const report = validateGame(html);
  for (const f of report.findings) if (f.severity !== 'info') warnings.push(`${f.rule}: ${f.message}`);
  return {
    html, templateId: template.id, templateVersion: template.version, applied: values, customizationsApplied,
    findings: report.findings, validationPassed: report.ok, warnings, seconds: (performance.now() - started) / 1000,
  };
}

/** What game_type may name: the genres (categories) of the templates generation can start from. */
export async function publishedGenres(db: Database, hidden?: ReadonlySet<string>): Promise<string[]> {
  return genresOf((await loadTemplates(db)).filter((t) => !hidden?.has(t.id)));
}

const genresOf = (templates: { category: string | null }[]): string[] =>
  [...new Set(templates.flatMap((t) => (t.category ? [t.category] : [])))].sort();
