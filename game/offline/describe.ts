// The honest sentences the engine returns: what a new game is (interpretation) and what a
// modification did (summary), built only from what was actually applied or refused.
import type { Request } from './analyze.ts';
import type { ApplyOutcome } from './apply.ts';
import { colorName } from './colors.ts';
import { label } from './mapping.ts';
import type { TemplateChoice } from './choose.ts';
import type { Intent, TemplateSource, VariableChange } from './types.ts';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Requests nobody placed: those the template already does (its features/keywords), and the rest. */
function splitRequests(template: TemplateSource, requests: Request[]): { builtIn: string[]; unknown: string[] } {
  const words = [...template.keywords, ...template.features.flatMap((f) => [f, ...f.split('_')])];
  const known = new Set(words.map((w) => w.toLowerCase()));
  const builtIn: string[] = [];
  const unknown: string[] = [];
  for (const r of requests) {
    if (r.target) continue; // named things are reported by applyIntent when the template lacks them
    const hit = r.phrase.split(' ').find((w) => known.has(w) || known.has(w.replace(/s$/, '')));
    if (hit) builtIn.push(hit);
    else unknown.push(`'${r.phrase}'`);
  }
  return { builtIn: [...new Set(builtIn)], unknown: [...new Set(unknown)] };
}

function notes(template: TemplateSource, outcome: ApplyOutcome, requests: Request[]): string[] {
  const { builtIn, unknown } = splitRequests(template, requests);
  const out: string[] = [...outcome.saturated];
  if (outcome.unavailable.length) {
    out.push(`not available in ${template.id}: ${[...new Set(outcome.unavailable)].join(', ')}`);
  }
  if (builtIn.length) out.push(`already built in: ${builtIn.join(', ')}`);
  if (unknown.length) out.push(`not understood: ${unknown.join(', ')}`);
  if (outcome.ignored.length) out.push(`preferences not applied: ${outcome.ignored.join(', ')}`);
  return out;
}

/** What the reading adds to the answer: the words nothing used, and the genre asked for in the
 *  player's words when the library lacks it ("flight simulator (simulador de vuelo)"). */
export interface ReadingNotes {
  unused: string[];
  /** Other genres named that the library lacks ("3D" in "a 3D platformer"). */
  alsoMissing?: string[];
  asked?: string;
}

function origin(template: TemplateSource, intent: Intent, choice: TemplateChoice, asked?: string): string {
  const type = capitalize(template.category.replace(/_/g, ' '));
  if (choice.missing) {
    const wanted = asked ?? choice.missing.genre.replace(/_/g, ' ');
    // "3D", "a flight simulator": the name keeps its own case after the first letter.
    const nearest = choice.missing.because ? ` (the nearest: ${choice.missing.because})` : '';
    const verb = /[^s]s$/.test(wanted.split(' (')[0]!) ? 'are' : 'is';
    return `${capitalize(wanted)} ${verb} not in the offline library; ` +
      `made ${type.toLowerCase()} instead` +
      `${nearest}, from template ${template.id}`;
  }
  if (choice.reasons.some((r) => r.startsWith('requested template') && !r.endsWith('not available'))) {
    return `${type} from the requested template ${template.id}`;
  }
  const missing = choice.reasons.find((r) => r.endsWith('not available'));
  const extra = missing ? ` (${missing})` : '';
  if (choice.reasons.includes(`game type ${template.category} named`)) {
    return `${type} from template ${template.id}${extra}`;
  }
  if (!intent.game_type) {
    const keywords = choice.reasons.find((r) => r.startsWith('keywords: '));
    return keywords
      ? `${type} from template ${template.id} (no game type named; ${keywords})${extra}`
      : `${type} from the default template ${template.id} (no game type recognised)${extra}`;
  }
  if (intent.game_type !== template.category) {
    return `${type} from template ${template.id} (no ${intent.game_type} template available)${extra}`;
  }
  return `${type} from template ${template.id}${extra}`;
}

/** "Platformer from template basic_platformer: player color blue (#3498db), …; not available in …: green platforms." */
export function describeCreation(
  template: TemplateSource, intent: Intent, choice: TemplateChoice, outcome: ApplyOutcome, requests: Request[],
  reading: ReadingNotes = { unused: [] },
): string {
  const applied = [...new Set(outcome.applied.map((a) => a.text))];
  const settings = applied.length ? `: ${applied.join(', ')}` : ' with its default settings';
  const head = origin(template, intent, choice, reading.asked) + settings;
  const unused = reading.unused.length ? [`not used: ${reading.unused.join(', ')}`] : [];
  const missing = reading.alsoMissing?.length ? [`not in the offline library: ${reading.alsoMissing.join(', ')}`] : [];
  return [head, ...notes(template, outcome, requests), ...missing, ...unused].join('; ') + '.';
}

function shown(value: unknown): string {
  if (typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value)) {
    const name = colorName(value);
    return name ? `${name} (${value})` : value;
  }
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function changePhrase(change: VariableChange, template: TemplateSource): string {
  const spec = template.variables[change.name];
  const what = label(change.name);
  if (spec?.type === 'boolean') return `turned ${what} ${change.to ? 'on' : 'off'}`;
  if (typeof change.from === 'number' && typeof change.to === 'number') {
    const limit = spec && 'range' in spec
      ? (change.to === spec.range[1] ? ' (the maximum)' : change.to === spec.range[0] ? ' (the minimum)' : '')
      : '';
    return `${change.to > change.from ? 'increased' : 'decreased'} ${what} from ${change.from} to ${change.to}${limit}`;
  }
  if (change.name === 'title') return `renamed the game from ${shown(change.from)} to ${shown(change.to)}`;
  if (spec?.type === 'color') return `changed ${what} from ${shown(change.from)} to ${shown(change.to)}`;
  const why = change.reason.includes('enemy speed comes with difficulty')
    ? ', since enemy speed comes with difficulty'
    : '';
  return `set ${what} to ${String(change.to)} (was ${String(change.from)})${why}`;
}

function joined(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "Changed player color from blue (#3498db) to red (#e74c3c) and increased jump strength from 420 to 525." */
export function describeModification(
  template: TemplateSource, changes: VariableChange[], outcome: ApplyOutcome, requests: Request[],
  unused: string[] = [],
): string {
  const sentences: string[] = [];
  if (changes.length) sentences.push(capitalize(joined(changes.map((c) => changePhrase(c, template)))));
  else if (outcome.applied.length) {
    sentences.push(`Already so: ${[...new Set(outcome.applied.map((a) => a.text))].join(', ')}`);
  }
  else if (outcome.mapped === 0) sentences.push(`Nothing in the request maps to a setting of ${template.name}`);
  for (const note of notes(template, outcome, requests)) sentences.push(capitalize(note));
  if (unused.length) sentences.push(`Not used: ${unused.join(', ')}`);
  return sentences.map((s) => `${s}.`).join(' ');
}
