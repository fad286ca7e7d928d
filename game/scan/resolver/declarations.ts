// What a piece of syntax declares: the names a binding pattern introduces (and the path into
// the value each one receives), whether a block opens a lexical scope, whether a body is
// strict, and the top-level names a classic script shares with the page's other scripts.
import type * as ESTree from 'estree';
import type { JsNode } from '../../validate/walk.ts';
import type { Binding, Scope, Source } from './scope.ts';

function propertyKey(p: ESTree.Property | ESTree.RestElement | ESTree.AssignmentProperty): string | undefined {
  if (p.type === 'RestElement') return undefined;
  if (!p.computed && p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal') return String(p.key.value);
  return undefined;
}

/** Give every name a pattern binds the source (with the destructuring path into it). */
export function bindPattern(pattern: ESTree.Pattern, source: Source | null,
  bindingFor: (name: string, id: JsNode) => Binding | undefined, scope: Scope, keys: string[] = []): void {
  switch (pattern.type) {
    case 'Identifier': {
      const b = bindingFor(pattern.name, pattern);
      if (b && source) {
        b.sources.push(source.type === 'expr' && keys.length
          ? { ...source, keys: [...(source.keys ?? []), ...keys] }
          : source);
      }
      return;
    }
    case 'ObjectPattern':
      for (const p of pattern.properties) {
        const key = propertyKey(p);
        const target = p.type === 'RestElement' ? p.argument : p.value;
        bindPattern(target, key === undefined ? null : source, bindingFor, scope,
          key === undefined ? keys : [...keys, key]);
      }
      return;
    case 'ArrayPattern':
      pattern.elements.forEach((el, i) => {
        if (el) bindPattern(el, el.type === 'RestElement' ? null : source, bindingFor, scope, [...keys, String(i)]);
      });
      return;
    case 'AssignmentPattern':
      bindPattern(pattern.left, source, bindingFor, scope, keys);
      bindPattern(pattern.left, { type: 'expr', node: pattern.right, scope }, bindingFor, scope);
      return;
    case 'RestElement':
      bindPattern(pattern.argument, null, bindingFor, scope, keys);
      return;
    default:
      return; // MemberExpression targets: object properties are not tracked
  }
}

function isLexical(st: JsNode | null | undefined): boolean {
  return !!st && ((st.type === 'VariableDeclaration' && st.kind !== 'var') ||
    st.type === 'ClassDeclaration' || st.type === 'FunctionDeclaration');
}

/** Does this block-like node declare let/const/class/function names (or a catch parameter)? */
export function declaresLexically(node: JsNode): boolean {
  switch (node.type) {
    case 'BlockStatement': case 'StaticBlock': return node.body.some(isLexical);
    case 'ForStatement': return isLexical(node.init);
    case 'ForInStatement': case 'ForOfStatement': return isLexical(node.left);
    case 'SwitchStatement': return node.cases.some((c) => c.consequent.some(isLexical));
    case 'CatchClause': return node.param !== null;
    default: return false;
  }
}

export function isStrict(body: JsNode): boolean {
  if (body.type !== 'BlockStatement' && body.type !== 'Program') return false;
  const first = body.body[0];
  return first?.type === 'ExpressionStatement' && first.expression.type === 'Literal' &&
    first.expression.value === 'use strict';
}

/** Names the page's classic scripts declare at their top level: globals every other script
 *  sees (a `function fetch()` in one script is not the network API in the next). */
export function topLevelNames(program: ESTree.Program): string[] {
  const names: string[] = [];
  const add = (p: ESTree.Pattern | null): void => {
    if (!p) return;
    if (p.type === 'Identifier') names.push(p.name);
    else if (p.type === 'ObjectPattern') {
      p.properties.forEach((q) => add(q.type === 'RestElement' ? q.argument : q.value));
    }
    else if (p.type === 'ArrayPattern') p.elements.forEach(add);
    else if (p.type === 'AssignmentPattern') add(p.left);
    else if (p.type === 'RestElement') add(p.argument);
  };
  for (const st of program.body) {
    if (st.type === 'VariableDeclaration') st.declarations.forEach((d) => add(d.id));
    else if ((st.type === 'FunctionDeclaration' || st.type === 'ClassDeclaration') && st.id) names.push(st.id.name);
  }
  return names;
}
