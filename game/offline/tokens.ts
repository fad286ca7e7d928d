// Sentence → tagged words → clauses. Pure string work, linear in the input length.
import { baseColor, hexLiteral, shadeWord } from './colors.ts';
import { LONGEST_PHRASE, roleOf, type WordRole } from './lexicon.ts';
import { languageData } from './language.ts';
import { numberAt } from './numbers.ts';
import { englishWords, sourceOf, type Word } from './words.ts';

export interface Token {
  /** Lower-case word or phrase ("jump height"), or a punctuation mark. */
  word: string;
  role: WordRole;
  /** The player's own words this token came from (any language, their case). */
  source: string;
  /** Set for digits and number words. */
  value?: number;
  /** "800x600", "5x5". */
  dims?: [number, number];
  /** A colour word or #hex: its value before shading. */
  color?: string;
}

export interface Segment {
  start: number;
  /** Exclusive. */
  end: number;
}

export { MAX_ANALYZED_CHARS } from './words.ts';
function tagged(word: string, source: string): Token {
  const token: Token = { word, source, role: roleOf(word) ?? {} };
  if (word === '×') token.word = 'x';
  const dims = /^(\d+)x(\d+)$/.exec(word);
  if (dims) token.dims = [Number(dims[1]), Number(dims[2])];
  else if (/^\d/.test(word)) token.value = Number(word.replace(/,/g, ''));
  else if (token.role.number !== undefined) token.value = token.role.number;
  const color = hexLiteral(word) ?? baseColor(word);
  if (color) token.color = color;
  return token;
}

/** Words (read in English, see words.ts), with English numbers written in words ("twenty-five")
 *  read and known multi-word phrases ("time limit", "a lot of") merged. */
export function tokenize(text: string): Token[] {
  return tokenizeRead(englishWords(text).words);
}

/** Other languages' numbers are digits by now; English number words are read here. */
export function tokenizeRead(read: Word[]): Token[] {
  const words = read.map((w) => w.text);
  const numberWords = languageData('en').numbers;
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; ) {
    const number = numberAt(words, i, numberWords);
    // One word the lexicon already reads as a number keeps its lexicon reading.
    if (number && (number.length > 1 || roleOf(words[i]!)?.number === undefined)) {
      const word = words.slice(i, i + number.length).join(' ');
      const source = sourceOf(read, i, number.length);
      tokens.push({ word, source, role: { number: number.value }, value: number.value });
      i += number.length;
      continue;
    }
    let taken = 1;
    for (let n = Math.min(LONGEST_PHRASE, words.length - i); n >= 2; n--) {
      if (roleOf(words.slice(i, i + n).join(' '))) {
        taken = n;
        break;
      }
    }
    tokens.push(tagged(words.slice(i, i + taken).join(' '), sourceOf(read, i, taken)));
    i += taken;
  }
  return tokens;
}

function startsNounList(tokens: Token[], from: number): boolean {
  let i = from;
  while (i < tokens.length && tokens[i]!.role.determiner) i++;
  const next = tokens[i];
  return next !== undefined && next.role.target !== undefined && next.color === undefined;
}

/**
 * Clauses: split at sentence marks (dropped), at "but/then/where/with…" (kept as the first
 * word of the new clause) and at "and/or/," unless a list of things goes on ("the player
 * and the enemies red" stays one clause, "red and jump higher" does not).
 */
export function segments(tokens: Token[]): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  const close = (end: number) => {
    if (end > start) out.push({ start, end });
  };
  tokens.forEach((token, i) => {
    const split = token.role.splitter;
    if (split === 'sentence') {
      close(i);
      start = i + 1;
    } else if (split === 'always' || (split === 'list' && !startsNounList(tokens, i + 1))) {
      close(i);
      start = i;
    }
  });
  close(tokens.length);
  return out;
}

/** Adjectives and unknown words that may stand between a colour or number and its noun. */
export function isSkippable(token: Token): boolean {
  const r = token.role;
  if (token.color || shadeWord(token.word) || r.colorNoun) return true;
  return !(
    r.target || r.verb || r.link || r.determiner || r.splitter || r.stop || r.number !== undefined || r.negation ||
    r.pronoun || r.param || r.unit || r.request || r.gameNoun || token.value !== undefined || token.dims
  );
}

/** What "it" / "them" at `index` refers to: the last thing of that number mentioned before. */
export function antecedent(tokens: Token[], index: number): string | undefined {
  const plural = tokens[index]?.role.pronoun === 'plural';
  for (let i = index - 1; i >= 0; i--) {
    const r = tokens[i]!.role;
    if (r.target && !r.gameNoun && Boolean(r.plural) === plural) return r.target;
  }
  return undefined;
}

/** True when a negation ("not", "don't", "no", "without") stands within 3 words before `index` in the clause. */
export function negatedAt(tokens: Token[], seg: Segment, index: number): boolean {
  for (let i = Math.max(seg.start, index - 3); i < index; i++) if (tokens[i]!.role.negation) return true;
  return false;
}

export function spanText(tokens: Token[], from: number, to: number): string {
  return tokens
    .slice(Math.min(from, to), Math.max(from, to) + 1)
    .map((t) => t.word)
    .join(' ')
    .slice(0, 60);
}
