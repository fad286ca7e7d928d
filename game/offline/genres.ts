// Phrases found in a sentence by their English stems, in order, with at most MAX_GAP other
// words between their words: "flip the cards to find the pairs" names "flip cards". Used for
// genres ("tetris", "stack falling shapes"), a template's themes ("neon", "zombies") and ages.
import { englishCatalogue } from './language.ts';
import type { Token } from './tokens.ts';
import { stem } from './words.ts';

const MAX_GAP = 2;
const NAMED_POINTS = 6;
const WEAK_POINTS = 4;
const LONGER_PHRASE_POINTS = 0.5;
const MORE_PHRASE_POINTS = 0.25;
const MAX_POSITIONS = 64;
/** The age read from "for the kids", "for children": young enough for no fail state. */
const YOUNG = 6;

/** A sentence's words as stems, one entry per word (a merged token counts its words). */
export interface StemmedSentence {
  stems: string[];
  /** Index of the token each stem came from. */
  token: number[];
  /** Stem → positions, so a phrase is looked up from its first word. */
  at: Map<string, number[]>;
  negated: boolean[];
  /** Read from another language: phrases match in any word order. */
  anyOrder: boolean;
}

export function stemSentence(tokens: Token[], anyOrder = false): StemmedSentence {
  const out: StemmedSentence = { stems: [], token: [], at: new Map(), negated: [], anyOrder };
  let negation = -10;
  tokens.forEach((t, i) => {
    if (t.role.negation) negation = out.stems.length;
    if (t.role.splitter === 'sentence' || t.role.splitter === 'always') negation = -10;
    for (const word of t.word.split(' ')) {
      if (!word) continue;
      const s = stem(word);
      const list = out.at.get(s) ?? [];
      if (list.length < MAX_POSITIONS) list.push(out.stems.length);
      out.at.set(s, list);
      out.negated.push(out.stems.length - negation <= 3);
      out.stems.push(s);
      out.token.push(i);
    }
  });
  return out;
}

const phraseCache = new Map<string, string[]>();
function phraseStems(phrase: string): string[] {
  let stems = phraseCache.get(phrase);
  if (!stems) {
    stems = phrase.toLowerCase().split(/[\s-]+/).filter(Boolean).map((w) => stem(w));
    phraseCache.set(phrase, stems);
  }
  return stems;
}

/** Where `phrase` starts and ends in the sentence (word positions), or undefined. Not negated.
 *  In order for English; in any order for a sentence read from another language, whose word
 *  order the translation keeps ("Zombies abschießen" → "zombies shoot" names "shoot zombies"). */
export function findPhrase(
  sentence: StemmedSentence, phrase: string, anyOrder = sentence.anyOrder,
): { from: number; to: number } | undefined {
  const stems = phraseStems(phrase);
  if (stems.length === 0) return undefined;
  if (anyOrder && stems.length > 1) return unordered(sentence, stems);
  for (const start of sentence.at.get(stems[0]!) ?? []) {
    if (sentence.negated[start]) continue;
    let last = start;
    let ok = true;
    for (const next of stems.slice(1)) {
      const found = (sentence.at.get(next) ?? []).find((p) => p > last && p - last <= MAX_GAP + 1);
      if (found === undefined) {
        ok = false;
        break;
      }
      last = found;
    }
    if (ok) return { from: start, to: last };
  }
  return undefined;
}

/** Every stem of the phrase within a window as long as the ordered match may span. */
function unordered(sentence: StemmedSentence, stems: string[]): { from: number; to: number } | undefined {
  const window = stems.length + MAX_GAP * (stems.length - 1);
  for (const start of sentence.at.get(stems[0]!) ?? []) {
    if (sentence.negated[start]) continue;
    let from = start;
    let to = start;
    const ok = stems.slice(1).every((next) => {
      const found = (sentence.at.get(next) ?? []).find((p) => Math.abs(p - start) < window);
      if (found === undefined) return false;
      from = Math.min(from, found);
      to = Math.max(to, found);
      return true;
    });
    if (ok && to - from < window) return { from, to };
  }
  return undefined;
}

export interface GenreMatch {
  /** A template category ("snake", "platformer") or a genre the library may not have ("chess"). */
  category: string;
  phrase: string;
  score: number;
  /** Word position of its first match, for ties (the first named wins). */
  at: number;
  /** Tokens the phrases covered. */
  tokens: number[];
}

/** Every genre the sentence names, strongest first. */
export function findGenres(sentence: StemmedSentence): GenreMatch[] {
  const out: GenreMatch[] = [];
  for (const [category, entry] of Object.entries(englishCatalogue().genres)) {
    let best: GenreMatch | undefined;
    let found = 0;
    const tokens = new Set<number>();
    for (const listed of entry.phrases) {
      const weak = listed.startsWith('~');
      const phrase = weak ? listed.slice(1) : listed;
      const hit = findPhrase(sentence, phrase);
      if (!hit) continue;
      found++;
      for (let p = hit.from; p <= hit.to; p++) tokens.add(sentence.token[p]!);
      const score = (weak ? WEAK_POINTS : NAMED_POINTS) + LONGER_PHRASE_POINTS * (phraseStems(phrase).length - 1);
      if (!best || score > best.score || (score === best.score && hit.from < best.at)) {
        best = { category, phrase, score, at: hit.from, tokens: [] };
      }
    }
    if (best) out.push({ ...best, score: best.score + MORE_PHRASE_POINTS * (found - 1), tokens: [...tokens] });
  }
  return out.sort((a, b) => b.score - a.score || a.at - b.at);
}

/** "for my 5 year old", "pour mon fils de 5 ans" (read as "5 years"), "for the kids". */
export function findAge(tokens: Token[], sentence: StemmedSentence): { age: number; tokens: number[] } | undefined {
  const { ages } = englishCatalogue();
  const yearStems = new Set(ages.year.map((w) => stem(w)));
  for (let i = 0; i < tokens.length; i++) {
    const value = tokens[i]!.value;
    if (value === undefined || value < 1 || value > 16 || !Number.isInteger(value)) continue;
    const next = tokens[i + 1];
    if (next && next.word.split(' ').some((w) => yearStems.has(stem(w)))) {
      return { age: value, tokens: agePhrase(tokens, i, i + 1) };
    }
  }
  for (const phrase of ages.young) {
    const hit = findPhrase(sentence, phrase);
    if (hit) return { age: YOUNG, tokens: agePhrase(tokens, sentence.token[hit.from]!, sentence.token[hit.to]!) };
  }
  return undefined;
}

/** "for my 5 year old son": the whole phrase, so it is neither in the title nor reported unused. */
function agePhrase(tokens: Token[], from: number, to: number): number[] {
  const { ages } = englishCatalogue();
  const after = new Set(['old', ...ages.family]);
  let start = from;
  let end = to;
  while (end + 1 < tokens.length && end - to < 3 && after.has(tokens[end + 1]!.word)) end++;
  while (start > 0 && from - start < 3 && (tokens[start - 1]!.role.determiner || tokens[start - 1]!.word === 'for' ||
    ages.family.includes(tokens[start - 1]!.word))) start--;
  return Array.from({ length: end - start + 1 }, (_, k) => start + k);
}
