// What a timer's first argument is, by its shape and value: a string (code to run), a
// function, or neither provably. Strings built by any means count (templates, tagged
// templates, `a + b`, `.join('')`, `.toString()`, String.raw, arrays that stringify); names,
// members and calls that are not string-producing are taken to be functions, as games pass
// `fn`, `obj.method`, `this.loop.bind(this)` and factories' results.
import type { JsNode } from '../../validate/walk.ts';
import { globalPaths, options, type Resolver } from '../resolver/resolve.ts';
import type { Scope } from '../resolver/scope.ts';

export type ArgShape = 'string' | 'function' | 'unknown';

/** Methods and globals whose result is a string (or an array that becomes one). */
const STRING_METHODS = new Set([
  'join', 'toString', 'concat', 'replace', 'replaceAll', 'slice', 'substring', 'substr', 'toUpperCase', 'toLowerCase',
  'trim', 'trimStart', 'trimEnd', 'repeat', 'padStart', 'padEnd', 'charAt', 'normalize', 'fromCharCode',
  'fromCodePoint', 'raw', 'stringify', 'map', 'split', 'reverse', 'toFixed', 'toLocaleString',
]);
const STRING_GLOBALS = new Set([
  'String', 'atob', 'btoa', 'decodeURIComponent', 'decodeURI', 'unescape', 'escape', 'encodeURIComponent',
  'JSON.stringify', 'String.raw', 'String.fromCharCode', 'String.fromCodePoint',
]);

export function stringShape(node: JsNode, scope: Scope, resolver: Resolver, depth = 0): ArgShape {
  if (depth > 8) return 'unknown';
  switch (node.type) {
    case 'FunctionExpression': case 'ArrowFunctionExpression': case 'ClassExpression': return 'function';
    case 'TemplateLiteral': case 'TaggedTemplateExpression': case 'ArrayExpression': return 'string';
    case 'BinaryExpression': return node.operator === '+' ? 'string' : 'unknown';
    case 'Literal': return typeof node.value === 'string' ? 'string' : node.value === null ? 'function' : 'unknown';
    case 'ObjectExpression': case 'UpdateExpression': return 'unknown';
    case 'UnaryExpression': return node.operator === 'void' ? 'function' : 'unknown';
    case 'ConditionalExpression': case 'LogicalExpression': {
      const branches = node.type === 'ConditionalExpression' ? [node.consequent, node.alternate]
        : [node.left, node.right];
      const shapes = branches.map((b) => stringShape(b, scope, resolver, depth + 1));
      return shapes.includes('string') ? 'string' : shapes.includes('unknown') ? 'unknown' : 'function';
    }
    case 'SequenceExpression': return stringShape(node.expressions[node.expressions.length - 1]!, scope, resolver,
      depth + 1);
    case 'AssignmentExpression': return stringShape(node.right, scope, resolver, depth + 1);
    default: break;
  }
  const v = resolver.value(node, scope);
  if (options(v).some((o) => o.t === 's' || o.t === 'a')) return 'string';
  if (options(v).some((o) => o.t === 'n')) return 'unknown';
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    if (globalPaths(resolver.value(node.callee, scope)).some((p) => STRING_GLOBALS.has(p.join('.')))) return 'string';
    const c = node.callee;
    if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' &&
      STRING_METHODS.has(c.property.name)) return 'string';
  }
  return 'function';
}
