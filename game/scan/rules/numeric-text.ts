// HTML that is provably a number, or numbers joined with constant text: `score.innerHTML = points`,
// `el.innerHTML = n * 10`, `el.innerHTML = count + ' pts'`. A number's text is digits, a sign, a
// dot, an exponent, NaN or Infinity: it cannot open a tag or an attribute, so such a value is as
// safe as its constant parts. Anything the resolver cannot prove numeric (a parameter, a property,
// a call of the game's own function) keeps the review.
import type * as ESTree from 'estree';
import type { JsNode } from '../../validate/walk.ts';
import { tick } from '../budget.ts';
import { literalTexts } from './code-checks.ts';
import { isComplete, options, type Resolver, type Value } from '../resolver/resolve.ts';
import { lookup, type Binding, type Scope } from '../resolver/scope.ts';

/** Operators whose result is always a number (or a BigInt), whatever their operands are. */
const NUMERIC_BINARY = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
const NUMERIC_UNARY = new Set(['-', '+', '~']);
/** Methods of a number that return its digits as text. */
const NUMBER_TEXT_METHODS = new Set(['toFixed', 'toPrecision', 'toString', 'toLocaleString']);
/** Stand-in for a number's text when the constant parts are checked for markup. */
const NUMBER_TEXT = '1';
const MAX_DEPTH = 32;

function isNumberValue(v: Value): boolean {
  // Complete: an alternative the resolver could not follow (a reassignment from elsewhere) may be text.
  return isComplete(v) && options(v).every((o) => o.t === 'n');
}

function isMathCall(node: ESTree.CallExpression, scope: Scope, resolver: Resolver): boolean {
  const callee = resolver.value(node.callee, scope);
  return callee.t === 'g' && callee.path.length === 2 && (callee.path[0] === 'Math' ||
    (callee.path[0] === 'Number' && (callee.path[1] === 'parseFloat' || callee.path[1] === 'parseInt'))) ||
    (callee.t === 'g' && callee.path.length === 1 && ['parseInt', 'parseFloat', 'Number'].includes(callee.path[0]!));
}

/** Bindings being checked: a cycle (`score = score + 1`) adds no new kind of value, so it is
 *  assumed numeric while every other source of the binding is checked. */
const checking = new Set<Binding>();

/** A variable every write of which the resolver saw, each one numeric (`var best = 0; …
 *  best = Math.max(best, score)`). The same writes the resolver folds strings from. */
function isNumericBinding(node: ESTree.Identifier, scope: Scope, resolver: Resolver, depth: number): boolean {
  const b = lookup(scope, node.name);
  if (!b || b.sources.length === 0 || b.sources.length > 64) return false;
  if (checking.has(b)) return true;
  checking.add(b);
  try {
    return b.sources.every((src) => (src.type === 'expr' && !src.keys?.length) || src.type === 'append'
      ? isNumeric(src.node, src.scope, resolver, depth + 1) : false);
  } finally {
    checking.delete(b);
  }
}

function isNumeric(node: JsNode, scope: Scope, resolver: Resolver, depth: number): boolean {
  tick();
  if (depth > MAX_DEPTH) return false;
  switch (node.type) {
    case 'Identifier':
      return isNumberValue(resolver.value(node, scope)) || isNumericBinding(node, scope, resolver, depth);
    case 'Literal': return typeof node.value === 'number';
    case 'UpdateExpression': return true;
    case 'UnaryExpression': return NUMERIC_UNARY.has(node.operator);
    case 'BinaryExpression':
      if (NUMERIC_BINARY.has(node.operator)) return true;
      return node.operator === '+' && node.left.type !== 'PrivateIdentifier' &&
        isNumeric(node.left, scope, resolver, depth + 1) && isNumeric(node.right, scope, resolver, depth + 1);
    case 'ConditionalExpression':
      return isNumeric(node.consequent, scope, resolver, depth + 1) &&
        isNumeric(node.alternate, scope, resolver, depth + 1);
    case 'CallExpression': return isMathCall(node, scope, resolver);
    default: return isNumberValue(resolver.value(node, scope));
  }
}

/** The text an expression builds when it is numbers joined with constant strings (numbers stand
 *  in as '1'), or undefined when any part may be another string. */
export function numericText(node: JsNode, scope: Scope, resolver: Resolver, depth = 0): string | undefined {
  tick();
  if (depth > MAX_DEPTH) return undefined;
  if (isNumeric(node, scope, resolver, depth)) return NUMBER_TEXT;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed &&
    node.callee.property.type === 'Identifier' && NUMBER_TEXT_METHODS.has(node.callee.property.name) &&
    node.callee.object.type !== 'Super' && isNumeric(node.callee.object, scope, resolver, depth + 1)) {
    return NUMBER_TEXT;
  }
  if (node.type === 'TemplateLiteral') {
    let out = node.quasis[0]?.value.cooked ?? '';
    for (let i = 0; i < node.expressions.length; i++) {
      const part = numericText(node.expressions[i]!, scope, resolver, depth + 1);
      if (part === undefined) return undefined;
      out += part + (node.quasis[i + 1]?.value.cooked ?? '');
    }
    return out;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+' && node.left.type !== 'PrivateIdentifier') {
    const left = numericText(node.left, scope, resolver, depth + 1);
    const right = left === undefined ? undefined : numericText(node.right, scope, resolver, depth + 1);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}

/** The texts an HTML sink receives, for the markup check: the resolver's strings when it knows
 *  them all, else numbers joined with constant text, else (unknown) the literal parts. */
export function htmlTexts(
  node: JsNode, scope: Scope, resolver: Resolver, resolved: { strings: string[]; known: boolean },
): { texts: string[]; known: boolean } {
  if (resolved.known) return { texts: resolved.strings, known: true };
  const numeric = numericText(node, scope, resolver);
  return numeric === undefined ? { texts: literalTexts(node), known: false } : { texts: [numeric], known: true };
}
