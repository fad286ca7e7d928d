// The resolver's second look, once every declaration (hoisted or not) is known: what each
// assignment, `+=`, call-site argument and plain call's `this` adds to a binding, a property
// name or a parameter. Sloppy assignments to undeclared names become implicit globals.
import type * as ESTree from 'estree';
import { bindPattern } from './declarations.ts';
import {
  addField, lookup, MAX_FIELD_SOURCES, type Binding, type FunctionNode, type Scope, type ScopeInfo, type Source,
} from './scope.ts';
import type { JsNode } from '../../validate/walk.ts';

function isFunctionExpression(node: JsNode): node is ESTree.FunctionExpression | ESTree.ArrowFunctionExpression {
  return node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The constant name of a member (`a.b`, `a['b']`), if it has one. */
export function memberName(node: ESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  const p = node.property;
  const constant = p.type === 'Literal' && (typeof p.value === 'string' || typeof p.value === 'number');
  return constant ? String(p.value) : undefined;
}

/** The binding an assignment to an undeclared name creates on the global object: it starts as
 *  the global's own value of that name (`eval = eval` keeps eval) and sees every script. */
function implicitGlobal(info: ScopeInfo, name: string): Binding {
  let b = info.implicit.get(name);
  if (!b) info.implicit.set(name, b = { name, sources: [{ type: 'global', path: [name] }] });
  return b;
}

function push(list: Source[], source: Source): void {
  if (list.length < MAX_FIELD_SOURCES) list.push(source);
}

/** Functions a callee may be: a binding's function sources, or every function stored under a
 *  method name (`obj.run(window)` reaches `run(w) {…}` wherever it is defined). */
function calleeFunctions(info: ScopeInfo, callee: JsNode, scope: Scope): FunctionNode[] {
  let sources: Source[] = [];
  if (callee.type === 'Identifier') sources = lookup(scope, callee.name)?.sources ?? [];
  else if (callee.type === 'MemberExpression') {
    const name = memberName(callee);
    sources = name === undefined ? [] : info.fields.get(name) ?? [];
  }
  const out: FunctionNode[] = [];
  for (const src of sources) {
    if (src.type === 'fn') out.push(src.node);
    else if (src.type === 'expr' && isFunctionExpression(src.node)) out.push(src.node);
  }
  return out;
}

export function recordFlows(info: ScopeInfo): void {
  for (const { node, scope } of info.flows) {
    if (node.type === 'AssignmentExpression') {
      if (node.left.type === 'Identifier') {
        const b = lookup(scope, node.left.name) ?? implicitGlobal(info, node.left.name);
        if (node.operator === '=') push(b.sources, { type: 'expr', node: node.right, scope });
        else if (node.operator === '+=') push(b.sources, { type: 'append', node: node.right, scope });
      } else if (node.operator === '=' && (node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern')) {
        bindPattern(node.left, { type: 'expr', node: node.right, scope },
          (name) => lookup(scope, name) ?? implicitGlobal(info, name), scope);
      } else if (node.operator === '=' && node.left.type === 'MemberExpression') {
        const name = memberName(node.left);
        if (name !== undefined) addField(info, name, { type: 'expr', node: node.right, scope });
      }
      continue;
    }
    const member = node.callee.type === 'MemberExpression' ? memberName(node.callee) : undefined;
    // `map.set('w', window)` stores under a name like a property does (read back by `.get('w')`).
    // `Reflect.set(o, 'w', window)` too (its key and value come one argument later).
    const [key, stored] = member === 'set' && node.arguments.length === 3 ? node.arguments.slice(1) : node.arguments;
    if (member === 'set' && node.arguments.length <= 3 && key?.type === 'Literal' && stored &&
      stored.type !== 'SpreadElement') {
      addField(info, String(key.value), { type: 'expr', node: stored, scope });
    }
    for (const fn of calleeFunctions(info, node.callee, scope)) {
      info.params.get(fn)?.forEach((p, i) => {
        const arg = node.arguments[i];
        if (p && arg && arg.type !== 'SpreadElement') push(p.sources, { type: 'expr', node: arg, scope });
      });
      const fnScope = info.scopeOf.get(fn);
      if (node.callee.type === 'Identifier' && info.sloppy.has(fn) && fnScope?.thisBinding &&
        !fnScope.thisBinding.sources.some((s) => s.type === 'global')) {
        fnScope.thisBinding.sources.push({ type: 'global' });
      }
    }
  }
}
