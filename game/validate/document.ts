// A game's HTML read the way a browser reads it (parse5, the HTML5 algorithm), flattened
// into what validate and scan both need: the elements, every piece of code the page can run
// (inline blocks, on* handlers, javascript: URLs, srcdoc documents, external src) parsed to
// ESTree, the data blocks, the CSS, and a mapping from any offset back to line:column.
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { HANDLER_PREFIX, HANDLER_SUFFIX, parseScript, type ParsedScript } from './parse-script.ts';

type PNode = DefaultTreeAdapterMap['node'];
type PElement = DefaultTreeAdapterMap['element'];

export interface Position { line: number; column: number } // both 1-based, like editors

export type ScriptKind = 'inline' | 'handler' | 'javascript-url' | 'srcdoc' | 'external';

export interface GameElement {
  index: number;
  parent: number; // -1 at the top
  tag: string;
  namespace: 'html' | 'svg' | 'math';
  attrs: Record<string, string>;
  line: number;
  column: number;
  /** Raw text of script/style/title/textarea elements. */
  text?: string;
  inSrcdoc: boolean;
}

export interface GameScript {
  kind: ScriptKind;
  code: string; // what was parsed (handlers include the function wrapper)
  module: boolean;
  src?: string;
  element: number;
  attr?: string;
  line: number;
  column: number;
  bytes: number;
  /** The syntax tree, parsed on first access (the smoke run needs only the code). */
  readonly parsed: ParsedScript;
  /** Position in the document of an offset into `code`. */
  position(offset: number): Position;
}

export interface DataBlock {
  element: number;
  type: string;
  id?: string;
  text: string;
  line: number;
  column: number;
}
export interface StyleText { element: number; text: string; line: number; column: number; attr: boolean }

export interface GameDocument {
  html: string; // newlines normalised to \n, as the HTML tokenizer sees them
  bytes: number;
  elements: GameElement[];
  scripts: GameScript[];
  dataBlocks: DataBlock[];
  styles: StyleText[];
  parseErrors: { code: string; line: number; column: number }[];
  /** Source ranges that are not markup: raw text of script/style/…, comments, attributes. */
  opaqueRanges: [number, number][];
  lineStarts: number[];
  position(offset: number): Position;
}

export const JS_TYPES = new Set([
  '', 'text/javascript', 'application/javascript', 'application/ecmascript', 'text/ecmascript',
  'application/x-javascript', 'application/x-ecmascript', 'text/x-javascript', 'text/x-ecmascript', 'text/jscript',
  'text/livescript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2', 'text/javascript1.3',
  'text/javascript1.4', 'text/javascript1.5', 'module']);
const JSON_TYPES = new Set(['application/json', 'application/ld+json', 'importmap', 'speculationrules', 'text/json']);
const MAX_SRCDOC_DEPTH = 3;

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionIn(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** How the browser decides a <script> runs: 'js', 'json' (data that must parse), or 'data'. */
export function scriptTypeOf(
  el: { attrs: Record<string, string> },
): { run: 'js' | 'json' | 'data'; module: boolean; type: string } {
  const type = (el.attrs.type ?? el.attrs.language ?? '').trim().toLowerCase();
  if (JS_TYPES.has(type)) return { run: 'js', module: type === 'module', type };
  if (JSON_TYPES.has(type)) return { run: 'json', module: false, type };
  // Parameters or odd spellings of a JS type: treat as code, the safe reading for a scanner.
  if (/(java|ecma|j|live)script/.test(type)) return { run: 'js', module: false, type };
  return { run: 'data', module: false, type };
}

/** Browsers drop tabs and newlines anywhere in a URL and leading C0/space before the scheme. */
export function javascriptUrlBody(value: string): { code: string; skipped: number } | null {
  const cleaned = value.replace(/[\t\n\r]/g, '');
  const lead = /^[\u0000-\u0020]*/.exec(cleaned)?.[0].length ?? 0;
  if (!/^javascript:/i.test(cleaned.slice(lead))) return null;
  const raw = cleaned.slice(lead + 'javascript:'.length);
  let code = raw;
  try {
    code = decodeURIComponent(raw);
  } catch {
    code = raw.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return { code, skipped: lead + 'javascript:'.length };
}

/** Offset of an attribute's value in the source, from the offset where the attribute starts. */
function attrValueOffset(html: string, attrStart: number, attrEnd: number): number {
  const eq = html.indexOf('=', attrStart);
  if (eq === -1 || eq >= attrEnd) return attrStart;
  let i = eq + 1;
  while (i < attrEnd && /\s/.test(html[i] ?? '')) i++;
  if (html[i] === '"' || html[i] === "'") i++;
  return i;
}

function isElement(node: PNode): node is PElement {
  return 'tagName' in node;
}

interface Walk {
  doc: GameDocument;
  html: string;
  depth: number;
  /** Inside a srcdoc document every position is the iframe attribute's position. */
  fixed?: Position;
}

function addScript(
  w: Walk, s: Omit<GameScript, 'position' | 'parsed' | 'bytes' | 'line' | 'column'>, base: number, bias: number,
): void {
  const { fixed, doc } = w;
  const position = fixed
    ? (): Position => fixed
    : (offset: number): Position => doc.position(base + Math.max(0, offset - bias));
  const start = position(bias);
  let parsed: ParsedScript | undefined;
  doc.scripts.push({
    ...s, position, line: start.line, column: start.column,
    bytes: Buffer.byteLength(s.code) - (s.kind === 'handler' ? HANDLER_PREFIX.length + HANDLER_SUFFIX.length : 0),
    get parsed(): ParsedScript {
      parsed ??= s.src !== undefined
        ? { ast: null, parser: 'none', comments: [] }
        : parseScript(s.code, { module: s.module });
      return parsed;
    },
  });
}

function visitElement(w: Walk, node: PElement, parent: number): number {
  const { doc, html } = w;
  const loc = node.sourceCodeLocation;
  const here = w.fixed ?? (loc ? { line: loc.startLine, column: loc.startCol } : { line: 1, column: 1 });
  const attrs: Record<string, string> = {};
  for (const a of node.attrs) attrs[a.prefix ? `${a.prefix}:${a.name}` : a.name] = a.value;
  const ns = node.namespaceURI.endsWith('svg') ? 'svg' : node.namespaceURI.endsWith('MathML') ? 'math' : 'html';
  const el: GameElement = {
    index: doc.elements.length, parent, tag: node.tagName.toLowerCase(), namespace: ns, attrs,
    line: here.line, column: here.column, inSrcdoc: w.fixed !== undefined,
  };
  doc.elements.push(el);

  for (const a of node.attrs) {
    const name = a.prefix ? `${a.prefix}:${a.name}` : a.name;
    const aloc = loc?.attrs?.[name] ?? loc?.attrs?.[a.name];
    if (aloc && !w.fixed) doc.opaqueRanges.push([aloc.startOffset, aloc.endOffset]);
    const valueAt = aloc && !w.fixed ? attrValueOffset(html, aloc.startOffset, aloc.endOffset) : 0;
    if (/^on[a-z]/i.test(a.name)) {
      addScript(w, {
        kind: w.fixed ? 'srcdoc' : 'handler', code: HANDLER_PREFIX + a.value + HANDLER_SUFFIX, module: false,
        element: el.index, attr: name,
      }, valueAt, HANDLER_PREFIX.length);
      continue;
    }
    const js = javascriptUrlBody(a.value);
    if (js) {
      addScript(w, {
        kind: w.fixed ? 'srcdoc' : 'javascript-url', code: js.code, module: false, element: el.index, attr: name,
      }, valueAt + js.skipped, 0);
      continue;
    }
    if (a.name === 'srcdoc' && el.tag === 'iframe' && w.depth < MAX_SRCDOC_DEPTH) {
      const at = w.fixed ?? (aloc ? { line: aloc.startLine, column: aloc.startCol } : here);
      walkDocument({ doc, html: a.value, depth: w.depth + 1, fixed: at }, a.value);
    }
    if (a.name === 'style') {
      doc.styles.push({ element: el.index, text: a.value, line: here.line, column: here.column, attr: true });
    }
  }

  const textNode = node.childNodes
    .find((c) => c.nodeName === '#text') as DefaultTreeAdapterMap['textNode'] | undefined;
  if (['script', 'style', 'title', 'textarea'].includes(el.tag)) {
    el.text = node.childNodes
      .map((c) => (c.nodeName === '#text' ? (c as DefaultTreeAdapterMap['textNode']).value : ''))
      .join('');
  }
  const textAt = textNode?.sourceCodeLocation?.startOffset ?? loc?.startTag?.endOffset ?? 0;
  const textLoc = textNode?.sourceCodeLocation;
  if (el.text !== undefined && textLoc && !w.fixed) {
    doc.opaqueRanges.push([textLoc.startOffset, textLoc.endOffset]);
  }
  const textPos = w.fixed ?? doc.position(textAt);
  if (el.tag === 'script') {
    const kind = scriptTypeOf(el);
    if (attrs.src !== undefined) {
      addScript(w, {
        kind: w.fixed ? 'srcdoc' : 'external', code: '', module: kind.module, src: attrs.src, element: el.index,
      }, loc?.startOffset ?? 0, 0);
    } else if (kind.run === 'js') {
      addScript(w, {
        kind: w.fixed ? 'srcdoc' : 'inline', code: el.text ?? '', module: kind.module, element: el.index,
      }, textAt, 0);
    } else {
      doc.dataBlocks.push({
        element: el.index, type: kind.type, id: attrs.id, text: el.text ?? '',
        line: textPos.line, column: textPos.column,
      });
    }
  } else if (el.tag === 'style') {
    doc.styles.push({
      element: el.index, text: el.text ?? '', line: textPos.line, column: textPos.column, attr: false,
    });
  }

  return el.index;
}

function childrenOf(node: PElement): PNode[] {
  return node.tagName === 'template' ? (node as DefaultTreeAdapterMap['template']).content.childNodes : node.childNodes;
}

function walkDocument(w: Walk, html: string): void {
  const root = parse(html, {
    sourceCodeLocationInfo: !w.fixed,
    onParseError: w.fixed ? null : (e) => {
      w.doc.parseErrors.push({ code: e.code, line: e.startLine, column: e.startCol });
    },
  });
  // Depth-first with an explicit stack, in document order: a page of 50,000 nested <div>s is
  // valid HTML and must not overflow the call stack.
  const stack: { node: PNode; parent: number }[] = [...root.childNodes].reverse().map((node) => ({ node, parent: -1 }));
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node, parent } = next;
    if (isElement(node)) {
      const index = visitElement(w, node, parent);
      const children = childrenOf(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: index });
    } else if (node.nodeName === '#comment' && node.sourceCodeLocation && !w.fixed) {
      w.doc.opaqueRanges.push([node.sourceCodeLocation.startOffset, node.sourceCodeLocation.endOffset]);
    }
  }
}

/** Parse a whole game document. Pure; the last few results are cached because validate and
 *  scan read the same string back to back in the pipeline, the CLI and the benchmark. */
export function readGame(input: string): GameDocument {
  const hit = cache.get(input);
  if (hit) return hit;
  const html = input.replace(/\r\n?/g, '\n');
  const starts = lineStartsOf(html);
  const doc: GameDocument = {
    html, bytes: Buffer.byteLength(input), elements: [], scripts: [], dataBlocks: [], styles: [], parseErrors: [],
    opaqueRanges: [], lineStarts: starts,
    position: (offset) => positionIn(starts, offset),
  };
  walkDocument({ doc, html, depth: 0 }, html);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(input, doc);
  return doc;
}

const CACHE_SIZE = 4;
const cache = new Map<string, GameDocument>();
