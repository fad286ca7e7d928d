// Pulling the game out of a model's answer: models wrap it in fences and prose, stop
// mid-file when they run out of tokens, or answer with something else entirely.
import type { Finding } from '../vocabulary.ts';
import { readConfig } from '../offline/config.ts';

export interface Extracted {
  html: string | undefined;
  summary: string | undefined;
  problems: Finding[];
}

// Any language tag, so that a ```js block's closing fence is never taken for an opening one.
const FENCE = /```([\w+-]*)[ \t]*\r?\n([\s\S]*?)(?:\r?\n```|$)/g;

/** The model's "SUMMARY:" line (also **SUMMARY**:), at most 500 characters. The indent is
 *  `[^\S\r\n]*`, not `\s*`: a `\s*` after `^` in multiline mode rescans every run of newlines
 *  from each of its lines (quadratic). After the colon the text may start on the next line. */
export function summaryOf(text: string): string | undefined {
  const m = /^[^\S\r\n]*(?:\*\*)?summary(?:\*\*)?[^\S\r\n]*:\s*(.+)$/im.exec(text);
  return m?.[1]?.trim().slice(0, 500);
}

/** The whole HTML document in `answer`, the model's summary line, and what is wrong. */
export function extractGame(answer: string, opts: { stopReason: string; maxBytes: number }): Extracted {
  const summary = summaryOf(answer);
  const problems: Finding[] = [];
  // Prefer a fenced block that holds a document; else the raw document in the prose.
  const fenced = [...answer.matchAll(FENCE)].map((m) => m[2] ?? '').filter((b) => /<html[\s>]|<!doctype html/i.test(b));
  let html = fenced.sort((a, b) => b.length - a.length)[0];
  if (!html) {
    const start = answer.search(/<!doctype html|<html[\s>]/i);
    if (start >= 0) html = answer.slice(start);
  }
  if (html) {
    const end = html.search(/<\/html\s*>/i);
    if (end >= 0) html = html.slice(0, end + html.slice(end).indexOf('>') + 1);
    html = html.trim();
  }
  if (!html) {
    problems.push({
      rule: 'output.no-document', severity: 'block',
      message: 'The answer held no HTML document. Answer with one complete HTML file inside a ```html fence.',
    });
    return { html: undefined, summary, problems };
  }
  if (opts.stopReason === 'length' || !/<\/html\s*>\s*$/i.test(html)) {
    problems.push({
      rule: 'output.truncated', severity: 'block',
      message: 'The document was cut off before </html>. Answer again with the complete file; keep it shorter '
        + '(simpler drawing code, fewer comments).',
    });
  }
  if (Buffer.byteLength(html, 'utf8') > opts.maxBytes) {
    problems.push({
      rule: 'output.too-large', severity: 'block',
      message: `The game is larger than ${opts.maxBytes} bytes. `
        + 'Make it smaller: remove unused code, comments and data.',
    });
  }
  return { html, summary, problems };
}

/** The document's <title> (3 to 200 characters), which names a new game. */
/** The title a player sees: a template game sets it at run time from its config block (its
 *  static <title> is a placeholder); any other game has its document's own. */
export function gameTitle(html: string): string | undefined {
  const configured = readConfig(html)?.title;
  if (typeof configured === 'string' && configured.trim().length >= 1) return configured.trim().slice(0, 200);
  return documentTitle(html);
}

export function documentTitle(html: string): string | undefined {
  // `[^<>]*`, not `[^>]*`: every `<title` opener would otherwise scan on past the next ones.
  const t = /<title[^<>]*>([^<]{3,200})<\/title>/i.exec(html)?.[1]?.trim();
  return t && t.length >= 3 ? t : undefined;
}
