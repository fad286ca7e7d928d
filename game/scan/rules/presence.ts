// Presence tests are not use: `typeof Worker`, `!!navigator.geolocation`, `if (window.fetch)`,
// `Function.bind && …`, `X !== undefined`. Only the test's own reference is exempt: a value
// that flows on (`(window.fetch || f)(u)`, `const W = window.Worker || x`) or is called
// (`X && X(s)`: the call) is still use.
import type { JsNode } from '../../validate/walk.ts';

const MAX_CLIMB = 16;
const COMPARISONS = new Set(['==', '!=', '===', '!==', 'instanceof', 'in']);

/** Is the value of `node` (whose ancestors are `ancestors[0..i]`) only ever tested for truth? */
function isTested(node: JsNode, ancestors: JsNode[], i: number, hops = 0): boolean {
  const parent = ancestors[i];
  // Bounded climb: every leaf of a long `a || b || …` chain would otherwise walk the whole chain.
  if (!parent || hops > MAX_CLIMB) return false;
  const up = (): boolean => isTested(parent, ancestors, i - 1, hops + 1);
  switch (parent.type) {
    case 'UnaryExpression': return ['!', 'typeof', 'void'].includes(parent.operator);
    case 'IfStatement': case 'WhileStatement': case 'DoWhileStatement': case 'ForStatement':
      return parent.test === node;
    case 'ConditionalExpression': return parent.test === node || up();
    case 'LogicalExpression':
      if (parent.left === node && parent.operator === '&&') return true;
      return up();
    case 'BinaryExpression': return COMPARISONS.has(parent.operator);
    case 'SequenceExpression': return parent.expressions[parent.expressions.length - 1] !== node || up();
    case 'ChainExpression': return up();
    default: return false;
  }
}

/** A reference (identifier or member chain) read only to test whether an API exists. Reading
 *  deeper members first (`!!navigator.geolocation.getCurrentPosition`) is still a test; a call
 *  anywhere in the chain is use. */
export function isPresenceTest(node: JsNode, ancestors: JsNode[]): boolean {
  if (node.type !== 'Identifier' && node.type !== 'MemberExpression') return false;
  let cur: JsNode = node;
  let i = ancestors.length - 1;
  for (let hops = 0; hops < 8; hops++) {
    const parent = ancestors[i];
    if (parent?.type !== 'MemberExpression' || parent.object !== cur) break;
    const grand = ancestors[i - 1];
    if ((grand?.type === 'CallExpression' || grand?.type === 'NewExpression') && grand.callee === parent) return false;
    if (grand?.type === 'AssignmentExpression' && grand.left === parent) return false;
    cur = parent;
    i--;
  }
  return isTested(cur, ancestors, i);
}
