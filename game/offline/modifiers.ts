// The genre-specific modifiers, read after the template is chosen: themes, skins and modes a
// sentence names ("neon", "zombies", "two players"), the player's age ("for my 5 year old" →
// easy, nothing that ends the game), grid sizes ("8x8", "10 by 12"), counts of the template's
// own things ("40 mines", "20 pipes to win"), and a requested colour never equal to another
// role's colour.
import type { Analysis } from './analyze.ts';
import type { ApplyOutcome } from './apply.ts';
import { findPhrase } from './genres.ts';
import { englishCatalogue } from './language.ts';
import { colorName } from './colors.ts';
import { colorVariable, label } from './mapping.ts';
import type { TemplateSource } from './types.ts';
import { stem } from './words.ts';

/** Enum variables that are modes of play, not looks: named values win over the defaults too. */
const NOT_THEMES = new Set(['difficulty']);
const YOUNG_AGE = 7;
const CHILD_AGE = 12;
/** Pairs of grid variables a size "NxM" sets, columns first; square boards take N. */
const GRID_PAIRS: [string, string][] = [
  ['grid_width', 'grid_height'], ['grid_columns', 'grid_rows'], ['columns', 'rows'], ['brick_columns', 'brick_rows'],
];
const GRID_SQUARES = ['grid_size', 'board_size'];
const MAX_GRID = 100;
/** Colours closer than this (RGB distance) read as the same colour to a player. */
const SAME_COLOR = 60;
/** Palette colours (they have names in summaries), tried for the role that must move. */
const CONTRAST = ['#e74c3c', '#3498db', '#2ecc71', '#f1c40f', '#9b59b6', '#e67e22', '#1abc9c', '#ffffff', '#34495e'];

type Setter = (name: string, value: unknown, reason: string, text: string) => void;

function setterFor(outcome: ApplyOutcome): Setter {
  return (name, value, reason, text) => {
    outcome.reasons.set(name, [...(outcome.reasons.get(name) ?? []), reason]);
    outcome.values[name] = value;
    outcome.applied.push({ variable: name, text });
    outcome.mapped++;
  };
}

function touched(outcome: ApplyOutcome, name: string): boolean {
  return outcome.applied.some((a) => a.variable === name);
}

function clamp(spec: TemplateSource['variables'][string], value: number): number | undefined {
  if (spec.type !== 'integer' && spec.type !== 'number') return undefined;
  const rounded = spec.type === 'integer' ? Math.round(value) : value;
  return Math.min(spec.range[1], Math.max(spec.range[0], rounded));
}

/** Themes, skins, modes, packs: the value whose words come first in the sentence. */
function themes(template: TemplateSource, analysis: Analysis, set: Setter, outcome: ApplyOutcome): void {
  const words = englishCatalogue().themes;
  for (const [name, spec] of Object.entries(template.variables)) {
    if (spec.type !== 'enum' || NOT_THEMES.has(name) || touched(outcome, name)) continue;
    // A value inside the genre's own name ("runner" in "endless runner", "nokia" in "nokia
    // snake") only counts when nothing else is named.
    const genre = new Set(analysis.genres[0]?.tokens ?? []);
    const rank = (hit: { from: number }) => (genre.has(analysis.sentence.token[hit.from]!) ? 1e6 : 0) + hit.from;
    let best: { value: string; at: number; to: number; rank: number } | undefined;
    for (const value of spec.values) {
      // "endless runner" names the genre, not the runner skin.
      if (value === template.category || value === template.id) continue;
      const phrases = words[value] ?? (value.length >= 3 ? [value] : []);
      for (const phrase of phrases) {
        const hit = findPhrase(analysis.sentence, phrase);
        if (hit && (!best || rank(hit) < best.rank)) best = { value, at: hit.from, to: hit.to, rank: rank(hit) };
      }
    }
    if (!best) continue;
    // "fruit words" sets the variable words: the variable's own name is read too.
    analysis.tokens.forEach((tk, i) => {
      if (stem(tk.word) === stem(name)) analysis.used.add(i);
    });
    const named = new Set<string>();
    for (const phrase of words[best.value] ?? [best.value]) {
      const hit = findPhrase(analysis.sentence, phrase);
      for (let p = hit?.from ?? 1; hit && p <= hit.to; p++) {
        const token = analysis.sentence.token[p]!;
        analysis.used.add(token);
        named.add(analysis.sentence.stems[p]!);
        if (analysis.tokens[token]!.value !== undefined) named.add(String(analysis.tokens[token]!.value));
      }
    }
    // "two players" set the mode: it is not also a count of players the template lacks.
    outcome.unavailable = outcome.unavailable.filter((u) => !u.split(' ').every((w) => named.has(stem(w))));
    const text = `${label(name)} ${best.value}`;
    if (outcome.values[name] !== best.value) set(name, best.value, `${best.value} named`, text);
    else outcome.applied.push({ variable: name, text });
  }
}

function age(template: TemplateSource, analysis: Analysis, set: Setter, outcome: ApplyOutcome): void {
  if (!analysis.age) return;
  const years = analysis.age.age;
  analysis.age.tokens.forEach((t) => analysis.used.add(t));
  const why = `for ${/^(8|11|18)$/.test(String(years)) ? 'an' : 'a'} ${years} year old`;
  const difficulty = template.variables.difficulty;
  if (years <= CHILD_AGE && !analysis.intent.difficulty && difficulty?.type === 'enum' &&
    difficulty.values.includes('easy') && outcome.values.difficulty !== 'easy') {
    set('difficulty', 'easy', why, `difficulty easy (${why})`);
  }
  const noFail = template.variables.no_fail;
  if (years <= YOUNG_AGE && noFail?.type === 'boolean' && outcome.values.no_fail !== true) {
    set('no_fail', true, why, `no fail state (${why})`);
  }
  const ageSpec = template.variables.age;
  const value = ageSpec ? clamp(ageSpec, years) : undefined;
  if (value !== undefined && outcome.values.age !== value) set('age', value, why, `age ${value}`);
}

/** "10x10", "8 x 12", "10 by 12" and the grid variables the template has. */
function grids(template: TemplateSource, analysis: Analysis, set: Setter, outcome: ApplyOutcome): void {
  const tokens = analysis.tokens;
  for (let i = 0; i < tokens.length; i++) {
    let dims = tokens[i]!.dims;
    let span = [i];
    const a = tokens[i]!.value;
    const b = tokens[i + 2]?.value;
    if (!dims && a !== undefined && b !== undefined && ['x', 'by', '×'].includes(tokens[i + 1]!.word)) {
      dims = [a, b];
      span = [i, i + 1, i + 2];
    }
    if (!dims || dims[0] > MAX_GRID || dims[1] > MAX_GRID) continue;
    const [cols, rows] = dims;
    const pair = GRID_PAIRS.find(([c, r]) => template.variables[c] && template.variables[r]);
    const square = GRID_SQUARES.find((n) => template.variables[n]);
    const settings: [string, number][] = pair ? [[pair[0], cols], [pair[1], rows]] : square ? [[square, cols]] : [];
    for (const [name, wanted] of settings) {
      const value = clamp(template.variables[name]!, wanted);
      if (value === undefined || touched(outcome, name)) continue;
      const note = value !== wanted ? ` (${wanted} asked; allowed ${rangeOf(template, name)})` : '';
      set(name, value, `${cols}x${rows} grid${note}`, `${label(name)} ${value}${note}`);
    }
    if (settings.length) {
      span.forEach((t) => analysis.used.add(t));
      outcome.unavailable = outcome.unavailable.filter((u) => !/ grid$/.test(u));
    }
    return;
  }
}

function rangeOf(template: TemplateSource, name: string): string {
  const spec = template.variables[name];
  return spec && 'range' in spec ? `${spec.range[0]}–${spec.range[1]}` : '';
}

/** "40 mines" → mine_count, "20 pipes to win" → pipes_to_win, "9 holes" → holes, "140 bpm" → bpm: counts
 *  of the template's own things. */
function ownCounts(template: TemplateSource, analysis: Analysis, set: Setter, outcome: ApplyOutcome): void {
  const tokens = analysis.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const value = tokens[i]!.value;
    const word = tokens[i + 1]!.word;
    if (value === undefined || !/^\p{L}+$/u.test(word) || analysis.used.has(i)) continue;
    const singular = word.endsWith('s') ? word.slice(0, -1) : word;
    const root = stem(word);
    const names = [`${singular}_count`, `${word}_count`, `${word}_to_win`, `${singular}_kinds`, `${root}_count`, word];
    const name = names.find((n) => template.variables[n] && !touched(outcome, n));
    if (!name) continue;
    const spec = template.variables[name]!;
    const v = clamp(spec, value);
    if (v === undefined) continue;
    const note = v !== value ? ` (${value} asked; allowed ${rangeOf(template, name)})` : '';
    set(name, v, `${value} ${word}${note}`, `${label(name)} ${v}${note}`);
    analysis.used.add(i).add(i + 1);
    outcome.unavailable = outcome.unavailable.filter((u) => !u.startsWith(`${value} `));
  }
}

/** "black mines", "wooden crates" in blue: a colour before a thing the template names `<thing>_color`. */
function ownColors(template: TemplateSource, analysis: Analysis, set: Setter, outcome: ApplyOutcome): void {
  const tokens = analysis.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const color = tokens[i]!.color;
    if (!color) continue;
    for (let j = i + 1; j < Math.min(tokens.length, i + 3); j++) {
      const word = tokens[j]!.word;
      // Things the lexicon knows ("green bricks") were coloured by the colour rules already.
      if (!/^\p{L}+$/u.test(word) || tokens[j]!.role.target) break;
      const singular = word.endsWith('s') ? word.slice(0, -1) : word;
      const name = [`${singular}_color`, `${word}_color`].find((n) => template.variables[n]?.type === 'color');
      if (!name || touched(outcome, name)) continue;
      set(name, color, `${tokens[i]!.word} ${word}`, `${label(name)} ${tokens[i]!.word} (${color})`);
      analysis.used.add(i).add(j);
      break;
    }
  }
}

function rgb(hex: string): number[] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function distance(a: string, b: string): number {
  const [x, y] = [rgb(a), rgb(b)];
  return Math.hypot(x[0]! - y[0]!, x[1]! - y[1]!, x[2]! - y[2]!);
}

/** "a red snake" on a template whose food is red: the food takes the most different colour. */
function distinctColors(template: TemplateSource, analysis: Analysis, set: Setter, outcome: ApplyOutcome): void {
  const requested = new Set(analysis.intent.colors.map((c) => colorVariable(template, c.target)).filter(Boolean));
  const colors = Object.entries(template.variables).filter(([, s]) => s.type === 'color').map(([n]) => n);
  for (const mine of requested) {
    const value = outcome.values[mine!];
    if (typeof value !== 'string') continue;
    for (const other of colors) {
      const theirs = outcome.values[other];
      if (requested.has(other) || typeof theirs !== 'string' || distance(value, theirs) >= SAME_COLOR) continue;
      const taken = colors.filter((n) => n !== other).map((n) => outcome.values[n])
        .filter((v): v is string => typeof v === 'string');
      const best = CONTRAST.map((c) => ({ c, d: Math.min(...taken.map((t) => distance(c, t))) }))
        .sort((x, y) => y.d - x.d)[0]!.c;
      const name = colorName(best);
      set(other, best, `kept apart from ${label(mine!)}`,
        `${label(other)} ${name ? `${name} (${best})` : best} (kept apart from ${label(mine!)})`);
    }
  }
}

/** The player's own questions into a template that takes them, cut at an entry within its limit. */
function ownQuestions(template: TemplateSource, analysis: Analysis, set: Setter): void {
  const spec = template.variables.questions;
  if (!analysis.questions || spec?.type !== 'string') return;
  let text = '';
  for (const entry of analysis.questions.split(' ; ')) {
    const next = text ? `${text} ; ${entry}` : entry;
    if (next.length > spec.max_length) break;
    text = next;
  }
  const count = text ? text.split(' ; ').length : 0;
  if (!count) return;
  set('questions', text, 'your own questions', `${count} question${count === 1 ? '' : 's'} of your own`);
  analysis.tokens.forEach((t, i) => {
    if (stem(t.word) === 'question') analysis.used.add(i);
  });
}

export function applyModifiers(template: TemplateSource, analysis: Analysis, outcome: ApplyOutcome): void {
  const set = setterFor(outcome);
  ownQuestions(template, analysis, set);
  themes(template, analysis, set, outcome);
  age(template, analysis, set, outcome);
  grids(template, analysis, set, outcome);
  ownCounts(template, analysis, set, outcome);
  ownColors(template, analysis, set, outcome);
  distinctColors(template, analysis, set, outcome);
}
