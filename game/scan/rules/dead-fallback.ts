// Library code written for browsers that lacked a standard API: jQuery 1.x's parseJSON is
// `if (window.JSON && window.JSON.parse) return window.JSON.parse(data); … Function("return " + data)()`
// (older releases: `window.JSON && window.JSON.parse ? … : (new Function(…))()`). The Function
// call runs only where JSON is missing, which is no browser a game runs in, so it is a note.
// It stays a block when the feature test is not of the real global (a local object called JSON),
// when the call sits in the branch that runs when the API exists, or when the script writes or
// deletes that global anywhere (then the test can be made false on purpose).
import type * as ESTree from 'estree';
import { endOf, startOf } from '../../validate/parse-script.ts';
import { isFunctionNode, type JsNode } from '../../validate/walk.ts';
import { globalPaths, type Resolver } from '../resolver/resolve.ts';
import { walkScoped, type Scope } from '../resolver/scope.ts';
import type { RuleInfo } from './api-rules.ts';
import { candidateStrings } from './code-checks.ts';

/** Standard APIs of every browser that can run a game here: a test of them is always true. */
const ALWAYS_PRESENT = new Set([
  'JSON', 'Object', 'Array', 'String', 'Number', 'Math', 'Date', 'RegExp', 'Promise', 'Map', 'Set', 'WeakMap',
  'Symbol', 'Reflect', 'Proxy', 'document', 'requestAnimationFrame', 'addEventListener', 'getComputedStyle',
  'querySelector', 'querySelectorAll', 'localStorage',
]);

export const FALLBACK_FUNCTION: RuleInfo = {
  rule: 'dynamic-code.function-constructor', severity: 'info',
  message: 'A Function constructor that only runs where a standard API (JSON…) is missing: dead in every ' +
    'browser today, but removing the fallback is cleaner.',
};

type Range = [number, number];
const cache = new WeakMap<ESTree.Program, Range[]>();

/** Every operand of an `&&` chain resolves to a standard global the script never overwrites. */
function isPresenceTest(test: JsNode, scope: Scope, resolver: Resolver, written: Set<string>): boolean {
  const operands: JsNode[] = [];
  let n: JsNode = test;
  while (n.type === 'LogicalExpression' && n.operator === '&&' && operands.length < 8) {
    operands.push(n.right);
    n = n.left;
  }
  operands.push(n);
  return operands.every((o) => {
    const paths = globalPaths(resolver.value(o, scope));
    return paths.length > 0 && paths.every((p) => p.length > 0 && ALWAYS_PRESENT.has(p[0]!) && !written.has(p[0]!));
  });
}

function alwaysLeaves(s: JsNode): boolean {
  if (s.type === 'ReturnStatement' || s.type === 'ThrowStatement') return true;
  if (s.type === 'BlockStatement') {
    const last = s.body[s.body.length - 1];
    return last !== undefined && alwaysLeaves(last);
  }
  return false;
}

/** Names the script assigns, updates, deletes or defines as properties anywhere (any base):
 *  `JSON = …`, `window.JSON = …`, `delete self.JSON`, `defineProperty(w, 'JSON', …)`; a computed
 *  write on the global object (`window[k] = …`) may be to any of them. */
function writtenNames(program: ESTree.Program, resolver: Resolver): Set<string> {
  const out = new Set<string>();
  walkScoped(program, resolver.info, (node, scope) => {
    let target: JsNode | undefined;
    if (node.type === 'AssignmentExpression') target = node.left;
    else if (node.type === 'UpdateExpression') target = node.argument;
    else if (node.type === 'UnaryExpression' && node.operator === 'delete') target = node.argument;
    else if (node.type === 'CallExpression') {
      for (const a of node.arguments) if (a.type === 'Literal' && typeof a.value === 'string') out.add(a.value);
    }
    if (target?.type === 'Identifier') out.add(target.name);
    if (target?.type !== 'MemberExpression') return;
    if (!target.computed && target.property.type === 'Identifier') out.add(target.property.name);
    else if (target.property.type === 'Literal') out.add(String(target.property.value));
    else if (globalPaths(resolver.value(target.object, scope)).some((p) => p.length === 0)) {
      // A key known to start with other text (JSONP's `window['jsonp' + n]`) cannot be the API.
      const { strings, known } = candidateStrings(target.property, scope, resolver);
      for (const n of ALWAYS_PRESENT) {
        if (strings.length === 0 || strings.some((k) => (known ? n === k : n.startsWith(k)))) out.add(n);
      }
    }
  });
  return out;
}

function deadRanges(program: ESTree.Program, resolver: Resolver): Range[] {
  const hit = cache.get(program);
  if (hit) return hit;
  const written = writtenNames(program, resolver);
  const ranges: Range[] = [];
  // Only the first such `if` of a block matters (the later ones are inside its dead rest), which
  // keeps the ranges linear in the script size.
  const done = new Set<JsNode>();
  walkScoped(program, resolver.info, (node, scope, ancestors) => {
    if (node.type === 'ConditionalExpression' && isPresenceTest(node.test, scope, resolver, written)) {
      ranges.push([startOf(node.alternate), endOf(node.alternate)]);
    }
    if (node.type !== 'IfStatement' || !alwaysLeaves(node.consequent) ||
      !isPresenceTest(node.test, scope, resolver, written)) return;
    if (node.alternate) ranges.push([startOf(node.alternate), endOf(node.alternate)]);
    // The statements after `if (test) return …;` in the same function body run only when the test fails.
    const parent = ancestors[ancestors.length - 1];
    const grand = ancestors[ancestors.length - 2];
    if (parent?.type === 'BlockStatement' && grand && isFunctionNode(grand) && !done.has(parent)) {
      done.add(parent);
      // Function declarations among them are hoisted: the live branch may call them.
      for (const rest of parent.body.slice(parent.body.indexOf(node) + 1)) {
        if (rest.type !== 'FunctionDeclaration') ranges.push([startOf(rest), endOf(rest)]);
      }
    }
  });
  cache.set(program, ranges);
  return ranges;
}

/** The rule to report for a Function-constructor reference: a note inside a dead fallback. */
export function fallbackRule(rule: RuleInfo, node: JsNode, program: ESTree.Program | undefined,
  resolver: Resolver): RuleInfo {
  if (rule.rule !== 'dynamic-code.function-constructor' || rule.severity !== 'block' || !program) return rule;
  const at = startOf(node);
  return deadRanges(program, resolver).some(([s, e]) => at >= s && at < e) ? FALLBACK_FUNCTION : rule;
}
