// Response shapes for templates (seed §3 list, §11 detail and processing), built field by
// field: the creator, hashes and scan internals of a template version never leave.
import type { Template, TemplateVersion } from '../../db/models/index.ts';
import { LANGUAGES } from '../../game/offline/language.ts';
import type { CatalogueTemplate, Processed, UsageStats } from '../services/templates.ts';

/** Scripts a template loads from outside itself: only the vendored engine may appear. */
function dependenciesOf(code: string): string[] {
  return code.includes('/play/vendor/phaser.min.js') ? ['/play/vendor/phaser.min.js'] : [];
}

function variablesOf(version: TemplateVersion, withDescriptions: boolean): Record<string, unknown> {
  const specs = (version.variables ?? {}) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => {
    const { description, ...rest } = spec;
    return [name, withDescriptions && description !== undefined ? { ...rest, description } : rest];
  }));
}

/** How much of the code hash names a thumbnail in its URL. */
export const THUMBNAIL_TAG_LENGTH = 16;

/** Where the catalogue picture is, named by the code it shows (a new version is a new URL, so
 *  the image can be cached for good); null until it is made. */
export function thumbnailUrl(t: Template, v: TemplateVersion, made: boolean): string | null {
  return made ? `/api/templates/${t.id}/thumbnail?v=${v.codeHash.slice(0, THUMBNAIL_TAG_LENGTH)}` : null;
}

function head({ template: t, version: v, thumbnail }: CatalogueTemplate) {
  const url = thumbnailUrl(t, v, thumbnail);
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    category: t.category,
    /** The genre a player can ask for by name (POST /api/games/generate game_type). */
    genre: t.category,
    difficulty: t.difficulty,
    engine: t.engine,
    version: v.version,
    features: Array.isArray(v.features) ? v.features : [],
    controls: v.controls ?? null,
    /** Languages whose genre words the offline engine understands in a description. */
    languages: [...LANGUAGES],
    thumbnail_url: url,
    /** The seed's name for the same picture. */
    preview_image: url,
  };
}

export function presentTemplateList(matches: CatalogueTemplate[], categories: string[]) {
  return {
    templates: matches.map((found) => ({
      ...head(found),
      variables: variablesOf(found.version, false),
    })),
    total: matches.length,
    categories,
  };
}

export function presentTemplateDetail(found: CatalogueTemplate & { stats: UsageStats }) {
  const { version, stats } = found;
  return {
    ...head(found),
    template_code: version.code,
    variables: variablesOf(version, true),
    dependencies: dependenciesOf(version.code),
    usage_stats: stats,
  };
}

export function presentProcessed(p: Processed, customizationsGiven: number) {
  const suggestions = p.findings.filter((f) => f.severity === 'info').slice(0, 5).map((f) => f.message);
  if (customizationsGiven > p.customizationsApplied.length) {
    suggestions.push('Ask for what the template has no setting for in a description or a change request; '
      + 'the generator can write it.');
  }
  return {
    processed_code: p.html,
    template_id: p.templateId,
    template_version: p.templateVersion,
    variables_applied: p.applied,
    processing_summary: {
      variables_substituted: Object.keys(p.applied).length,
      customizations_applied: p.customizationsApplied.length,
      validation_passed: p.validationPassed,
      processing_time: Number(p.seconds.toFixed(3)),
    },
    warnings: p.warnings,
    suggestions,
  };
}
