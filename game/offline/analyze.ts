// analyzeDescription: a sentence → Intent, deterministically and without I/O. Also finds the
// requests it could not place ("add sound effects"), which the engine reports honestly.
import { shadeWord } from './colors.ts';
import { findDirections, jumpCueNear } from './directions.ts';
import type { Level } from './lexicon.ts';
import { findColors, findNumbers, findRemovals, findSizes, targetRight, type Findings } from './phrases.ts';
import { extractTitle } from './title.ts';
import { extractQuestions } from './questions.ts';
import { findAge, findGenres, stemSentence, type GenreMatch, type StemmedSentence } from './genres.ts';
import type { Language } from './language.ts';
import { MAX_ANALYZED_CHARS, segments, tokenizeRead, type Segment, type Token } from './tokens.ts';
import { englishWords } from './words.ts';
import type { Intent } from './types.ts';

/** Something asked for that the lexicon does not place: a phrase, and the thing it names if known. */
export interface Request {
  phrase: string;
  target?: string;
}

export interface Analysis {
  intent: Intent;
  /** "add sound effects" → 'sound effects'; "with lasers" → 'lasers' (target bullet). */
  requests: Request[];
  /** Every word form the sentence offers a template's keywords: each word, and each pair and
   *  triple of words joined plainly and with hyphens ("tic tac toe" → "tictactoe",
   *  "tic-tac-toe"), so "crossy road" meets "crossy-road". Lower case, unique, capped. */
  mentions: string[];
  /** Genres the sentence names, strongest first, including ones the library may lack ("chess"). */
  genres: GenreMatch[];
  /** The player's own quiz questions, in the quiz template's format (questions.ts). */
  questions?: string;
  /** "for my 5 year old" → 5; "for the kids" → 6. */
  age?: { age: number; tokens: number[] };
  language: Language;
  tokens: Token[];
  sentence: StemmedSentence;
  /** Tokens a rule already read (numbers, colours, directions, sizes, genre, age, title). */
  used: Set<number>;
}

const MAX_REQUESTS = 5;
/** Above any named genre: a list of questions is a quiz. */
const OWN_QUESTIONS_POINTS = 10;
const MAX_MENTIONS = 600;
const MAX_KEYWORDS = 40;

/** The genre: the strongest of the named genres (genres.ts) and the summed hint words of the lexicon. */
function gameType(tokens: Token[], segs: Segment[], named: GenreMatch[]): string | null {
  const score = new Map<string, number>();
  const first = new Map<string, number>();
  const counted = new Set<string>();
  for (const seg of segs) {
    for (let i = seg.start; i < seg.end; i++) {
      const cue = tokens[i]!.role.gameType;
      if (!cue) continue;
      // "a shooter, not a platformer"
      const before = tokens.slice(Math.max(seg.start, i - 2), i);
      if (before.some((t) => t.role.negation)) continue;
      // A cue word counts once: "shooter … shooter" is not twice the shooter.
      if (counted.has(tokens[i]!.word)) continue;
      counted.add(tokens[i]!.word);
      score.set(cue.type, (score.get(cue.type) ?? 0) + cue.weight);
      if (!first.has(cue.type)) first.set(cue.type, i);
    }
  }
  for (const genre of named) {
    if ((score.get(genre.category) ?? 0) < genre.score) score.set(genre.category, genre.score);
    const at = tokens.length + genre.at; // after the lexicon's positions only when it has none
    if (!first.has(genre.category)) first.set(genre.category, at);
  }
  let best: string | null = null;
  for (const [type, points] of score) {
    if (points < 1) continue;
    const bestPoints = best === null ? -1 : score.get(best)!;
    if (points > bestPoints || (points === bestPoints && first.get(type)! < first.get(best!)!)) best = type;
  }
  return best;
}

const OPPOSITE: Record<Level, Level> = { easy: 'hard', hard: 'easy', medium: 'medium' };

function difficulty(tokens: Token[], segs: Segment[]): Level | null {
  let level: Level | null = null;
  for (const seg of segs) {
    for (let i = seg.start; i < seg.end; i++) {
      const found = tokens[i]!.role.level;
      if (!found) continue;
      const window = tokens.slice(Math.max(seg.start, i - 3), Math.min(seg.end, i + 4));
      if (tokens[i]!.role.levelNeedsCue && !window.some((t) => t.role.levelCue)) continue;
      const before = tokens.slice(Math.max(seg.start, i - 3), i);
      if (!before.some((t) => t.role.negation)) level = found;
      // "not too hard" asks for the middle; "not hard" / "not easy" for the other end.
      else level = before.some((t) => ['too', 'very', 'so', 'overly'].includes(t.word)) ? 'medium' : OPPOSITE[found];
    }
  }
  return level;
}

/** Unknown words after "add", "include", "with": the player asked for something we cannot place. */
function requests(tokens: Token[], segs: Segment[]): Request[] {
  const out: Request[] = [];
  let asking = false;
  for (const seg of segs) {
    // "with sound effects and a boss": the list after a request word is still the request.
    const continues = asking && tokens[seg.start]!.role.splitter === 'list';
    asking = false;
    for (let i = seg.start; i < seg.end && out.length < MAX_REQUESTS; i++) {
      if (!tokens[i]!.role.request && !(continues && i === seg.start)) continue;
      asking = true;
      const words: string[] = [];
      let j = i + 1;
      while (j < seg.end && (tokens[j]!.role.determiner || tokens[j]!.role.intensifier)) j++;
      const named = targetRight(tokens, seg, j, 0, true);
      // A known thing with no rule applied to it ("with lasers") is reported with its target.
      if (named !== undefined && j === named) {
        out.push({ phrase: tokens[named]!.word, target: tokens[named]!.role.target! });
        continue;
      }
      for (; j < seg.end && words.length < 3; j++) {
        const t = tokens[j]!;
        if (Object.keys(t.role).length > 0 || t.color || shadeWord(t.word) || t.value !== undefined || t.dims ||
          !/\p{L}/u.test(t.word)) break;
        words.push(t.word);
      }
      // "with shiny gems": adjectives in front of a thing the lexicon knows.
      const thing = words.length ? targetRight(tokens, seg, j, 2) : undefined;
      if (thing !== undefined) out.push({ phrase: tokens[thing]!.word, target: tokens[thing]!.role.target! });
      else if (words.length) out.push({ phrase: words.join(' ').slice(0, 40) });
    }
  }
  return out;
}

function mentions(tokens: Token[]): string[] {
  const words = tokens.map((t) => t.word).filter((w) => /^[\p{L}\p{N}]/u.test(w) && !w.includes(' '));
  const out = new Set<string>();
  for (let i = 0; i < words.length && out.size < MAX_MENTIONS; i++) {
    out.add(words[i]!);
    for (const n of [2, 3]) {
      const group = words.slice(i, i + n);
      if (group.length < n) break;
      out.add(group.join(''));
      out.add(group.join('-'));
    }
  }
  return [...out];
}

function keywords(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const r = t.role;
    const meaningful = r.target || r.gameType || r.param || r.direction || r.level || r.unit ||
      t.color || t.dims || t.value !== undefined;
    if (meaningful && !out.includes(t.word) && out.length < MAX_KEYWORDS) out.push(t.word);
  }
  return out;
}

/** Keep one entry per thing: the last word about it wins, the strongest step survives. */
function deduplicate(found: Findings): void {
  const lastBy = <T>(items: T[], key: (item: T) => string): T[] => {
    const map = new Map<string, T>();
    for (const item of items) {
      map.delete(key(item));
      map.set(key(item), item);
    }
    return [...map.values()];
  };
  found.colors = lastBy(found.colors, (c) => c.target);
  found.counts = lastBy(found.counts, (c) => c.target);
  found.size = lastBy(found.size, (s) => s.target);
  const merged = new Map<string, Intent['adjustments'][number]>();
  for (const a of found.adjustments) {
    const prior = merged.get(a.parameter);
    if (prior && prior.direction === a.direction && prior.amount === undefined && a.amount === undefined) {
      prior.strength = Math.max(prior.strength, a.strength) as 1 | 2;
      continue;
    }
    merged.delete(a.parameter);
    merged.set(a.parameter, { ...a });
  }
  found.adjustments = [...merged.values()];
}

function confidence(intent: Omit<Intent, 'confidence'>, unplaced: number, empty: boolean): number {
  if (empty) return 0;
  const elements = intent.colors.length + intent.adjustments.length + intent.counts.length + intent.size.length +
    (intent.difficulty ? 1 : 0) + (intent.title ? 1 : 0);
  if (!intent.game_type && elements === 0) return 0.1;
  const value = (intent.game_type ? 0.5 : 0.2) + Math.min(0.45, elements * 0.15) - 0.05 * unplaced;
  return Math.round(Math.min(0.95, Math.max(0.1, value)) * 100) / 100;
}

export function analyze(text: string): Analysis {
  const source = typeof text === 'string' ? text : '';
  const own = extractQuestions(source.slice(0, MAX_ANALYZED_CHARS));
  const unlisted = own ? own.rest : source;
  const title = extractTitle(unlisted.slice(0, MAX_ANALYZED_CHARS));
  const read = englishWords(title ? title.rest : unlisted);
  const tokens = tokenizeRead(read.words);
  const sentence = stemSentence(tokens, read.language !== 'en');
  const genres = findGenres(sentence);
  // A list of questions is a quiz, whatever else the words say.
  if (own && !genres.some((g) => g.category === 'quiz')) {
    genres.unshift({ category: 'quiz', phrase: 'questions', score: OWN_QUESTIONS_POINTS, at: -1, tokens: [] });
  }
  const age = findAge(tokens, sentence);
  const segs = segments(tokens);
  const found: Findings = { colors: [], adjustments: [], counts: [], size: [], used: new Set() };
  for (const seg of segs) {
    findNumbers(tokens, seg, found);
    findRemovals(tokens, seg, found);
    findColors(tokens, seg, found);
    findDirections(tokens, seg, found);
    findSizes(tokens, seg, found, (i) => jumpCueNear(tokens, seg, i));
  }
  deduplicate(found);
  const partial = {
    game_type: gameType(tokens, segs, genres),
    title: title?.title ?? null,
    colors: found.colors,
    adjustments: found.adjustments,
    counts: found.counts,
    difficulty: difficulty(tokens, segs),
    size: found.size,
    keywords: keywords(tokens),
  };
  const asked = requests(tokens, segs);
  const unplaced = asked.filter((r) => !r.target).length;
  return {
    intent: { ...partial, confidence: confidence(partial, unplaced, tokens.length === 0 && !title) },
    requests: asked,
    mentions: mentions(tokens),
    genres,
    ...(age ? { age } : {}),
    language: read.language,
    ...(own ? { questions: own.questions } : {}),
    tokens,
    sentence,
    used: found.used,
  };
}

export function analyzeDescription(text: string): Intent {
  return analyze(text).intent;
}
