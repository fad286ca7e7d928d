// The "assume the worst" pass, run on every node beside the rule pass: a distinctive API
// name fires whatever object it is read on when that object may be the global one (a
// parameter, a property, an event's view, anything the resolver cannot follow), prototypes
// of browser interfaces count as their instance (Document.prototype.write is document.write),
// and traps that hold the player or hide the code are reported. Presence tests are exempt.
import type * as ESTree from 'estree';
import type { JsNode } from '../../validate/walk.ts';
import { API_RULES, RULES, type RuleInfo } from './api-rules.ts';
import { isPresenceTest } from './presence.ts';
import { checkWorstCall, type WorstContext } from './worst-calls.ts';
import { scanObfuscatedText } from './obfuscation-text.ts';
import { DISTINCTIVE_MEMBERS, OWNABLE_MEMBERS, WORST } from './worst-rules.ts';
import { globalPaths, isBrowserGlobal, isComplete, options, stringsOf, type Value } from '../resolver/values.ts';
import { lookup, type Scope } from '../resolver/scope.ts';

export type { WorstContext } from './worst-calls.ts';

/** Browser interfaces whose prototype methods are the methods of one global instance. */
const INSTANCE_OF: Record<string, string> = {
  Document: 'document', HTMLDocument: 'document', Navigator: 'navigator', Location: 'location', History: 'history',
};
const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);
const REPEATING_CALLS = /^(setInterval|setTimeout|requestAnimationFrame|setImmediate)$/;
const TAG_TIMERS = /^(setTimeout|setInterval)$/;
const UNLOAD_HANDLERS = new Set(['onbeforeunload', 'onunload', 'onpagehide']);

/** May this value be the global object (or anything the scanner cannot rule out)? */
export function mayBeGlobal(v: Value): boolean {
  if (!isComplete(v)) return true;
  return options(v).some((o) => o.t === 'u' || o.t === 'ctor' ||
    (o.t === 'g' && (o.path.length === 0 || !isBrowserGlobal(o.path[0]!))));
}

function memberKeys(node: ESTree.MemberExpression, scope: Scope, ctx: WorstContext): string[] {
  if (!node.computed && node.property.type === 'Identifier') return [node.property.name];
  if (node.property.type === 'PrivateIdentifier') return [];
  return stringsOf(ctx.resolver.value(node.property, scope));
}

/** Returns true when the node is a presence test: the rule pass skips its API rules. */
export function worstCase(
  ctx: WorstContext, code: string,
): (node: JsNode, scope: Scope, ancestors: JsNode[]) => boolean {
  for (const f of scanObfuscatedText(code)) ctx.add(f.info, f.offset);
  let debuggers = 0;
  const distinctive = (key: string): RuleInfo | undefined => {
    const rule = DISTINCTIVE_MEMBERS.get(key);
    return rule && !(OWNABLE_MEMBERS.has(key) && ctx.resolver.info.fields.has(key)) ? rule : undefined;
  };

  const member = (node: ESTree.MemberExpression, scope: Scope, parent: JsNode | undefined): void => {
    const keys = memberKeys(node, scope, ctx);
    const base = ctx.resolver.value(node.object, scope);
    if (mayBeGlobal(base)) {
      for (const key of keys) {
        const rule = distinctive(key);
        if (rule) ctx.add(rule, node);
      }
    }
    const written = parent?.type === 'AssignmentExpression' && parent.left === node;
    // On any object: <body>'s and frames' unload handlers are the window's too.
    if (written && keys.some((k) => UNLOAD_HANDLERS.has(k.toLowerCase()))) {
      ctx.add(WORST.unloadTrap, node);
    }
    if (written && keys.some((k) => k.toLowerCase() === 'onblur') && callsFocus(parent.right)) {
      ctx.add(WORST.focusTrap, node);
    }
    for (const path of globalPaths(base)) {
      const instance = path[1] === 'prototype' && path.length === 2 ? INSTANCE_OF[path[0]!] : undefined;
      for (const key of instance ? keys : []) {
        const rule = API_RULES.get(`${instance}.${key}`);
        if (rule) ctx.add(rule, node);
      }
    }
  };

  return (node, scope, ancestors) => {
    if (isPresenceTest(node, ancestors)) return true;
    const parent = ancestors[ancestors.length - 1];
    switch (node.type) {
      case 'MemberExpression': member(node, scope, parent); break;
      case 'CallExpression': case 'NewExpression': checkWorstCall(ctx, node, scope); break;
      case 'TaggedTemplateExpression':
        // setTimeout`code`: the timer gets the template's strings, which run as code.
        if (globalPaths(ctx.resolver.value(node.tag, scope)).some((p) => TAG_TIMERS.test(p.join('.')))) {
          ctx.add(RULES.stringTimer, node);
        }
        break;
      case 'MetaProperty':
        if (node.meta.name === 'import') ctx.add(WORST.importMeta, node);
        break;
      case 'Identifier':
        if (parent?.type === 'AssignmentExpression' && parent.left === node && UNLOAD_HANDLERS.has(node.name) &&
          !lookup(scope, node.name)) {
          ctx.add(WORST.unloadTrap, node);
        }
        break;
      case 'ForInStatement':
        if (options(ctx.resolver.value(node.right, scope)).some((o) => o.t === 'g' && o.path.length === 0)) {
          ctx.add(WORST.globalEnumeration, node);
        }
        break;
      case 'DebuggerStatement':
        debuggers++;
        ctx.add(debuggers > 1 || ancestors.some((a, i) => LOOPS.has(a.type) || isRepeatingCallback(a, ancestors[i - 1]))
          ? WORST.debuggerTrap : WORST.debuggerStatement, node);
        break;
      default: break;
    }
    return false;
  };
}

/** A function handed to setInterval/setTimeout/requestAnimationFrame runs again and again. */
function isRepeatingCallback(fn: JsNode, call: JsNode | undefined): boolean {
  if (fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') return false;
  if (call?.type !== 'CallExpression') return false;
  const callee = call.callee.type === 'MemberExpression' ? call.callee.property : call.callee;
  return callee.type === 'Identifier' && REPEATING_CALLS.test(callee.name);
}

/** Does this handler (a function) call focus() at its top level? Cheap: only direct statements. */
export function callsFocus(fn: JsNode): boolean {
  if (fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') return false;
  const body = fn.body.type === 'BlockStatement' ? fn.body.body.map((s) =>
    (s.type === 'ExpressionStatement' ? s.expression : s)) : [fn.body];
  return body.some((e) => e.type === 'CallExpression' && (
    (e.callee.type === 'Identifier' && e.callee.name === 'focus') ||
    (e.callee.type === 'MemberExpression' && !e.callee.computed && e.callee.property.type === 'Identifier' &&
      e.callee.property.name === 'focus')));
}
