// Every piece of CSS a game carries or builds (<style>, style="…", SVG presentation attributes,
// strings code hands to the page's styles), judged on css-tree's syntax tree: `url()` in all its
// spellings, `@import`, `image-set()` strings, `@font-face` sources, `expression()`, `behavior`
// and `-moz-binding`. css-tree decodes what the CSS tokenizer decodes (quoted and escaped URLs);
// names (`u\rl(`, `@im\port`, `b\65havior`) are decoded here. Where css-tree recovered from an
// error, or left text unparsed (custom properties), a linear scan of the same text backs it up,
// so a malformed block cannot carry a URL past the judge.
import * as csstree from 'css-tree';
import { reserve, tick } from '../budget.ts';
import type { Severity } from '../../vocabulary.ts';
import type { RuleInfo } from './api-rules.ts';
import { judgeUrl } from './url-judge.ts';
import { withoutSpans } from '../../../lib/text.ts';

const r = (rule: string, severity: Severity, message: string): RuleInfo => ({ rule, severity, message });

export const CSS_RULES = {
  cssUrl: r('network.css-url', 'block', 'Remove external url(...) from CSS: embed images and fonts as data: URIs.'),
  cssImport: r('external.css-import', 'block', 'Remove @import from CSS: put all styles inline.'),
  cssExpression: r('dynamic-code.css-expression', 'block',
    'Remove CSS expression()/behavior/-moz-binding: CSS must not run code.'),
  cssScriptUrl: r('dynamic-code.css-javascript-url', 'block',
    'Remove javascript: URLs from CSS: CSS must not run code.'),
};

export interface CssRisk { info: RuleInfo; detail?: string }

/** Where the text goes: a whole style sheet, the inside of style="…", or one property value. */
export type CssContext = 'stylesheet' | 'declarations' | 'value';

const CONTEXT: Record<CssContext, string> = {
  stylesheet: 'stylesheet', declarations: 'declarationList', value: 'value',
};
/** Functions whose bare string arguments are URLs (`image-set("a.png" 1x)`). */
const STRING_URL_FUNCTIONS = new Set([
  'image-set', '-webkit-image-set', 'url', 'src', 'cross-fade', '-webkit-cross-fade',
]);
const CODE_PROPERTIES = new Set(['behavior', '-moz-binding']);
/** css-tree cannot be interrupted, so one parse is bounded instead: CSS with more than this many
 *  characters outside data: URIs (cheap single tokens) is judged by the linear scan alone, which
 *  flags everything the tree walk would. Between parses the walk ticks the scan's clock. */
const TREE_MAX_COST = 48 * 1024;

function decodeName(name: string): string {
  return (name.includes('\\') ? csstree.ident.decode(name) : name).toLowerCase();
}

class Judge {
  readonly out: CssRisk[] = [];
  private readonly seen = new Set<string>();
  private readonly judged = new Set<string>();

  add(info: RuleInfo, detail?: string): void {
    const key = `${info.rule}|${detail ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push({ info, detail });
  }

  url(value: string): void {
    if (this.judged.has(value)) return;
    this.judged.add(value);
    const { kind } = judgeUrl(value);
    if (kind === 'external') this.add(CSS_RULES.cssUrl, value.slice(0, 120));
    else if (kind === 'javascript') this.add(CSS_RULES.cssScriptUrl, value.slice(0, 120));
  }

  tree(ast: csstree.CssNode): void {
    // `@namespace url(…)` names an XML namespace; nothing is fetched from it.
    let namespace: csstree.CssNode | undefined;
    csstree.walk(ast, {
      enter: (node: csstree.CssNode) => {
        tick();
        if (namespace) return;
        this.node(node);
        if (node.type === 'Atrule' && decodeName(node.name) === 'namespace') namespace = node;
      },
      leave: (node: csstree.CssNode) => { if (node === namespace) namespace = undefined; },
    });
  }

  private node(node: csstree.CssNode): void {
    switch (node.type) {
      case 'Url': this.url(node.value); break;
      case 'Atrule': {
        const name = decodeName(node.name);
        if (name === 'import') {
          this.add(CSS_RULES.cssImport);
          csstree.walk(node, (n) => { if (n.type === 'String') this.url(n.value); });
        }
        break;
      }
      case 'Declaration':
        if (CODE_PROPERTIES.has(decodeName(node.property))) this.add(CSS_RULES.cssExpression);
        break;
      case 'Function': {
        const name = decodeName(node.name);
        if (name === 'expression') this.add(CSS_RULES.cssExpression);
        if (STRING_URL_FUNCTIONS.has(name)) {
          node.children.forEach((child) => { if (child.type === 'String') this.url(child.value); });
        }
        break;
      }
      case 'Raw': this.linear(node.value); break;
      default: break;
    }
  }

  /** The backup: CSS escapes decoded, comments dropped, then every opener found with indexOf. */
  linear(css: string): void {
    const original = withoutNamespaces(decodeEscapes(withoutComments(css)));
    // ASCII-only lowercasing keeps every offset valid in `original`.
    const text = original.replace(/[A-Z]+/g, (m) => m.toLowerCase());
    for (const opener of ['url(', 'image-set(', 'src(', 'cross-fade(']) {
      // Each search resumes after the argument just read, so every character is read once per opener.
      for (let at = text.indexOf(opener); at >= 0; at = text.indexOf(opener, at)) {
        tick();
        const args = argumentsAt(original, at + opener.length, opener !== 'url(');
        for (const arg of args.values) this.url(arg);
        at = Math.max(args.end, at + opener.length);
      }
    }
    const imp = text.indexOf('@import');
    if (imp >= 0) {
      this.add(CSS_RULES.cssImport);
      for (const arg of argumentsAt(original, imp + 7, true).values) this.url(arg);
    }
    if (/expression\s{0,64}\(|behavior\s{0,64}:|-moz-binding/.test(text)) this.add(CSS_RULES.cssExpression);
  }
}

/** CSS without its comments; an unclosed comment runs to the end, as in the browser. */
export function withoutComments(css: string): string {
  return withoutSpans(css, '/*', '*/');
}

/** `@namespace …;` statements dropped (XML namespace names are never fetched). Each search resumes
 *  where the last statement ended, so the text is read once. */
function withoutNamespaces(css: string): string {
  const lower = css.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  let out = '';
  let at = 0;
  for (let open = lower.indexOf('@namespace', at); open >= 0; open = lower.indexOf('@namespace', at)) {
    let end = open + 10;
    while (end < css.length && css[end] !== ';' && css[end] !== '{' && css[end] !== '}') end++;
    out += css.slice(at, open);
    // Only a statement ended by `;` is a namespace rule; otherwise keep the text for the scan.
    out += css[end] === ';' ? '' : css.slice(open, end);
    at = end;
  }
  return out + css.slice(at);
}

/** CSS escapes decoded as the tokenizer does: `\75 ` and `\r` both stand for letters. */
export function decodeEscapes(css: string): string {
  if (!css.includes('\\')) return css;
  return css.replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-fA-F]))/g, (_m, hex?: string, ch?: string) =>
    (hex ? String.fromCodePoint(Math.min(0x10ffff, parseInt(hex, 16)) || 0xfffd) : ch ?? ''));
}

/** From just after an opener: a quoted string or a bare token (the url( form), or every quoted
 *  string up to the closing `)` (image-set), and where reading stopped. */
function argumentsAt(text: string, from: number, strings: boolean): { values: string[]; end: number } {
  const values: string[] = [];
  let i = from;
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    const quote = text[i] === '"' || text[i] === "'" ? text[i]! : undefined;
    if (quote) {
      const end = text.indexOf(quote, i + 1);
      const stop = end < 0 ? text.length : end;
      values.push(text.slice(i + 1, stop));
      i = stop + 1;
      if (!strings) break;
      continue;
    }
    if (!strings) {
      let end = i;
      while (end < text.length && !/[()\s'"]/.test(text[end]!)) end++;
      values.push(text.slice(i, end));
      i = end;
      break;
    }
    if (/[);{}(]/.test(text[i] ?? ')')) break;
    i++;
  }
  return { values, end: i };
}

/** Characters css-tree would have to work through: data: URI payloads are one token each. */
function treeCost(text: string): number {
  let cost = text.length;
  const lower = text.length > TREE_MAX_COST ? text.toLowerCase() : text;
  for (let at = lower.indexOf('data:'); at >= 0 && cost > TREE_MAX_COST; at = lower.indexOf('data:', at + 5)) {
    let end = at + 5;
    while (end < lower.length && lower[end] !== ')' && lower[end] !== '"' && lower[end] !== "'") end++;
    cost -= end - at;
    at = end;
  }
  return cost;
}

/** Without a backslash (escapes) every name that could load or run something appears literally:
 *  text with none of these cannot carry a finding, and most style attributes are such text. */
const MAY_LOAD = /url|image-set|@import|src|expression|behavior|binding|\\/i;

/** Pure in its input, so repeated texts (the same style="…" on many elements) are judged once. */
const MEMO_MAX_ENTRIES = 512;
const MEMO_MAX_CHARS = 2048;
const memo = new Map<string, CssRisk[]>();

/** Findings for one piece of CSS (a style sheet, a style="…" value, one property value). */
export function cssRisks(text: string, context: CssContext = 'stylesheet'): CssRisk[] {
  tick();
  if (!MAY_LOAD.test(text)) return [];
  const key = text.length <= MEMO_MAX_CHARS ? `${context}|${text}` : undefined;
  const known = key === undefined ? undefined : memo.get(key);
  if (known) return known;
  const risks = judgeCss(text, context);
  if (key !== undefined) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
    memo.set(key, risks);
  }
  return risks;
}

function judgeCss(text: string, context: CssContext): CssRisk[] {
  const judge = new Judge();
  if (treeCost(text) > TREE_MAX_COST || !reserve(text.length)) {
    judge.linear(text);
    return judge.out;
  }
  let errors = 0;
  let ast: csstree.CssNode | undefined;
  try {
    ast = csstree.parse(text, {
      context: CONTEXT[context], parseRulePrelude: false, parseCustomProperty: false,
      onParseError: () => { errors++; },
    });
  } catch (e) {
    // Outside a style sheet css-tree throws instead of recovering; the linear scan judges then.
    if (e instanceof RangeError) throw e;
    errors++;
  }
  if (ast) judge.tree(ast);
  if (errors > 0) judge.linear(text);
  return judge.out;
}
