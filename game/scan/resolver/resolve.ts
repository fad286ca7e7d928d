// What an expression really is, as far as a scanner can know without running it: the global
// object (window, self, globalThis, frames, parent, top and their aliases), a path from it
// (`w['ev' + 'al']` → eval), a constant string (escapes decoded, concatenation, templates,
// fromCharCode, atob, split/reverse/join folded), a number, an array, a function — or
// unknown. Several possible values are kept as alternatives so control flow cannot hide one.
import type * as ESTree from 'estree';
import type { JsNode } from '../../validate/walk.ts';
import { recordFlows } from './flows.ts';
import { lookup, thisOf, type Binding, type FunctionNode, type Scope, type ScopeInfo, type Source } from './scope.ts';
import { tick } from '../budget.ts';
import {
  anyOf, arr, arrayMethod, fits, GLOBAL_ALIASES, globalCall, globalPaths, isBrowserGlobal, isComplete, MAX_ITEMS,
  MAX_OPTIONS, member, options, str, STRING_METHODS, stringsOf, UNKNOWN, type Value,
} from './values.ts';

export {
  anyOf, GLOBAL_ALIASES, globalPaths, isComplete, member, options, stringsOf, UNKNOWN, type Value,
} from './values.ts';

const MAX_DEPTH = 60;
/** What code built from a string returns, or a function made by a constructor: it may be the
 *  global object (`Function('return this')()`, `(0, eval)('this')`). */
const MAYBE_GLOBAL: Value = { t: 'or', options: [{ t: 'ctor' }, { t: 'g', path: [] }], partial: true };
const EVENT_NAME = /^(e|ev|evt|event|\w*Event)$/;
const MAY_RETURN_GLOBAL = new Set(['eval', 'execScript', 'Function', 'Function.constructor']);
/** Global paths that are the game's own objects (not a browser namespace), whose properties
 *  are whatever the game stored in them. */
function followsFields(v: Value): boolean {
  if (v.t === 'u' || v.t === 'ctor') return true;
  return v.t === 'g' && v.path.length > 0 && !isBrowserGlobal(v.path[0]!);
}
/** In an on* attribute, free names resolve through the element and the document first. */
const HANDLER_DOCUMENT_NAMES = new Set([
  'write', 'writeln', 'cookie', 'domain', 'open', 'location', 'defaultView', 'execCommand', 'createElement', 'body',
]);

export interface Resolver {
  value(node: JsNode, scope: Scope): Value;
  info: ScopeInfo;
}


function functionReturns(fn: FunctionNode): JsNode[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const out: JsNode[] = [];
  const visit = (n: JsNode): void => {
    tick();
    if (n.type === 'ReturnStatement') { if (n.argument) out.push(n.argument); return; }
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' ||
      n.type === 'ClassBody') return;
    for (const key of Object.keys(n)) {
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof (c as JsNode).type === 'string') visit(c as JsNode);
      } else if (v && typeof (v as JsNode).type === 'string') visit(v as JsNode);
    }
  };
  visit(fn.body);
  return out.slice(0, MAX_OPTIONS);
}

export function createResolver(info: ScopeInfo, opts: { handler?: boolean } = {}): Resolver {
  const memo = new Map<JsNode, Value>();
  const active = new Set<unknown>();
  let depth = 0;

  // Per binding as well as per node: every reference to a name with thousands of `+=` would
  // otherwise fold all of them again (quadratic).
  const bindingMemo = new Map<Binding, Value>();
  const fromSources = (b: Binding): Value => {
    const hit = bindingMemo.get(b);
    if (hit) return hit;
    if (active.has(b)) return UNKNOWN;
    active.add(b);
    try {
      const bases: Value[] = [];
      const appends: Extract<Source, { type: 'append' }>[] = [];
      for (const src of b.sources) {
        if (src.type === 'append') { appends.push(src); continue; }
        if (src.type === 'global') { bases.push({ t: 'g', path: src.path ?? [] }); continue; }
        if (src.type === 'fn') { bases.push({ t: 'f', node: src.node }); continue; }
        let v = value(src.node, src.scope);
        for (const k of src.keys ?? []) v = memberOf(v, k);
        bases.push(v);
      }
      if (appends.length) {
        const tail = appends.map((a) => value(a.node, a.scope));
        if (tail.every((t) => t.t === 's' || t.t === 'n')) {
          const suffix = tail.map((t) => String(t.v));
          const length = suffix.reduce((n, p) => n + p.length, 0);
          for (const base of [...bases]) {
            if (base.t === 's' && fits(base.v.length + length)) bases.push(str(base.v + suffix.join('')));
          }
        }
      }
      const v = anyOf(bases);
      bindingMemo.set(b, v);
      return v;
    } finally {
      active.delete(b);
    }
  };

  // Field-based: a property read on an object the resolver cannot follow may be anything ever
  // stored under that name (assume the worst: `o.w` of `{w: window}` may be the window).
  const fieldMemo = new Map<string, Value>();
  const field = (key: string): Value => {
    const hit = fieldMemo.get(key);
    if (hit) return hit;
    const sources = info.fields.get(key);
    if (!sources || active.has(sources)) return UNKNOWN;
    active.add(sources);
    try {
      const v = anyOf([...sources.map((src) => (src.type === 'expr' ? value(src.node, src.scope) : UNKNOWN)), UNKNOWN]);
      fieldMemo.set(key, v);
      return v;
    } finally {
      active.delete(sources);
    }
  };
  const memberOf = (obj: Value, key: string): Value => {
    const direct = member(obj, key);
    return options(obj).some(followsFields) || !isComplete(obj) ? anyOf([direct, field(key)]) : direct;
  };

  const identifier = (name: string, scope: Scope): Value => {
    const b = lookup(scope, name) ?? info.implicit.get(name);
    if (b) return fromSources(b);
    if (name === 'undefined') return UNKNOWN;
    if (name === 'NaN' || name === 'Infinity') return { t: 'n', v: name === 'NaN' ? NaN : Infinity };
    if (GLOBAL_ALIASES.has(name)) return { t: 'g', path: [] };
    if (opts.handler && HANDLER_DOCUMENT_NAMES.has(name)) return { t: 'g', path: ['document', name] };
    return { t: 'g', path: [name] };
  };

  const keyOf = (node: ESTree.MemberExpression, scope: Scope): string[] => {
    if (!node.computed && node.property.type === 'Identifier') return [node.property.name];
    if (node.property.type === 'PrivateIdentifier') return [];
    return stringsOf(value(node.property, scope));
  };

  const args = (list: (ESTree.Expression | ESTree.SpreadElement)[], scope: Scope): Value[] | null => {
    const out: Value[] = [];
    for (const a of list) {
      if (a.type === 'SpreadElement') {
        const v = value(a.argument, scope);
        const size = v.t === 'a' ? v.items.length : v.t === 's' ? v.v.length : Infinity;
        // Spreading doubles at every step (`[...a, ...a]`): past the cap the list is unknown.
        if (out.length + size > MAX_ITEMS) return null;
        if (v.t === 'a') out.push(...v.items); else if (v.t === 's') out.push(...[...v.v].map(str));
      } else out.push(value(a, scope));
    }
    return out.length > MAX_ITEMS ? null : out;
  };

  const call = (node: ESTree.CallExpression, scope: Scope): Value => {
    const callee = node.callee;
    if (callee.type === 'Super') return UNKNOWN;
    const argv = args(node.arguments, scope) ?? [];
    if (callee.type === 'MemberExpression') {
      const obj = value(callee.object, scope);
      const results: Value[] = [];
      for (const name of keyOf(callee, scope)) {
        for (const o of options(obj)) {
          const stringMethod = Object.hasOwn(STRING_METHODS, name) ? STRING_METHODS[name] : undefined;
          if (o.t === 's' && stringMethod) results.push(stringMethod(o.v, argv));
          else if (o.t === 'a') results.push(arrayMethod(o.items, name, argv));
          else if (name === 'bind') results.push(o);
          else if (o.t === 'g' && (name === 'call' || name === 'apply')) {
            const applied = name === 'apply' ? (argv[1]?.t === 'a' ? argv[1].items : []) : argv.slice(1);
            results.push(globalCall(o.path, applied));
          } else if (o.t === 'f' && (name === 'call' || name === 'apply')) {
            results.push(anyOf(functionReturns(o.node).map((r) => value(r, info.scopeOf.get(o.node) ?? scope))));
          }
        }
        const m = memberOf(obj, name);
        for (const p of globalPaths(m)) {
          results.push(MAY_RETURN_GLOBAL.has(p.join('.')) ? MAYBE_GLOBAL : globalCall(p, argv));
        }
        if (options(m).some((o) => o.t === 'ctor')) results.push(MAYBE_GLOBAL);
        if (name === 'get' && argv[0]?.t === 's' && !isComplete(obj)) results.push(field(argv[0].v));
      }
      return anyOf(results);
    }
    const fn = value(callee, scope);
    return anyOf(options(fn).map((o) => {
      if (o.t === 'g' && MAY_RETURN_GLOBAL.has(o.path.join('.'))) return MAYBE_GLOBAL;
      if (o.t === 'ctor') return MAYBE_GLOBAL;
      if (o.t === 'g') return globalCall(o.path, argv);
      if (o.t === 'f') return anyOf(functionReturns(o.node).map((r) => value(r, info.scopeOf.get(o.node) ?? scope)));
      return UNKNOWN;
    }));
  };

  const compute = (node: JsNode, scope: Scope): Value => {
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string') return str(node.value);
        if (typeof node.value === 'number') return { t: 'n', v: node.value };
        return UNKNOWN;
      case 'TemplateLiteral': {
        let out = node.quasis[0]?.value.cooked ?? '';
        for (let i = 0; i < node.expressions.length; i++) {
          const v = value(node.expressions[i]!, scope);
          if (v.t !== 's' && v.t !== 'n') return UNKNOWN;
          out += String(v.v) + (node.quasis[i + 1]?.value.cooked ?? '');
          if (!fits(out.length)) return UNKNOWN;
        }
        return str(out);
      }
      case 'Identifier': return identifier(node.name, scope);
      case 'ThisExpression': {
        const b = thisOf(scope);
        return b ? fromSources(b) : UNKNOWN;
      }
      case 'MemberExpression': {
        if (node.object.type === 'Super') return UNKNOWN;
        const obj = value(node.object, scope);
        const keys = keyOf(node, scope);
        // An event's view is the window it happened in (`addEventListener('click', (e) => e.view…)`).
        const eventView = keys.includes('view') && node.object.type === 'Identifier' &&
          EVENT_NAME.test(node.object.name);
        return anyOf([...keys.map((k) => memberOf(obj, k)), ...(eventView ? [MAYBE_GLOBAL] : [])]);
      }
      case 'ChainExpression': return value(node.expression, scope);
      case 'CallExpression': return call(node, scope);
      case 'BinaryExpression': {
        if (node.left.type === 'PrivateIdentifier') return UNKNOWN;
        const l = value(node.left, scope);
        const r = value(node.right, scope);
        if ((l.t !== 's' && l.t !== 'n') || (r.t !== 's' && r.t !== 'n')) return UNKNOWN;
        if (node.operator === '+') {
          return l.t === 'n' && r.t === 'n' ? { t: 'n', v: l.v + r.v } : str(String(l.v) + String(r.v));
        }
        if (l.t !== 'n' || r.t !== 'n') return UNKNOWN;
        const ops: Record<string, (a: number, b: number) => number> = {
          '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b,
          '%': (a, b) => a % b, '**': (a, b) => a ** b,
          '<<': (a, b) => a << b, '>>': (a, b) => a >> b, '>>>': (a, b) => a >>> b,
          '|': (a, b) => a | b, '&': (a, b) => a & b, '^': (a, b) => a ^ b,
        };
        const op = Object.hasOwn(ops, node.operator) ? ops[node.operator] : undefined;
        return op ? { t: 'n', v: op(l.v, r.v) } : UNKNOWN;
      }
      case 'UnaryExpression': {
        const v = value(node.argument, scope);
        if (node.operator === '-' && v.t === 'n') return { t: 'n', v: -v.v };
        if (node.operator === '+' && (v.t === 'n' || v.t === 's')) return { t: 'n', v: Number(v.v) };
        return UNKNOWN;
      }
      case 'ConditionalExpression': return anyOf([value(node.consequent, scope), value(node.alternate, scope)]);
      case 'LogicalExpression': return anyOf([value(node.left, scope), value(node.right, scope)]);
      case 'SequenceExpression':
        return node.expressions.length ? value(node.expressions[node.expressions.length - 1]!, scope) : UNKNOWN;
      case 'AssignmentExpression': return node.operator === '=' ? value(node.right, scope) : UNKNOWN;
      case 'ArrayExpression': {
        const items = args(node.elements.map((e) => e ?? { type: 'Identifier', name: 'undefined' }), scope);
        return items ? arr(items) : UNKNOWN;
      }
      case 'FunctionExpression': case 'ArrowFunctionExpression': return { t: 'f', node };
      case 'ClassExpression': return { t: 'ctor' };
      case 'TaggedTemplateExpression': {
        const tag = value(node.tag, scope);
        return tag.t === 'g' && tag.path.join('.') === 'String.raw' && node.quasi.expressions.length === 0
          ? str(node.quasi.quasis[0]?.value.raw ?? '')
          : UNKNOWN;
      }
      default: return UNKNOWN;
    }
  };

  function value(node: JsNode, scope: Scope): Value {
    const hit = memo.get(node);
    if (hit) return hit;
    if (active.has(node) || depth > MAX_DEPTH) return UNKNOWN;
    tick();
    active.add(node);
    depth++;
    try {
      const v = compute(node, scope);
      memo.set(node, v);
      return v;
    } finally {
      depth--;
      active.delete(node);
    }
  }

  recordFlows(info);
  return { value, info };
}
