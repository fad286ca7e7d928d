// What an expression really is, as far as a scanner can know without running it: the global
// object (window, self, globalThis, frames, parent, top and their aliases), a path from it
// (`w['ev' + 'al']` → eval), a constant string (escapes decoded, concatenation, templates,
// fromCharCode, atob, split/reverse/join folded), a number, an array, a function — or
// unknown. Several possible values are kept as alternatives so control flow cannot hide one.
import type * as ESTree from 'estree';
import type { JsNode } from '../validate/walk.ts';
import { bindPattern, lookup, thisOf, type Binding, type FunctionNode, type Scope, type ScopeInfo, type Source } from './scope.ts';

export type Value =
  | { t: 'g'; path: string[] } // [] is the global object itself
  | { t: 's'; v: string }
  | { t: 'n'; v: number }
  | { t: 'a'; items: Value[] }
  | { t: 'f'; node: FunctionNode }
  | { t: 'ctor' } // some object's constructor: a function whose own .constructor is Function
  | { t: 'or'; options: Value[] }
  | { t: 'u' };

export const UNKNOWN: Value = { t: 'u' };
export const GLOBAL_ALIASES = new Set(['window', 'self', 'globalThis', 'frames', 'parent', 'top', 'content']);
/** In an on* attribute, free names resolve through the element and the document first. */
const HANDLER_DOCUMENT_NAMES = new Set(['write', 'writeln', 'cookie', 'domain', 'open', 'location', 'defaultView', 'execCommand', 'createElement', 'body']);
/** Global namespaces that are plain objects: their `.constructor` is Object, not Function. */
const NAMESPACES = new Set(['Math', 'JSON', 'Reflect', 'Intl', 'Atomics', 'WebAssembly', 'CSS', 'console', 'document', 'navigator', 'location', 'history', 'screen', 'performance']);
const MAX_OPTIONS = 8;
const MAX_DEPTH = 60;
const MAX_STRING = 200_000;

export interface Resolver {
  value(node: JsNode, scope: Scope): Value;
  info: ScopeInfo;
}

export function options(v: Value): Value[] {
  return v.t === 'or' ? v.options : [v];
}

export function anyOf(values: Value[]): Value {
  const flat: Value[] = [];
  for (const v of values) for (const o of options(v)) if (o.t !== 'u' && flat.length < MAX_OPTIONS) flat.push(o);
  if (flat.length === 0) return UNKNOWN;
  return flat.length === 1 ? flat[0]! : { t: 'or', options: flat };
}

export function globalPaths(v: Value): string[][] {
  return options(v).flatMap((o) => (o.t === 'g' ? [o.path] : []));
}

export function stringsOf(v: Value): string[] {
  return options(v).flatMap((o) => (o.t === 's' ? [o.v] : o.t === 'n' ? [String(o.v)] : []));
}

function str(v: string): Value {
  return { t: 's', v: v.length > MAX_STRING ? v.slice(0, MAX_STRING) : v };
}

function decodeBase64(s: string): string | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean, 'base64').toString('latin1');
}

export function member(obj: Value, key: string): Value {
  switch (obj.t) {
    case 'or': return anyOf(obj.options.map((o) => member(o, key)));
    case 's':
      if (key === 'length') return { t: 'n', v: obj.v.length };
      if (key === 'constructor') return { t: 'g', path: ['String'] };
      return /^\d+$/.test(key) ? str(obj.v[Number(key)] ?? '') : UNKNOWN;
    case 'n': return key === 'constructor' ? { t: 'g', path: ['Number'] } : UNKNOWN;
    case 'a':
      if (key === 'length') return { t: 'n', v: obj.items.length };
      if (key === 'constructor') return { t: 'g', path: ['Array'] };
      return /^\d+$/.test(key) ? (obj.items[Number(key)] ?? UNKNOWN) : UNKNOWN;
    case 'f': return key === 'constructor' ? { t: 'g', path: ['Function'] } : UNKNOWN;
    case 'ctor': return key === 'constructor' ? { t: 'g', path: ['Function'] } : UNKNOWN;
    case 'u': return key === 'constructor' ? { t: 'ctor' } : UNKNOWN;
    case 'g': {
      const p = obj.path;
      if (p.length === 0 && GLOBAL_ALIASES.has(key)) return obj;
      if (p.length === 1 && p[0] === 'document' && key === 'defaultView') return { t: 'g', path: [] };
      if (p.length === 1 && p[0] === 'document' && key === 'location') return { t: 'g', path: ['location'] };
      if (p.length === 0 && key === 'clientInformation') return { t: 'g', path: ['navigator'] };
      if (key === 'constructor') {
        if (p[p.length - 1] === 'prototype') return { t: 'g', path: p.slice(0, -1) };
        if (p.length === 1 && !NAMESPACES.has(p[0]!)) return { t: 'g', path: ['Function'] };
        if (p[p.length - 1] === 'constructor') return { t: 'g', path: ['Function'] };
        return { t: 'ctor' };
      }
      if (key === '__proto__' && p.length === 1 && p[0] === 'Function') return { t: 'g', path: ['Function', 'prototype'] };
      return p.length >= 6 ? UNKNOWN : { t: 'g', path: [...p, key] };
    }
  }
}

const STRING_METHODS: Record<string, (s: string, args: Value[]) => Value> = {
  split: (s, [sep]) => (sep?.t === 's' ? { t: 'a', items: s.split(sep.v).slice(0, 4096).map(str) } : UNKNOWN),
  concat: (s, args) => (args.every((a) => a.t === 's' || a.t === 'n') ? str(s + args.map((a) => (a as { v: unknown }).v).join('')) : UNKNOWN),
  toLowerCase: (s) => str(s.toLowerCase()),
  toUpperCase: (s) => str(s.toUpperCase()),
  trim: (s) => str(s.trim()),
  replace: (s, [a, b]) => (a?.t === 's' && b?.t === 's' ? str(s.replace(a.v, b.v)) : UNKNOWN),
  replaceAll: (s, [a, b]) => (a?.t === 's' && b?.t === 's' ? str(s.replaceAll(a.v, b.v)) : UNKNOWN),
  slice: (s, [a, b]) => (a?.t === 'n' ? str(s.slice(a.v, b?.t === 'n' ? b.v : undefined)) : UNKNOWN),
  substring: (s, [a, b]) => (a?.t === 'n' ? str(s.substring(a.v, b?.t === 'n' ? b.v : undefined)) : UNKNOWN),
  substr: (s, [a, b]) => (a?.t === 'n' ? str(s.substr(a.v, b?.t === 'n' ? b.v : undefined)) : UNKNOWN),
  charAt: (s, [a]) => (a?.t === 'n' ? str(s.charAt(a.v)) : UNKNOWN),
  at: (s, [a]) => (a?.t === 'n' ? str(s.at(a.v) ?? '') : UNKNOWN),
  repeat: (s, [n]) => (n?.t === 'n' && n.v * s.length <= MAX_STRING ? str(s.repeat(n.v)) : UNKNOWN),
  toString: (s) => str(s),
  valueOf: (s) => str(s),
  normalize: (s) => str(s.normalize()),
};

function arrayMethod(items: Value[], name: string, args: Value[]): Value {
  switch (name) {
    case 'join': {
      const sep = args[0]?.t === 's' ? args[0].v : ',';
      const parts = items.map((i) => (i.t === 's' || i.t === 'n' ? String(i.v) : undefined));
      return parts.every((p) => p !== undefined) ? str(parts.join(sep)) : UNKNOWN;
    }
    case 'reverse': return { t: 'a', items: [...items].reverse() };
    case 'concat': return { t: 'a', items: [...items, ...args.flatMap((a) => (a.t === 'a' ? a.items : [a]))] };
    case 'slice': return args[0]?.t === 'n' ? { t: 'a', items: items.slice(args[0].v, args[1]?.t === 'n' ? args[1].v : undefined) } : UNKNOWN;
    default: return UNKNOWN;
  }
}

function globalCall(path: string[], args: Value[]): Value {
  const name = path.join('.');
  const a0 = args[0];
  switch (name) {
    case 'String.fromCharCode': case 'String.fromCodePoint':
      return args.every((a) => a.t === 'n') ? str(String.fromCodePoint(...args.map((a) => Math.max(0, Math.min(0x10ffff, (a as { v: number }).v | 0))))) : UNKNOWN;
    case 'atob': { const d = a0?.t === 's' ? decodeBase64(a0.v) : undefined; return d === undefined ? UNKNOWN : str(d); }
    case 'btoa': return a0?.t === 's' ? str(Buffer.from(a0.v, 'latin1').toString('base64')) : UNKNOWN;
    case 'decodeURIComponent': case 'decodeURI': case 'unescape':
      if (a0?.t !== 's') return UNKNOWN;
      try { return str(decodeURIComponent(a0.v.replace(/%u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))))); } catch { return UNKNOWN; }
    case 'String': return a0?.t === 's' || a0?.t === 'n' ? str(String(a0.v)) : UNKNOWN;
    case 'Array.from': case 'Array.of':
      if (name === 'Array.from' && a0?.t === 's') return { t: 'a', items: [...a0.v].map(str) };
      return name === 'Array.of' ? { t: 'a', items: args } : a0 ?? UNKNOWN;
    case 'Reflect.get': return a0 && args[1] ? anyOf(stringsOf(args[1]).map((k) => member(a0, k))) : UNKNOWN;
    case 'Object.getPrototypeOf': case 'Reflect.getPrototypeOf':
      return options(a0 ?? UNKNOWN).some((o) => o.t === 'f') ? { t: 'g', path: ['Function', 'prototype'] } : UNKNOWN;
    default: return UNKNOWN;
  }
}

function functionReturns(fn: FunctionNode): JsNode[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const out: JsNode[] = [];
  const visit = (n: JsNode): void => {
    if (n.type === 'ReturnStatement') { if (n.argument) out.push(n.argument); return; }
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ClassBody') return;
    for (const key of Object.keys(n)) {
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) { for (const c of v) if (c && typeof (c as JsNode).type === 'string') visit(c as JsNode); } else if (v && typeof (v as JsNode).type === 'string' && key !== 'range') visit(v as JsNode);
    }
  };
  visit(fn.body);
  return out.slice(0, MAX_OPTIONS);
}

export function createResolver(info: ScopeInfo, opts: { handler?: boolean } = {}): Resolver {
  const memo = new Map<JsNode, Value>();
  const active = new Set<unknown>();
  let depth = 0;

  const fromSources = (b: Binding): Value => {
    if (active.has(b)) return UNKNOWN;
    active.add(b);
    try {
      const bases: Value[] = [];
      const appends: Source[] = [];
      for (const src of b.sources) {
        if (src.type === 'append') { appends.push(src); continue; }
        if (src.type === 'global') { bases.push({ t: 'g', path: [] }); continue; }
        if (src.type === 'fn') { bases.push({ t: 'f', node: src.node }); continue; }
        let v = value(src.node, src.scope);
        for (const k of src.keys ?? []) v = member(v, k);
        bases.push(v);
      }
      if (appends.length) {
        const tail = appends.map((a) => value(a.node, a.scope));
        if (tail.every((t) => t.t === 's' || t.t === 'n')) {
          for (const base of [...bases]) if (base.t === 's') bases.push(str(base.v + tail.map((t) => String((t as { v: unknown }).v)).join('')));
        }
      }
      return anyOf(bases);
    } finally {
      active.delete(b);
    }
  };

  const identifier = (name: string, scope: Scope): Value => {
    const b = lookup(scope, name);
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
        if (v.t === 'a') out.push(...v.items); else if (v.t === 's') out.push(...[...v.v].map(str)); else return null;
      } else out.push(value(a, scope));
    }
    return out;
  };

  const call = (node: ESTree.CallExpression, scope: Scope): Value => {
    const callee = node.callee;
    if (callee.type === 'Super') return UNKNOWN;
    const argv = args(node.arguments, scope) ?? [];
    if (callee.type === 'MemberExpression') {
      const obj = value(callee.object as JsNode, scope);
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
          } else if (o.t === 'f' && (name === 'call' || name === 'apply')) results.push(anyOf(functionReturns(o.node).map((r) => value(r, info.scopeOf.get(o.node) ?? scope))));
        }
        const m = member(obj, name);
        for (const p of globalPaths(m)) results.push(globalCall(p, argv));
      }
      return anyOf(results);
    }
    const fn = value(callee, scope);
    return anyOf(options(fn).map((o) => {
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
        return anyOf(keyOf(node, scope).map((k) => member(obj, k)));
      }
      case 'ChainExpression': return value(node.expression, scope);
      case 'CallExpression': return call(node, scope);
      case 'BinaryExpression': {
        if (node.left.type === 'PrivateIdentifier') return UNKNOWN;
        const l = value(node.left, scope);
        const r = value(node.right, scope);
        if ((l.t !== 's' && l.t !== 'n') || (r.t !== 's' && r.t !== 'n')) return UNKNOWN;
        if (node.operator === '+') return l.t === 'n' && r.t === 'n' ? { t: 'n', v: l.v + r.v } : str(String(l.v) + String(r.v));
        if (l.t !== 'n' || r.t !== 'n') return UNKNOWN;
        const ops: Record<string, (a: number, b: number) => number> = {
          '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b, '**': (a, b) => a ** b,
          '<<': (a, b) => a << b, '>>': (a, b) => a >> b, '>>>': (a, b) => a >>> b, '|': (a, b) => a | b, '&': (a, b) => a & b, '^': (a, b) => a ^ b,
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
      case 'SequenceExpression': return node.expressions.length ? value(node.expressions[node.expressions.length - 1]!, scope) : UNKNOWN;
      case 'AssignmentExpression': return node.operator === '=' ? value(node.right, scope) : UNKNOWN;
      case 'ArrayExpression': {
        const items = args(node.elements.map((e) => e ?? { type: 'Identifier', name: 'undefined' }), scope);
        return items ? { t: 'a', items } : UNKNOWN;
      }
      case 'FunctionExpression': case 'ArrowFunctionExpression': return { t: 'f', node };
      case 'TaggedTemplateExpression': {
        const tag = value(node.tag, scope);
        return tag.t === 'g' && tag.path.join('.') === 'String.raw' && node.quasi.expressions.length === 0 ? str(node.quasi.quasis[0]?.value.raw ?? '') : UNKNOWN;
      }
      default: return UNKNOWN;
    }
  };

  function value(node: JsNode, scope: Scope): Value {
    const hit = memo.get(node);
    if (hit) return hit;
    if (active.has(node) || depth > MAX_DEPTH) return UNKNOWN;
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

/** Second look at assignments, `+=`, call-site arguments and plain calls' `this`, now that
 *  every declaration (hoisted or not) is known. */
function recordFlows(info: ScopeInfo): void {
  for (const { node, scope } of info.flows) {
    if (node.type === 'AssignmentExpression') {
      if (node.left.type === 'Identifier') {
        const b = lookup(scope, node.left.name);
        if (!b) continue;
        if (node.operator === '=') b.sources.push({ type: 'expr', node: node.right, scope });
        else if (node.operator === '+=') b.sources.push({ type: 'append', node: node.right, scope });
      } else if (node.operator === '=' && (node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern')) {
        bindPattern(node.left, { type: 'expr', node: node.right, scope }, (name) => lookup(scope, name), scope);
      }
    } else if (node.callee.type === 'Identifier') {
      const b = lookup(scope, node.callee.name);
      for (const src of b?.sources ?? []) {
        const fn = src.type === 'fn' ? src.node : src.type === 'expr' && (src.node.type === 'FunctionExpression' || src.node.type === 'ArrowFunctionExpression') ? src.node : undefined;
        if (!fn) continue;
        info.params.get(fn)?.forEach((p, i) => {
          const arg = node.arguments[i];
          if (p && arg && arg.type !== 'SpreadElement') p.sources.push({ type: 'expr', node: arg, scope });
        });
        const fnScope = info.scopeOf.get(fn);
        if (info.sloppy.has(fn) && fnScope?.thisBinding && !fnScope.thisBinding.sources.some((s) => s.type === 'global')) fnScope.thisBinding.sources.push({ type: 'global' });
      }
    }
  }
}
