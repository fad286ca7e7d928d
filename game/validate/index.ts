// The `validate` step: is this one well-formed HTML5 game document whose every script is
// readable JavaScript, with somewhere to draw, a game loop and input? Pure, synchronous and
// fast (a few ms for a 20 KB game), so the activity can call it inline.
import { readGame, type GameDocument, type ScriptKind } from './document.ts';
import type { ParserName } from './parse-script.ts';
import { scoreQuality } from './quality.ts';
import { analyzeStructure, type GameStructure, type StructureDetails } from './structure.ts';
import type { Finding, Severity } from '../vocabulary.ts';
import { withoutSpans } from '../../lib/text.ts';

export { readGame } from './document.ts';

export interface ValidationReport {
  ok: boolean; // false when any finding is 'block'
  findings: Finding[];
  code_quality: number; // 0..100
  size_bytes: number;
  scripts: { kind: ScriptKind; line: number; parser: ParserName; bytes: number }[];
  structure: GameStructure;
}

/** 256 KiB: generated games are 10–40 KB, and Temporal warns about payloads above this. */
export const DEFAULT_MAX_BYTES = 256 * 1024;

export function sourceLine(doc: GameDocument, line: number | undefined): string | undefined {
  const start = line ? doc.lineStarts[line - 1] : undefined;
  if (start === undefined) return undefined;
  const end = doc.html.indexOf('\n', start);
  const text = doc.html.slice(start, end === -1 ? undefined : end).trim();
  return text ? text.slice(0, 160) : undefined;
}

function finding(
  doc: GameDocument, rule: string, severity: Severity, message: string, at?: { line: number; column: number },
): Finding {
  const f: Finding = { rule, severity, message };
  if (at) {
    f.line = at.line;
    f.column = at.column;
    const source = sourceLine(doc, at.line);
    if (source) f.source = source;
  }
  return f;
}

/** Offsets of `re` matches that are markup (not inside script text, comments or attributes).
 *  The ranges are sorted once and searched by bisection: one scan per match was quadratic. */
function markupMatches(doc: GameDocument, re: RegExp): number[] {
  const ranges = [...doc.opaqueRanges].sort((a, b) => a[0] - b[0]);
  const reach: number[] = []; // the furthest end among ranges[0..i]
  for (const [i, [, e]] of ranges.entries()) reach.push(Math.max(e, reach[i - 1] ?? 0));
  const opaque = (at: number): boolean => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) { // the last range starting at or before `at`
      const mid = (lo + hi + 1) >> 1;
      if (ranges[mid]![0] <= at) lo = mid; else hi = mid - 1;
    }
    return ranges.length > 0 && ranges[lo]![0] <= at && at < reach[lo]!;
  };
  const out: number[] = [];
  for (const m of doc.html.matchAll(re)) if (!opaque(m.index)) out.push(m.index);
  return out;
}


/** Length of `html` without trailing whitespace and trailing comments, read from the end. */
function contentEnd(html: string): number {
  let end = html.trimEnd().length;
  while (html.endsWith('-->', end)) {
    const open = html.lastIndexOf('<!--', end - 3);
    if (open < 0) break;
    end = html.slice(0, open).trimEnd().length;
  }
  return end;
}

function documentShape(doc: GameDocument, findings: Finding[]): void {
  const html = doc.html;
  const lead = /^\s*/.exec(html)?.[0].length ?? 0;
  if (html[lead] !== '<') {
    findings.push(finding(doc, 'structure.stray-text', 'block',
      'Text before the document (markdown fence or prose): ' +
        'output only the HTML document, starting with <!DOCTYPE html>.',
      doc.position(lead)));
  }
  const withoutTrailingComments = html.slice(0, contentEnd(html));
  if (!withoutTrailingComments.endsWith('>')) {
    findings.push(finding(doc, 'structure.stray-text', 'block',
      'Text after the document (markdown fence or prose): output only the HTML document, ending with </html>.',
      doc.position(withoutTrailingComments.length - 1)));
  } else {
    const closes = markupMatches(doc, /<\/html\s*>/gi);
    const lastClose = closes[closes.length - 1];
    if (lastClose !== undefined &&
      /\S/.test(withoutSpans(html.slice(lastClose).replace(/^<\/html\s*>/i, ''), '<!--', '-->'))) {
      findings.push(finding(doc, 'structure.stray-text', 'block',
        'Content after </html>: put everything inside <body>.', doc.position(lastClose)));
    }
  }
  const doctypes = markupMatches(doc, /<!doctype\b/gi);
  const htmlTags = markupMatches(doc, /<html[\s>/]/gi);
  const second = doctypes[1] ?? htmlTags[1];
  if (second !== undefined) {
    findings.push(finding(doc, 'structure.multiple-documents', 'block',
      'More than one HTML document in the output: return exactly one <!DOCTYPE html> document.',
      doc.position(second)));
  }
  if (doctypes.length === 0) {
    findings.push(finding(doc, 'structure.no-doctype', 'info',
      'Start the document with <!DOCTYPE html> (without it the page renders in quirks mode).', { line: 1, column: 1 }));
  }
  if (doc.parseErrors.length > 0) {
    const first = doc.parseErrors[0]!;
    findings.push(finding(doc, 'markup.html-errors', 'info',
      `${doc.parseErrors.length} HTML parse error(s), first: ${first.code}; fix the markup so browsers agree on it.`,
      first));
  }
}

function scriptsAndData(doc: GameDocument, findings: Finding[]): void {
  for (const script of doc.scripts) {
    const err = script.parsed.error;
    if (script.parsed.parser === 'none' && err) {
      findings.push(finding(doc, 'parse.syntax-error', 'block',
        `This ${script.kind} script is not valid JavaScript (${err.message}); fix the syntax error.`,
        script.position(err.offset)));
    }
  }
  for (const block of doc.dataBlocks) {
    const jsonTypes = ['application/json', 'application/ld+json', 'importmap', 'speculationrules', 'text/json'];
    if (!jsonTypes.includes(block.type)) continue;
    try {
      JSON.parse(block.text);
    } catch (e) {
      const what = block.id === 'playforge-config' ? 'The playforge-config block' : `The ${block.type} block`;
      findings.push(finding(doc, 'markup.invalid-json', 'block',
        `${what} is not valid JSON (${(e as Error).message}); write strict JSON (double quotes, no trailing commas).`,
        block));
    }
  }
}

export function validateGame(html: string, opts: { maxBytes?: number } = {}): ValidationReport {
  return validationGate(html, opts.maxBytes)
    ?? validateDocument(readGame(html), Buffer.byteLength(html), opts.maxBytes);
}

/** The verdict on size and emptiness alone, before anything is parsed; undefined when the
 *  document is worth reading. */
export function validationGate(html: string, maxBytes = DEFAULT_MAX_BYTES): ValidationReport | undefined {
  const size_bytes = Buffer.byteLength(html);
  const findings: Finding[] = [];
  const emptyStructure = { has_canvas_or_root: false, has_game_loop: false, has_input: false };
  if (size_bytes > maxBytes) {
    // Do not parse arbitrarily large input: the size alone decides.
    findings.push({
      rule: 'size.too-large', severity: 'block',
      message: `The game is ${size_bytes} bytes; keep it under ${maxBytes} bytes (inline less data, simplify).`,
    });
    return { ok: false, findings, code_quality: 0, size_bytes, scripts: [], structure: emptyStructure };
  }
  if (!html.trim()) {
    findings.push({
      rule: 'structure.empty', severity: 'block', message: 'The output is empty: return a complete HTML document.',
    });
    return { ok: false, findings, code_quality: 0, size_bytes, scripts: [], structure: emptyStructure };
  }
  return undefined;
}

/** Validation of a document already read (the scan thread reads it once for both steps);
 *  its size has passed validationGate. */
export function validateDocument(
  doc: GameDocument, size_bytes: number, maxBytes = DEFAULT_MAX_BYTES, s: StructureDetails = analyzeStructure(doc),
): ValidationReport {
  const findings: Finding[] = [];
  if (size_bytes > maxBytes / 2) {
    findings.push({
      rule: 'size.large', severity: 'info',
      message: `The game is ${size_bytes} bytes, more than half the ${maxBytes}-byte limit.`,
    });
  }
  documentShape(doc, findings);
  scriptsAndData(doc, findings);

  // An unreadable script hides its loop and listeners: do not pile guesses on the real error.
  const readable = doc.scripts.every((sc) => sc.parsed.parser !== 'none' || sc.src !== undefined);
  if (!s.has_canvas_or_root) {
    findings.push(finding(doc, 'structure.no-root', 'block',
      'No <canvas> or game root element: draw the game into a <canvas> (or a #game element).'));
  }
  if (!s.has_game_loop && readable) {
    findings.push(finding(doc, 'structure.no-game-loop', 'block',
      s.usesEngine
        ? 'The Phaser engine is loaded but no `new Phaser.Game(config)` is created.'
        : 'No game loop: drive updates and drawing with requestAnimationFrame ' +
          '(or new Phaser.Game with the vendored engine).'));
  } else if (s.loop === 'interval' || s.loop === 'timeout') {
    findings.push(finding(doc, 'structure.timer-loop', 'info',
      'The game loop runs on a timer; requestAnimationFrame gives smoother frames and pauses in background tabs.'));
  }
  if (!s.has_input && readable) {
    findings.push(finding(doc, 'structure.no-input', 'review',
      'No input handling found: listen for keydown/keyup or pointer events so the player can play.'));
  }
  return {
    ok: !findings.some((f) => f.severity === 'block'),
    findings,
    code_quality: scoreQuality(doc, findings),
    size_bytes,
    scripts: doc.scripts.map((sc) => ({ kind: sc.kind, line: sc.line, parser: sc.parsed.parser, bytes: sc.bytes })),
    structure: {
      has_canvas_or_root: s.has_canvas_or_root, has_game_loop: s.has_game_loop, has_input: s.has_input,
    },
  };
}
