// `<a href="javascript:play()">`: an old way to write a click handler. Its code is scanned as a
// script like every other, so the link itself is only worth a note when it can do nothing more
// than a handler could. A javascript: URL whose code ends in a string navigates the frame to that
// string as a new document, so only calls and `void` are accepted, on a link or image-map area
// (an iframe src, a form action or an object's data keep the review).
import type * as ESTree from 'estree';
import type { GameDocument, GameScript } from '../../validate/document.ts';
import { forEachChild, isFunctionNode } from '../../validate/walk.ts';
import { tick } from '../budget.ts';
import type { RuleInfo } from './api-rules.ts';

export const JAVASCRIPT_LINK: RuleInfo = {
  rule: 'dynamic-code.javascript-url', severity: 'info',
  message: 'A javascript: link works, but a click listener (addEventListener) is clearer.',
};

const LINK_TAGS = new Set(['a', 'area']);
/** `play()`, `game.start()`: a call of a named function, nothing computed in the callee. */
function isPlainCall(node: ESTree.Node): boolean {
  return node.type === 'CallExpression' && !node.optional &&
    (node.callee.type === 'Identifier' || node.callee.type === 'MemberExpression');
}

function endsWithoutValue(statement: ESTree.Statement | ESTree.ModuleDeclaration | ESTree.Directive): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  const e = statement.expression;
  return e.type === 'UnaryExpression' && e.operator === 'void' && (isPlainCall(e.argument) ||
    (e.argument.type === 'Literal' && e.argument.value === 0));
}

/** A link whose javascript: code is calls only and cannot leave a string behind. */
export function isCallLink(doc: GameDocument, script: GameScript): boolean {
  if (script.kind !== 'javascript-url' || script.attr?.toLowerCase() !== 'href') return false;
  if (!LINK_TAGS.has(doc.elements[script.element]?.tag ?? '')) return false;
  const body = script.parsed.ast?.body;
  if (!body || body.length === 0 || body.length > 8) return false;
  const last = body[body.length - 1]!;
  for (const s of body) {
    if (s !== last && !(s.type === 'ExpressionStatement' && isPlainCall(s.expression))) return false;
  }
  // The value of the last statement is what the browser would render: `void …` has none, and
  // a last call counts only when it calls a function declared in the page that returns nothing.
  if (endsWithoutValue(last)) return true;
  return last.type === 'ExpressionStatement' && last.expression.type === 'CallExpression' &&
    last.expression.callee.type === 'Identifier' && returnsNothing(doc, last.expression.callee.name);
}

function returnsNothing(doc: GameDocument, name: string): boolean {
  for (const s of doc.scripts) {
    if (s.kind !== 'inline' || !s.parsed.ast) continue;
    for (const stmt of s.parsed.ast.body) {
      if (stmt.type === 'FunctionDeclaration' && stmt.id?.name === name) return !returnsValue(stmt.body);
    }
  }
  return false;
}

/** Any `return <value>` in the function's own body (nested functions return for themselves). */
function returnsValue(body: ESTree.Node): boolean {
  const stack: ESTree.Node[] = [body];
  while (stack.length > 0) {
    tick();
    const n = stack.pop()!;
    if (n.type === 'ReturnStatement' && n.argument) return true;
    if (isFunctionNode(n)) continue;
    forEachChild(n, (c) => { stack.push(c); });
  }
  return false;
}
