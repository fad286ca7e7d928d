// Game titles: found in the sentence ('called "Sky Hop"', 'named Moon Run', 'rename it to X'),
// cleaned of control and bidi characters, and cut to a template's max_length safely.

const KEYWORD_RE = new RegExp(
  String.raw`(?:^|[^\p{L}\p{N}])(?:` +
    // 'called X', 'rename it to X', 'name the game: X'
    String.raw`(?:called|named|titled|entitled|rename(?:\s+(?:it|the\s+game))?` +
    String.raw`|(?:call|name|title)\s+(?:it|the\s+game))(?:\s+(?:to|as))?\s*[:=]?` +
    // 'the title is X', 'name: X'
    String.raw`|(?:the\s+)?(?:title|name)(?:\s+(?:to|as|is)|\s*[:=])` +
  String.raw`)\s*`,
  'giu',
);
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»', '„': '“', '「': '」' };
/** Words that end an unquoted title: "called Sky Hop where you jump". */
const TITLE_STOP = new Set([
  'and', 'with', 'where', 'that', 'which', 'who', 'in', 'on', 'for', 'but', 'or', 'then', 'while', 'please', 'using',
]);
const MAX_TITLE_WORDS = 6;
const MAX_TITLE_CHARS = 200;

export interface TitleMatch {
  title: string;
  /** The sentence with the title phrase blanked out, so "called Red Planet" paints nothing red. */
  rest: string;
}

/** Control characters, zero-width and bidi overrides: never useful in a title, sometimes hostile. */
export function cleanTitle(raw: string): string {
  return raw
    .replace(/[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `max` UTF-16 units (what checkValue counts) without splitting a surrogate pair. */
export function truncateTitle(title: string, max: number): string {
  if (title.length <= max) return title;
  let out = '';
  for (const ch of title) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.trimEnd();
}

function quotedTitle(text: string, from: number): { title: string; end: number } | undefined {
  const open = text[from];
  const close = open === undefined ? undefined : QUOTES[open];
  if (!close) return undefined;
  const end = text.indexOf(close, from + 1);
  if (end < 0 || end - from > MAX_TITLE_CHARS) return undefined;
  return { title: text.slice(from + 1, end), end: end + 1 };
}

function unquotedTitle(text: string, from: number): { title: string; end: number } {
  const tail = text.slice(from, from + MAX_TITLE_CHARS);
  const sentence = /[.!?;,\n](?:\s|$)|\n/.exec(tail);
  const chunk = sentence ? tail.slice(0, sentence.index) : tail;
  const words: string[] = [];
  let consumed = 0;
  for (const match of chunk.matchAll(/\S+/g)) {
    if (TITLE_STOP.has(match[0].toLowerCase()) || words.length >= MAX_TITLE_WORDS) break;
    words.push(match[0]);
    consumed = match.index + match[0].length;
  }
  return { title: words.join(' '), end: from + consumed };
}

export function extractTitle(text: string): TitleMatch | undefined {
  KEYWORD_RE.lastIndex = 0;
  for (let match = KEYWORD_RE.exec(text); match; match = KEYWORD_RE.exec(text)) {
    const from = match.index + match[0].length;
    const found = quotedTitle(text, from) ?? unquotedTitle(text, from);
    const title = cleanTitle(found.title).replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '').trim();
    if (!title) continue;
    return { title, rest: `${text.slice(0, match.index)} . ${text.slice(found.end)}` };
  }
  return undefined;
}
