// A sentence → words, in the language it is written in, → the English words the rest of the
// engine reads. Words come from Intl.Segmenter (so "l'avion", "1,000" and "800x600" stay
// whole); French elisions are dropped ("l'", "qu'"); German compounds are split against the
// word list ("Rennspiel" → renn + spiel); numbers in words become digits; then each phrase of
// the language's word list, compared by Snowball stems, becomes its English meaning. Every
// English word keeps the player's own words it came from, for titles and honest reports.
import { stemmer as stemDe } from '@orama/stemmers/german';
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemEs } from '@orama/stemmers/spanish';
import { stemmer as stemFr } from '@orama/stemmers/french';
import { baseColor } from './colors.ts';
import { fold, LANGUAGES, languageData, type Language } from './language.ts';
import { roleOf } from './lexicon.ts';
import { numberAt } from './numbers.ts';

export interface Word {
  /** Lower-case English word (or number, #hex, punctuation mark) that the analysis reads. */
  text: string;
  /** The player's own word(s) it came from, with their case. */
  source: string;
}

/** Analysis reads at most this much; longer text is ignored past it (documented limit). */
export const MAX_ANALYZED_CHARS = 20_000;
const MAX_WORDS = 4_000;
/** Longer words are never split as compounds (the split is quadratic in the word's length). */
const MAX_COMPOUND_CHARS = 40;
const MIN_COMPOUND_PART = 3;
/** German joins compound parts with these ("Geschwindigkeit-s-anzeige"). */
const LINKS = ['', 's', 'es', 'n', 'en'];
const KEPT_MARKS = new Set(['.', ',', ';', '!', '?', '\n', ':', '=', '(', ')', '&', '×']);
const HEX_RE = /^(?:[0-9a-f]{3}|[0-9a-f]{6})$/;

const STEMMERS: Record<Language, (word: string) => string> = { en: stemEn, fr: stemFr, de: stemDe, es: stemEs };

// Stems of the words seen lately, per language: the same words (the templates' keywords, common
// prompt words) are stemmed on every job. Bounded; long words are not kept.
const STEMS_KEPT = 20_000;
const MAX_KEPT_WORD = 40;
const stems: Record<Language, Map<string, string>> = { en: new Map(), fr: new Map(), de: new Map(), es: new Map() };

/** The Snowball stem of a folded word in `language`. */
export function stem(word: string, language: Language = 'en'): string {
  const kept = stems[language];
  const known = kept.get(word);
  if (known !== undefined) return known;
  const result = /^\p{L}+$/u.test(word) ? STEMMERS[language](word) : word;
  if (word.length <= MAX_KEPT_WORD) {
    if (kept.size >= STEMS_KEPT) kept.clear();
    kept.set(word, result);
  }
  return result;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Words and the punctuation that splits clauses, with the player's case kept in `source`. */
export function segmentWords(text: string): Word[] {
  const normalized = text.slice(0, MAX_ANALYZED_CHARS).normalize('NFKC').replace(/[’‘`´]/g, "'");
  const out: Word[] = [];
  let hash = false;
  for (const part of segmenter.segment(normalized)) {
    if (out.length >= MAX_WORDS) break;
    const raw = part.segment;
    if (!part.isWordLike) {
      hash = raw === '#';
      for (const ch of raw) if (KEPT_MARKS.has(ch) && out.length < MAX_WORDS) out.push({ text: ch, source: ch });
      continue;
    }
    let word = raw.toLowerCase();
    let source = raw;
    if (hash && HEX_RE.test(word)) {
      word = `#${word}`;
      source = `#${raw}`;
    }
    hash = false;
    // "player's" → "player": the possessive never changes what is meant here.
    if (word.endsWith("'s")) word = word.slice(0, -2);
    out.push({ text: word, source });
  }
  return out;
}

/**
 * The sentence's language: each language counts its marker words (articles, prepositions,
 * "game") and the words of its list that differ from their English meaning ("serpent" does,
 * "tetris" does not), its number words, and the words written with its own letters ("ß", "ñ"); English counts its
 * markers and the words its lexicon knows. English wins
 * ties, so a sentence with nothing to go on reads as English.
 */
export function detectLanguage(words: readonly string[]): Language {
  const folded = words.map(fold);
  let best: Language = 'en';
  let bestHits = 0;
  for (const code of LANGUAGES) {
    const markers = new Set(languageData(code).markers);
    let hits = folded.filter((w) => markers.has(w)).length;
    if (code === 'en') hits += words.filter((w) => /^\p{L}/u.test(w) && roleOf(w)).length;
    else {
      const letters = [...languageData(code).letters];
      const n = languageData(code).numbers;
      const number = (w: string) => w in n.units || w in n.tens || w in n.hundreds || w in n.scales;
      hits += folded.filter((w) => lexiconOf(code).distinct.has(w) || number(w)).length +
        phraseHits(lexiconOf(code), folded) + words.filter((w) => letters.some((l) => w.includes(l))).length;
    }
    if (hits > bestHits) {
      best = code;
      bestHits = hits;
    }
  }
  return best;
}

/** Listed phrases of two or more words in the sentence, each counting twice (they say more). */
function phraseHits(lex: Lexicon, folded: string[]): number {
  let hits = 0;
  for (let i = 0; i < folded.length; i++) {
    for (let n = Math.min(lex.longest, folded.length - i); n >= 2; n--) {
      if (lex.forms.has(folded.slice(i, i + n).join(' '))) {
        hits += 2;
        break;
      }
    }
  }
  return hits;
}

interface Lexicon {
  /** Single listed words that are not their own English meaning, for detectLanguage. */
  distinct: Set<string>;
  /** Folded phrase ("jeu de plateforme") → English words: exact forms decide first. */
  forms: Map<string, string[]>;
  /** Stemmed phrase ("jeu de plateform") → English words, for the forms not listed. When two
   *  meanings share a stem ("Spiel", "Spieler"), the shorter listed form keeps it. */
  phrases: Map<string, string[]>;
  /** Stems of single words in the list, for compound splitting. */
  parts: Set<string>;
  longest: number;
  elisions: RegExp | undefined;
}

const lexicons = new Map<Language, Lexicon>();

/** A listed form read the way a sentence is: folded, split at spaces and hyphens, elisions dropped. */
function phraseWords(phrase: string, elisions: RegExp | undefined): string[] {
  return fold(phrase).split(/[\s-]+/).map((w) => (elisions ? w.replace(elisions, '') : w)).filter(Boolean);
}

function lexiconOf(language: Language): Lexicon {
  let lex = lexicons.get(language);
  if (lex) return lex;
  const data = languageData(language);
  const elisions = data.elisions.length
    ? new RegExp(`^(?:${data.elisions.map(fold).join('|')})'(?=\\p{L})`, 'u')
    : undefined;
  const forms = new Map<string, string[]>();
  const phrases = new Map<string, string[]>();
  const stemLength = new Map<string, number>();
  const parts = new Set<string>();
  const distinct = new Set<string>();
  for (const [english, listed] of Object.entries(data.words)) {
    const meaning = english.split(' ').filter(Boolean);
    for (const form of listed) {
      const words = phraseWords(form, elisions);
      if (words.length === 0) continue;
      forms.set(words.join(' '), meaning);
      const key = words.map((w) => stem(w, language)).join(' ');
      const length = words.join(' ').length;
      if ((stemLength.get(key) ?? Infinity) > length) {
        phrases.set(key, meaning);
        stemLength.set(key, length);
      }
      if (words.length === 1) parts.add(key).add(words[0]!);
      if (words.length === 1 && words[0] !== english) distinct.add(words[0]!);
    }
  }
  const longest = Math.max(1, ...[...phrases.keys()].map((k) => k.split(' ').length));
  lex = { distinct, forms, phrases, parts, longest, elisions };
  lexicons.set(language, lex);
  return lex;
}

function known(lex: Lexicon, piece: string, language: Language): boolean {
  return lex.parts.has(piece) || lex.parts.has(stem(piece, language));
}

/** "rennspiel" → ["renn", "spiel"]; undefined unless every part (after a linking s/es/n/en) is known. */
export function splitCompound(word: string, language: Language): string[] | undefined {
  const lex = lexiconOf(language);
  if (word.length > MAX_COMPOUND_CHARS || word.length < 2 * MIN_COMPOUND_PART || !/^\p{L}+$/u.test(word)) {
    return undefined;
  }
  const memo = new Map<number, string[] | null>();
  const from = (at: number): string[] | null => {
    if (at === word.length) return [];
    const cached = memo.get(at);
    if (cached !== undefined) return cached;
    let best: string[] | null = null;
    for (let end = word.length; end - at >= MIN_COMPOUND_PART; end--) {
      const piece = word.slice(at, end);
      if (!known(lex, piece, language)) continue;
      for (const link of LINKS) {
        if (link && !word.startsWith(link, end)) continue;
        const rest = from(end + link.length);
        if (rest && (!best || rest.length + 1 < best.length)) best = [piece, ...rest];
      }
    }
    memo.set(at, best);
    return best;
  };
  const parts = from(0);
  return parts && parts.length > 1 ? parts : undefined;
}

/** One language's words → folded words ready to look up: elisions dropped, compounds split. */
function prepared(words: Word[], language: Language): Word[] {
  const lex = lexiconOf(language);
  const compounds = languageData(language).numbers.compounds;
  const out: Word[] = [];
  for (const w of words) {
    let text = fold(w.text);
    if (lex.elisions) text = text.replace(lex.elisions, '');
    const whole = lex.forms.has(text) || lex.phrases.has(stem(text, language));
    const split = compounds && !whole ? splitCompound(text, language) : undefined;
    if (split) for (const piece of split) out.push({ text: piece, source: w.source });
    else out.push({ text, source: w.source });
  }
  return out;
}

/** The longest listed phrase of at least `min` words at `i`: exact forms first, then stems. */
function phraseAt(
  lex: Lexicon, texts: string[], stems: string[], i: number, min: number,
): { meaning: string[]; length: number } | undefined {
  for (let n = Math.min(lex.longest, texts.length - i); n >= min; n--) {
    const meaning = lex.forms.get(texts.slice(i, i + n).join(' ')) ?? lex.phrases.get(stems.slice(i, i + n).join(' '));
    if (meaning) return { meaning, length: n };
  }
  return undefined;
}

/** Words of any language → English words for the analysis. English passes through as it is. */
export function englishWords(text: string): { language: Language; words: Word[] } {
  const raw = segmentWords(typeof text === 'string' ? text : '');
  const language = detectLanguage(raw.map((w) => w.text));
  if (language === 'en') return { language, words: raw };
  const lex = lexiconOf(language);
  const numbers = languageData(language).numbers;
  const words = prepared(raw, language);
  const texts = words.map((w) => w.text);
  const stems = texts.map((w) => stem(w, language));
  const out: Word[] = [];
  for (let i = 0; i < words.length; ) {
    // A listed phrase first ("drei gewinnt", "tres en raya"), then a number, then a listed word.
    const phrase = phraseAt(lex, texts, stems, i, 2);
    const number = phrase ? undefined : numberAt(texts, i, numbers);
    if (number) {
      out.push({ text: String(number.value), source: sourceOf(words, i, number.length) });
      i += number.length;
      continue;
    }
    const found = phrase ?? phraseAt(lex, texts, stems, i, 1);
    if (!found) {
      out.push(words[i]!);
      i += 1;
      continue;
    }
    const source = sourceOf(words, i, found.length);
    // A function word with no English counterpart ("de" in "jeu de…") maps to no word at all.
    for (const english of found.meaning) out.push({ text: english, source });
    i += found.length;
  }
  if (languageData(language).adjectives_after) colorsBeforeNouns(out);
  return { language, words: out };
}

/** "bricks red" → "red bricks", "enemy dark blue" stays for the colour rules to read whole. */
function colorsBeforeNouns(words: Word[]): void {
  for (let i = 0; i + 1 < words.length; i++) {
    if (roleOf(words[i]!.text)?.target && baseColor(words[i + 1]!.text) && !roleOf(words[i + 1]!.text)?.target) {
      // The English order for the rules, the player's order for titles: only the texts trade places.
      [words[i]!.text, words[i + 1]!.text] = [words[i + 1]!.text, words[i]!.text];
      i++;
    }
  }
}

/** The words of `words[from, from + count)` as the player wrote them. */
export function sourceOf(words: Word[], from: number, count: number): string {
  const parts: string[] = [];
  for (const w of words.slice(from, from + count)) if (parts[parts.length - 1] !== w.source) parts.push(w.source);
  return parts.join(' ');
}
