// What an expression really is, as far as a scanner can know without running it: the global
// object (window, self, globalThis, frames, parent, top and their aliases), a path from it
// (`w['ev' + 'al']` → eval), a constant string (escapes decoded, concatenation, templates,
// fromCharCode, atob, split/reverse/join folded), a number, an array, a function — or
// unknown. Several possible values are kept as alternatives so control flow cannot hide one.
import type * as ESTree from 'estree';
import type { JsNode } from '../../validate/walk.ts';
import { bindPattern } from './declarations.ts';
import { lookup, thisOf, type Binding, type FunctionNode, type Scope, type ScopeInfo, type Source } from './scope.ts';
import { tick } from '../budget.ts';
import {
  anyOf, arr, arrayMethod, fits, GLOBAL_ALIASES, globalCall, globalPaths, MAX_ITEMS, MAX_OPTIONS, member, options, str,
  STRING_METHODS, stringsOf, UNKNOWN, type Value,
} from './values.ts';

export {
  anyOf, GLOBAL_ALIASES, globalPaths, isComplete, member, options, stringsOf, UNKNOWN, type Value,
} from './values.ts';

const MAX_DEPTH = 60;
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
        if (src.type === 'global') { bases.push({ t: 'g', path: [] }); continue; }
        if (src.type === 'fn') { bases.push({ t: 'f', node: src.node }); continue; }
        let v = value(src.node, src.scope);
        for (const k of src.keys ?? []) v = member(v, k);
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
        return anyOf(keyOf(node, scope).map((k) => member(obj, k)));
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
        const fn = src.type === 'fn' ? src.node
          : src.type === 'expr' && (src.node.type === 'FunctionExpression' ||
            src.node.type === 'ArrowFunctionExpression') ? src.node : undefined;
        if (!fn) continue;
        info.params.get(fn)?.forEach((p, i) => {
          const arg = node.arguments[i];
          if (p && arg && arg.type !== 'SpreadElement') p.sources.push({ type: 'expr', node: arg, scope });
        });
        const fnScope = info.scopeOf.get(fn);
        if (info.sloppy.has(fn) && fnScope?.thisBinding &&
          !fnScope.thisBinding.sources.some((s) => s.type === 'global')) {
          fnScope.thisBinding.sources.push({ type: 'global' });
        }
      }
    }
  }
}
