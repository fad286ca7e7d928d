// What a sentence says about itself once a game is made from it: a title in the player's own
// words ("a very hard red platformer with lava" → "Hard Red Platformer", "ein Rennspiel mit
// Motorrädern" → "Rennspiel"), and the words nothing used ("lava"), so the answer is honest.
import type { Analysis } from './analyze.ts';
import { englishCatalogue } from './language.ts';
import { templateHas } from './mapping.ts';
import type { Token } from './tokens.ts';
import type { TemplateSource } from './types.ts';
import { stem } from './words.ts';

const MAX_TITLE_WORDS = 4;
const MAX_UNUSED = 12;
const MAX_TITLE_CHARS = 32;

function functionWord(t: Token): boolean {
  const r = t.role;
  return Boolean(r.determiner || r.link || r.stop || r.splitter || r.request || r.verb || r.pronoun || r.negation ||
    r.intensifier || r.softener) && !r.target && !r.gameType && !r.level && !t.color;
}

/** English capitalises every word of a title; the other languages only the first ("Jeu de plateforme"). */
function capitalized(source: string, first: boolean, lower: boolean, english: boolean): string {
  if (/\p{Lu}/u.test(source) || (lower && !first) || (!english && !first)) return source;
  const words = source.split(' ');
  return words.map((w, i) => (i === 0 || english ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
}

/** The first clause in the player's words, trimmed of function words and the age phrase. */
export function titleFromPrompt(analysis: Analysis, maxTemplateLength: number): string | undefined {
  const maxLength = Math.min(MAX_TITLE_CHARS, maxTemplateLength);
  const tokens = analysis.tokens;
  const age = new Set(analysis.age?.tokens ?? []);
  let end = tokens.findIndex((t, i) => i > 0 && (t.role.splitter === 'sentence' || t.role.splitter === 'always'));
  if (end < 0) end = tokens.length;
  const clause: number[] = [];
  for (let i = 0; i < end; i++) if (!age.has(i) && /[\p{L}\p{N}]/u.test(tokens[i]!.source)) clause.push(i);
  while (clause.length && functionWord(tokens[clause[0]!]!)) clause.shift();
  while (clause.length && functionWord(tokens[clause[clause.length - 1]!]!)) clause.pop();
  const content = clause.filter((i) => !functionWord(tokens[i]!));
  const genre = new Set(analysis.genres.flatMap((g) => g.tokens));
  // A title names the game: it needs a genre word or a word of the player's own ("lava"), not
  // only settings ("a small canvas and easy"), and more than the bare word "game".
  const names = (i: number) => genre.has(i) || tokens[i]!.role.gameType || Object.keys(tokens[i]!.role).length === 0;
  if (!content.some(names) || content.every((i) => tokens[i]!.role.gameNoun && !tokens[i]!.role.gameType)) {
    return undefined;
  }
  const kept = clause.slice(0, MAX_TITLE_WORDS);
  const filler = new Set(englishCatalogue().fillers);
  const weak = (i: number) => functionWord(tokens[i]!) || filler.has(tokens[i]!.word);
  while (kept.length && weak(kept[kept.length - 1]!)) kept.pop();
  const words: string[] = [];
  for (const i of kept) {
    const source = tokens[i]!.source;
    const lower = functionWord(tokens[i]!);
    const english = analysis.language === 'en';
    if (words[words.length - 1] !== source) words.push(capitalized(source, words.length === 0, lower, english));
  }
  const title = words.join(' ').replace(/\s+/g, ' ').trim();
  if (title.length <= maxLength) return title;
  const cut = title.slice(0, maxLength + 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).trim();
}

/** Words of the player's that no rule, genre, keyword or setting used, in their own words. */
export function unusedWords(analysis: Analysis, template: TemplateSource, reported: readonly string[]): string[] {
  const { fillers } = englishCatalogue();
  const skip = new Set(fillers);
  const genreTokens = new Set(analysis.genres.flatMap((g) => g.tokens));
  const keywords = new Set([...template.keywords, template.category, template.id].map((k) => stem(k)));
  const already = new Set(reported.flatMap((r) => r.toLowerCase().split(/[\s']+/)));
  const intent = analysis.intent;
  const mentioned = new Set([...intent.colors, ...intent.counts, ...intent.size].map((x) => x.target));
  // "a darker background" is the adjustment background_brightness; "faster enemies", enemy_speed.
  for (const a of intent.adjustments) mentioned.add(a.parameter.split('_')[0]!);
  const out: string[] = [];
  analysis.tokens.forEach((t, i) => {
    if (out.length >= MAX_UNUSED || analysis.used.has(i) || genreTokens.has(i)) return;
    if (analysis.age?.tokens.includes(i)) return;
    if (!/\p{L}/u.test(t.word) || functionWord(t) || skip.has(t.word) || t.value !== undefined) return;
    const r = t.role;
    // Words the lexicon reads as a setting were reported by the rules if they went nowhere.
    if (r.param || r.direction || r.level || r.levelCue || r.unit || r.colorNoun || t.color || r.gameNoun) return;
    if (r.target && (mentioned.has(r.target) || templateHas(template, r.target))) return;
    if (keywords.has(stem(t.word)) || already.has(t.word) || already.has(t.source.toLowerCase())) return;
    const word = t.source.toLowerCase();
    if (!out.includes(word)) out.push(word);
  });
  return out;
}
