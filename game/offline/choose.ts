// Which template a sentence becomes. The genre decides; keywords and the settings a template
// actually has break ties; with nothing to go on, the documented default is the platformer.
import type { GenreMatch } from './genres.ts';
import { englishCatalogue } from './language.ts';
import { adjustVariable, colorVariable, countVariable, sizeVariables } from './mapping.ts';
import { OfflineEngineError, type Intent, type TemplateSource } from './types.ts';
import { stem } from './words.ts';

/** Used when a sentence names no game type: the most forgiving genre for a first game. */
export const DEFAULT_TEMPLATE_ID = 'basic_platformer';
/** Tie order between categories when nothing else separates them. */
const CATEGORY_ORDER = ['platformer', 'shooter', 'racing', 'puzzle'];

const GENRE_POINTS = 6;
const KEYWORD_POINTS = 1;
const MAX_KEYWORD_POINTS = 4;
const SETTING_POINTS = 0.5;

export interface TemplateChoice {
  template: TemplateSource;
  /** Points: 6 for the genre, 1 per shared keyword (at most 4), 0.5 per requested setting the template has. */
  score: number;
  reasons: string[];
  /** The genre asked for when the library has no template of it, and why the pick is the nearest. */
  missing?: { genre: string; because?: string };
}

/** What the analysis read besides the intent: word forms for keywords, and the named genres. */
export interface Reading {
  mentions?: readonly string[];
  genres?: readonly GenreMatch[];
}

/** One entry per id, the highest version. */
function latest(templates: TemplateSource[]): TemplateSource[] {
  const byId = new Map<string, TemplateSource>();
  for (const t of templates) {
    const prior = byId.get(t.id);
    if (!prior || t.version > prior.version) byId.set(t.id, t);
  }
  return [...byId.values()];
}

function settingsCovered(intent: Intent, template: TemplateSource): number {
  let covered = 0;
  for (const c of intent.colors) if (colorVariable(template, c.target)) covered++;
  for (const c of intent.counts) if (countVariable(template, c.target)) covered++;
  for (const a of intent.adjustments) if (adjustVariable(template, a.parameter)) covered++;
  for (const s of intent.size) if (sizeVariables(template, s.target).variables.length) covered++;
  return covered;
}

function rank(template: TemplateSource): number {
  const at = CATEGORY_ORDER.indexOf(template.category);
  return (template.id === DEFAULT_TEMPLATE_ID ? -1 : 0) * 100 + (at < 0 ? CATEGORY_ORDER.length : at);
}

/** A template's genre named outright: its category or id, as one word or hyphenated ("asteroids",
 *  "tic-tac-toe", "whack-a-mole"). */
function genreNamed(template: TemplateSource, mentions: ReadonlySet<string>): boolean {
  return [template.category, template.id].some((name) =>
    mentions.has(name) || mentions.has(name.replace(/_/g, '-')) || mentions.has(name.replace(/_/g, '')));
}

/** "chess" with no chess template: the data's nearest available template, else the next genre named. */
function substitute(
  wanted: string, candidates: TemplateSource[], genres: readonly GenreMatch[],
): { category?: string; template?: TemplateSource; because?: string } {
  const entry = englishCatalogue().genres[wanted];
  for (const id of entry?.instead ?? []) {
    const template = candidates.find((t) => t.id === id);
    if (template) return { template, because: entry?.nearest_because };
  }
  const next = genres.find((g) => candidates.some((t) => t.category === g.category));
  return next ? { category: next.category } : {};
}

export function chooseTemplate(
  intent: Intent, templates: TemplateSource[], requestedId?: string, reading: Reading = {},
): TemplateChoice {
  const mentions = new Set(reading.mentions ?? []);
  const stems = new Set([...mentions].filter((m) => /^\p{L}+$/u.test(m)).map((m) => stem(m)));
  const candidates = latest(Array.isArray(templates) ? templates : []);
  if (candidates.length === 0) throw new OfflineEngineError('no_templates', 'No templates are available.');
  const notes: string[] = [];
  if (requestedId) {
    const requested = candidates.find((t) => t.id === requestedId);
    if (requested) return { template: requested, score: GENRE_POINTS, reasons: [`requested template ${requested.id}`] };
    notes.push(`requested template ${requestedId} is not available`);
  }

  let genre = intent.game_type;
  let missing: TemplateChoice['missing'];
  let instead: TemplateSource | undefined;
  if (genre && !candidates.some((t) => t.category === genre)) {
    const found = substitute(genre, candidates, reading.genres ?? []);
    missing = { genre, ...(found.because ? { because: found.because } : {}) };
    instead = found.template;
    genre = found.category ?? null;
  }
  const scored = candidates.map((template) => {
    const reasons: string[] = [];
    let score = 0;
    if (instead === template) {
      score += GENRE_POINTS;
      reasons.push(`nearest to ${missing!.genre.replace(/_/g, ' ')}`);
    } else if (genre && template.category === genre) {
      score += GENRE_POINTS;
      reasons.push(`game type ${genre} matches`);
    } else if (!genre && genreNamed(template, mentions)) {
      score += GENRE_POINTS;
      reasons.push(`game type ${template.category} named`);
    }
    const words = new Set([...intent.keywords, ...mentions]);
    const shared = template.keywords.filter((k) => words.has(k) || (/^\p{L}+$/u.test(k) && stems.has(stem(k))));
    if (shared.length) {
      score += Math.min(MAX_KEYWORD_POINTS, shared.length * KEYWORD_POINTS);
      reasons.push(`keywords: ${shared.slice(0, MAX_KEYWORD_POINTS).join(', ')}`);
    }
    const covered = settingsCovered(intent, template);
    if (covered) {
      score += covered * SETTING_POINTS;
      reasons.push(`${covered} requested setting${covered === 1 ? '' : 's'} available`);
    }
    return { template, score, reasons };
  });
  scored.sort((a, b) =>
    b.score - a.score || rank(a.template) - rank(b.template) || a.template.id.localeCompare(b.template.id));
  const best = scored[0]!;
  const runnerUp = scored[1];
  if (!intent.game_type && (best.score === 0 || (runnerUp && runnerUp.score === best.score))) {
    // Nothing separates the leaders: the sort put the documented default (or the category order) first.
    notes.push(best.template.id === DEFAULT_TEMPLATE_ID
      ? 'no clear game type; default template'
      : 'no clear game type; first by category order');
  }
  if (intent.game_type && best.template.category !== intent.game_type && !genreNamed(best.template, mentions)) {
    notes.push(`no ${intent.game_type} template available`);
  }
  return {
    template: best.template, score: best.score, reasons: [...notes, ...best.reasons], ...(missing ? { missing } : {}),
  };
}
