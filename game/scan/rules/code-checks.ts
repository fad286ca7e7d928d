// Small, pure judgements the rule pass asks about one node or one value: is this URL
// external, is this HTML string script-bearing, how big is this allocation, can this loop
// ever exit, is this literal hiding letters behind escapes, is this blob media or code.
import type * as ESTree from 'estree';
import { childrenOf, type JsNode } from '../../validate/walk.ts';
import { globalPaths, isComplete, options, stringsOf, type Resolver } from '../resolver/resolve.ts';
import type { Scope } from '../resolver/scope.ts';
import { tick } from '../budget.ts';
import { judgeUrl } from './url-judge.ts';
import { loadsOrRuns } from './html-markup.ts';

export type UrlRisk = 'external' | 'javascript' | null;

/** The leading constant text of a string expression (`'https://x/?' + data` → 'https://x/?'). */
export function constantPrefix(node: JsNode, scope: Scope, resolver: Resolver): string | undefined {
  const whole = stringsOf(resolver.value(node, scope));
  if (whole.length) return whole[0];
  if (node.type === 'BinaryExpression' && node.operator === '+' && node.left.type !== 'PrivateIdentifier') {
    return constantPrefix(node.left, scope, resolver);
  }
  if (node.type === 'TemplateLiteral') return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** 'external' when the URL leaves the page, 'javascript' when it is code (see url-judge.ts). */
export function urlRisk(url: string | undefined): UrlRisk {
  const { kind } = judgeUrl(url);
  return kind === 'external' || kind === 'javascript' ? kind : null;
}

/** Every string an expression may be, plus its constant prefix when it is not fully known. */
export function candidateStrings(
  node: JsNode, scope: Scope, resolver: Resolver,
): { strings: string[]; known: boolean } {
  const v = resolver.value(node, scope);
  const strings = stringsOf(v);
  if (strings.length) return { strings, known: isComplete(v) };
  const prefix = constantPrefix(node, scope, resolver);
  return { strings: prefix === undefined ? [] : [prefix], known: false };
}

/** Literal text anywhere inside an expression (for HTML built by concatenation). */
export function literalTexts(node: JsNode): string[] {
  const out: string[] = [];
  const visit = (n: JsNode): void => {
    tick();
    if (n.type === 'Literal' && typeof n.value === 'string') out.push(n.value);
    else if (n.type === 'TemplateElement') out.push(n.value.cooked ?? n.value.raw);
    for (const c of childrenOf(n)) visit(c);
  };
  visit(node);
  return out;
}

export function isScriptBearingHtml(html: string): boolean {
  return loadsOrRuns(html);
}

const TYPED_ARRAY_BYTES: Record<string, number> = {
  Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1, Int16Array: 2, Uint16Array: 2, Int32Array: 4, Uint32Array: 4,
  Float16Array: 2, Float32Array: 4, Float64Array: 8, BigInt64Array: 8, BigUint64Array: 8, ArrayBuffer: 1,
  SharedArrayBuffer: 1,
};
export const REVIEW_BYTES = 64 * 1024 * 1024;
export const BLOCK_BYTES = 512 * 1024 * 1024;

/** Bytes a constructor call with this numeric size argument would allocate, if it is one. */
export function allocationBytes(ctor: string, count: number): number | undefined {
  if (!Number.isFinite(count) || count <= 0) return undefined;
  if (ctor === 'Array') return count * 8;
  const size = TYPED_ARRAY_BYTES[ctor];
  return size === undefined ? undefined : count * size;
}

function isConstantTruthy(test: JsNode | null | undefined): boolean {
  if (!test) return true;
  if (test.type === 'Literal') return Boolean(test.value);
  if (test.type === 'UnaryExpression' && test.operator === '!' && test.argument.type === 'Literal') {
    return !test.argument.value;
  }
  if (test.type === 'ArrayExpression' || test.type === 'ObjectExpression') return true;
  return false;
}

type Loop = ESTree.WhileStatement | ESTree.DoWhileStatement | ESTree.ForStatement;

/** `while (true)` / `for (;;)` whose body has no break, return, throw, await or yield for it. */
export function isEndlessLoop(loop: Loop, label: string | undefined): boolean {
  if (!isConstantTruthy(loop.test)) return false;
  let exits = false;
  const visit = (n: JsNode, nestedBreakable: boolean, labels: string[]): void => {
    if (exits) return;
    tick(); // nested endless loops each walk their whole body
    switch (n.type) {
      case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression': case 'ClassBody':
        return;
      case 'ReturnStatement': case 'ThrowStatement': case 'YieldExpression': case 'AwaitExpression':
        exits = true;
        return;
      case 'BreakStatement':
        if (n.label ? n.label.name === label || !labels.includes(n.label.name) : !nestedBreakable) exits = true;
        return;
      case 'ContinueStatement':
        if (n.label && n.label.name !== label && !labels.includes(n.label.name)) exits = true;
        return;
      case 'WhileStatement': case 'DoWhileStatement': case 'ForStatement':
      case 'ForInStatement': case 'ForOfStatement': case 'SwitchStatement':
        for (const c of childrenOf(n)) visit(c, true, labels);
        return;
      case 'LabeledStatement':
        visit(n.body, nestedBreakable, [...labels, n.label.name]);
        return;
      default:
        for (const c of childrenOf(n)) visit(c, nestedBreakable, labels);
    }
  };
  visit(loop.body, false, []);
  return !exits;
}

/** Escapes (\x65, \u0065, \u{65}, \145) that stand for ordinary printable ASCII. */
export function printableEscapes(raw: string): number {
  let n = 0;
  for (const m of raw.matchAll(/\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\u\{([0-9a-fA-F]{1,6})\}|\\([0-7]{2,3})/g)) {
    const code = m[1] ? parseInt(m[1], 16) : m[2] ? parseInt(m[2], 16)
      : m[3] ? parseInt(m[3], 16) : parseInt(m[4] ?? '0', 8);
    if (code >= 0x21 && code <= 0x7e) n++;
  }
  return n;
}

const MEDIA_MAGIC = [
  '\x89PNG', '\xff\xd8\xff', 'GIF8', 'RIFF', 'OggS', 'ID3', '\xff\xfb', '\xff\xf3', '\xff\xf2', 'fLaC', '<svg', '<?xml',
  'wOFF', 'wOF2', '\x00\x00\x01\x00',
];

/** A long base64/hex/percent string that decodes to text (not media, not binary level data):
 *  what it decodes to. Binary and media blobs are left alone. */
export function decodeBlob(s: string): { decoded: string; media: boolean } | undefined {
  const compact = s.replace(/\s+/g, '');
  let decoded: string | undefined;
  if (/^[0-9a-fA-F]+$/.test(compact) && compact.length % 2 === 0) {
    decoded = Buffer.from(compact, 'hex').toString('latin1');
  }
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) decoded = Buffer.from(compact, 'base64').toString('latin1');
  else if ((compact.match(/%[0-9a-fA-F]{2}/g)?.length ?? 0) * 3 > compact.length * 0.6) {
    try { decoded = decodeURIComponent(compact); } catch { decoded = undefined; }
  }
  if (decoded === undefined) return undefined;
  const media = MEDIA_MAGIC.some((m) => decoded.startsWith(m));
  let printable = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13) printable++;
  }
  if (!media && printable < decoded.length * 0.9) return undefined; // binary data, e.g. a level map
  return { decoded, media };
}

export function isStringish(node: JsNode, scope: Scope, resolver: Resolver): boolean {
  if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') return false;
  const v = resolver.value(node, scope);
  if (options(v).some((o) => o.t === 's')) return true;
  return node.type === 'TemplateLiteral' || (node.type === 'BinaryExpression' && node.operator === '+' &&
    [node.left, node.right].some((n) =>
      (n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateLiteral'));
}

export function isApply(node: ESTree.CallExpression | ESTree.NewExpression): boolean {
  return node.callee.type === 'MemberExpression' && !node.callee.computed &&
    node.callee.property.type === 'Identifier' && node.callee.property.name === 'apply';
}

/** The function really called and its arguments, through .call/.apply and Reflect.apply/construct. */
export function effectiveCall(
  node: ESTree.CallExpression | ESTree.NewExpression, scope: Scope, resolver: Resolver,
): { callee: string[][]; args: JsNode[] } {
  const args = node.arguments.filter((a): a is ESTree.Expression => a.type !== 'SpreadElement');
  if (node.callee.type === 'Super') return { callee: [], args };
  const callee = globalPaths(resolver.value(node.callee, scope));
  const viaCall = callee.filter((p) => p[p.length - 1] === 'call' || p[p.length - 1] === 'apply');
  const out = callee.filter((p) => p.join('.') !== 'Reflect.apply' && p.join('.') !== 'Reflect.construct');
  let effectiveArgs: JsNode[] = args;
  if (viaCall.length) {
    out.push(...viaCall.map((p) => p.slice(0, -1)));
    const isApplyCall = viaCall.some((p) => p[p.length - 1] === 'apply');
    const applied = args[1]?.type === 'ArrayExpression'
      ? args[1].elements.filter((e): e is ESTree.Expression => !!e && e.type !== 'SpreadElement')
      : [];
    effectiveArgs = isApplyCall ? applied : args.slice(1);
  }
  if (callee.some((p) => p.join('.') === 'Reflect.apply' || p.join('.') === 'Reflect.construct') && args[0]) {
    out.push(...globalPaths(resolver.value(args[0], scope)));
    const list = args[callee.some((p) => p.join('.') === 'Reflect.apply') ? 2 : 1];
    effectiveArgs = list?.type === 'ArrayExpression'
      ? list.elements.filter((e): e is ESTree.Expression => !!e && e.type !== 'SpreadElement')
      : [];
  }
  return { callee: out, args: effectiveArgs };
}

export function isCallee(node: JsNode, parent: JsNode | undefined): boolean {
  return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee === node;
}

export function isWriteTarget(node: JsNode, parent: JsNode | undefined): boolean {
  return (parent?.type === 'AssignmentExpression' && parent.left === node) ||
    (parent?.type === 'UpdateExpression' && parent.argument === node);
}

export function isReference(node: ESTree.Identifier, parent: JsNode | undefined): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression': return parent.object === node || parent.computed;
    case 'Property': return parent.value === node || parent.computed;
    case 'MethodDefinition': case 'PropertyDefinition': return parent.computed || parent.value === node;
    case 'LabeledStatement': case 'BreakStatement': case 'ContinueStatement': return false;
    case 'ImportSpecifier': case 'ImportDefaultSpecifier': case 'ImportNamespaceSpecifier': case 'ExportSpecifier':
      return false;
    case 'MetaProperty': return false;
    default: return true;
  }
}
