// Numbers written in words, in the sentence's language: "twenty-five" → 25, "a hundred and
// fifty" → 150, "vingt et un" → 21, "quatre-vingt-dix" → 90, "fünfundzwanzig" → 25,
// "treinta y cinco" → 35. A run of number words becomes one value; words that cannot
// continue the number ("two and three", "five twenty") start a new one. Linear in the
// input; a compound word is split only when it is at most MAX_COMPOUND characters long.
import { fold, type NumberWords } from './language.ts';

const MAX_COMPOUND = 40;
/** No number in words needs more ("two thousand five hundred and forty five" is 7): the
 *  reader never looks further ahead, which keeps a long run of number words linear. */
const MAX_RUN_WORDS = 12;
/** Longest multi-word entry in the word lists ("quatre vingts", "dix sept"), in words. */
const MAX_PHRASE = 2;

type Part =
  | { kind: 'add'; value: number }
  | { kind: 'hundred'; value: number }
  | { kind: 'scale'; value: number }
  | { kind: 'article' }
  | { kind: 'connector' };

function partOf(words: NumberWords, word: string): Part | undefined {
  const w = fold(word);
  // "un", "ein": an article first; it is a one only where a number needs it ("vingt et un").
  if (words.articles.includes(w)) return { kind: 'article' };
  const add = words.units[w] ?? words.tens[w];
  if (add !== undefined) return { kind: 'add', value: add };
  if (words.hundreds[w] !== undefined) return { kind: 'hundred', value: words.hundreds[w] };
  if (words.scales[w] !== undefined) return { kind: 'scale', value: words.scales[w] };
  if (words.connectors.includes(w)) return { kind: 'connector' };
  return undefined;
}

const partsCache = new WeakMap<NumberWords, string[]>();

function compoundParts(words: NumberWords): string[] {
  let known = partsCache.get(words);
  if (!known) {
    known = [...Object.keys(words.units), ...Object.keys(words.tens), ...Object.keys(words.hundreds),
      ...Object.keys(words.scales), ...words.connectors].filter((k) => !k.includes(' '));
    partsCache.set(words, known);
  }
  return known;
}

/** "fünfundzwanzig" → fünf, und, zwanzig; undefined unless the whole word splits into parts. */
function splitCompound(words: NumberWords, word: string): string[] | undefined {
  const w = fold(word);
  if (w.length > MAX_COMPOUND) return undefined;
  const known = compoundParts(words);
  // Memoised on the position, so the search is linear in the word's length times the lexicon.
  const memo = new Map<number, string[] | null>();
  const from = (at: number): string[] | null => {
    if (at === w.length) return [];
    const cached = memo.get(at);
    if (cached !== undefined) return cached;
    let found: string[] | null = null;
    for (const k of known) {
      if (!w.startsWith(k, at)) continue;
      const rest = from(at + k.length);
      if (rest && (!found || rest.length + 1 < found.length)) found = [k, ...rest];
    }
    memo.set(at, found);
    return found;
  };
  const parts = from(0);
  return parts && parts.length > 1 ? parts : undefined;
}

/** The place of the lowest non-zero digit: 20 → 10, 150 → 10, 200 → 100, 7 → 1. */
function lowestPlace(n: number): number {
  let place = 1;
  while (n > 0 && n % (place * 10) === 0) place *= 10;
  return place;
}

interface Run {
  value: number;
  /** Words taken from the input, from the start. */
  length: number;
}

/** Reads one number from `parts` (already split), or undefined when it does not start one. */
function readNumber(parts: Part[]): { value: number; used: number } | undefined {
  let total = 0;
  let current = 0;
  let lastScale = Infinity;
  let used = 0;
  const canAdd = (v: number): boolean => {
    if (current === 0) return true;
    // French counts 70 and 90 as 60 + 10..19 and 80 + 10..19.
    if (current % 100 === 60 || current % 100 === 80) return v < 20;
    return v < lowestPlace(current);
  };
  const unit = (): number => current % 10;
  /** May `next` follow a connector? "a hundred and fifty", "vingt et un", and the German
   *  unit-before-tens order "fünf und zwanzig" (then the tens are added to the unit). */
  const joins = (next: Part | undefined): boolean => {
    const value = next?.kind === 'add' ? next.value : next?.kind === 'article' ? 1 : undefined;
    if (value === undefined) return false;
    if (current % 10 === 0) return canAdd(value);
    return value >= 20 && value < 100 && value % 10 === 0 && (current - unit()) % 100 === 0;
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.kind === 'add' && parts[i - 1]?.kind === 'connector' && current % 10 !== 0) {
      current += p.value; // "fünfundzwanzig": 5, und, 20
      used = i + 1;
      continue;
    }
    if (p.kind === 'add' && canAdd(p.value)) current += p.value;
    else if (p.kind === 'hundred' && current < 100) current = (current || 1) * p.value;
    else if (p.kind === 'scale' && p.value < lastScale) {
      total += (current || 1) * p.value;
      current = 0;
      lastScale = p.value;
    } else if (p.kind === 'article' && used === 0 && ['hundred', 'scale'].includes(parts[i + 1]?.kind ?? '')) {
      current = 1;
    } else if (p.kind === 'connector' && used > 0 && joins(parts[i + 1])) {
      // The connector is consumed here; the part after it is added on the next turn.
    } else if (p.kind === 'article' && parts[i - 1]?.kind === 'connector' && canAdd(1)) {
      current += 1;
    } else break;
    used = i + 1;
  }
  // A run cut after its connector ends before it; a lone article or connector is no number.
  while (used > 0 && parts[used - 1]!.kind === 'connector') used--;
  if (used === 0 || (used === 1 && parts[0]!.kind === 'article')) return undefined;
  return { value: total + current, used };
}

/**
 * The number that starts at words[at], if any, with how many words it spans. Multi-word list
 * entries ("dix sept") count as one part; a compound word is split into its parts.
 */
export function numberAt(words: readonly string[], at: number, lexicon: NumberWords): Run | undefined {
  const parts: Part[] = [];
  const spans: number[] = []; // words consumed up to and including each part
  let i = at;
  const end = Math.min(words.length, at + MAX_RUN_WORDS);
  while (i < end) {
    let matched = false;
    for (let n = Math.min(MAX_PHRASE, end - i); n >= 1 && !matched; n--) {
      const part = partOf(lexicon, words.slice(i, i + n).join(' '));
      if (part) {
        parts.push(part);
        i += n;
        spans.push(i - at);
        matched = true;
      }
    }
    if (matched) continue;
    const split = lexicon.compounds ? splitCompound(lexicon, words[i]!) : undefined;
    if (!split) break;
    for (const piece of split) {
      parts.push(partOf(lexicon, piece)!);
      spans.push(i + 1 - at);
    }
    i += 1;
  }
  let read = readNumber(parts);
  // A compound word is taken whole or not at all: a number that ends inside one ends before it.
  while (read && read.used < parts.length && spans[read.used] === spans[read.used - 1]) {
    const word = spans[read.used - 1]!;
    const before = spans.findIndex((s) => s === word);
    read = before > 0 ? readNumber(parts.slice(0, before)) : undefined;
  }
  return read ? { value: read.value, length: spans[read.used - 1]! } : undefined;
}
