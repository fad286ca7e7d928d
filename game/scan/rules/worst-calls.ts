// Call-shaped checks of the "assume the worst" pass: writes through Reflect.set, Object.assign
// and defineProperty, setters called through property descriptors, setAttributeNS and
// createAttribute('on…'), constructors called with code, timers handed anything that is not
// provably a function, unload listeners, and enumerating the global object.
import type * as ESTree from 'estree';
import type { JsNode } from '../../validate/walk.ts';
import { API_RULES, RULES, type RuleInfo } from './api-rules.ts';
import { stringShape } from './timer-args.ts';
import { WORST } from './worst-rules.ts';
import { globalPaths, member, options, stringsOf, type Resolver } from '../resolver/resolve.ts';
import { isBrowserGlobal, isComplete, type Value } from '../resolver/values.ts';
import type { Scope } from '../resolver/scope.ts';

export interface WorstContext {
  resolver: Resolver;
  add(rule: RuleInfo, node: JsNode | number): void;
  nested(text: string, at: JsNode): unknown;
  checkHtml(valueNode: JsNode, scope: Scope, at: JsNode): void;
  checkUrl(valueNode: JsNode, scope: Scope, at: JsNode): void;
  checkSetAttribute(nameNode: JsNode, valueNode: JsNode, scope: Scope, at: JsNode): void;
}

const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'execScript']);
const HTML_KEYS = new Set(['innerHTML', 'outerHTML']);
const URL_KEYS = new Set(['src', 'href', 'action', 'formAction', 'data', 'poster', 'srcset']);
const DESCRIPTOR_KEYS = new Set(['innerHTML', 'outerHTML', 'src', 'href', 'srcdoc', 'cookie', 'domain', 'action']);
const DESCRIPTOR_CALLS = new Set([
  'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors', '__lookupSetter__', '__lookupGetter__',
  '__defineSetter__', '__defineGetter__',
]);
const ENUMERATORS = new Set(['Object.values', 'Object.keys', 'Object.entries', 'Object.getOwnPropertyNames',
  'Reflect.ownKeys', 'Object.getOwnPropertyDescriptors']);
const UNLOAD_EVENTS = new Set(['beforeunload', 'unload', 'pagehide']);

function isUnknownish(v: Value): boolean {
  return !isComplete(v) || options(v).some((o) => o.t === 'u' || o.t === 'ctor' ||
    (o.t === 'g' && (o.path.length === 0 || !isBrowserGlobal(o.path[0]!))));
}

function methodName(callee: JsNode, scope: Scope, resolver: Resolver): string[] {
  if (callee.type !== 'MemberExpression') return [];
  if (!callee.computed && callee.property.type === 'Identifier') return [callee.property.name];
  if (callee.property.type === 'PrivateIdentifier') return [];
  return stringsOf(resolver.value(callee.property, scope));
}

/** A property written by key on a target: the same rules as `target[key] = value`. */
function checkWrite(ctx: WorstContext, target: Value, key: string, valueNode: JsNode | undefined, scope: Scope,
  at: JsNode): void {
  for (const path of globalPaths(member(target, key))) {
    const rule = API_RULES.get(path.join('.'));
    if (rule) ctx.add(rule, at);
    if (path[0] === 'location') ctx.add(RULES.locationWrite, at);
  }
  const lower = key.toLowerCase();
  if (UNLOAD_EVENTS.has(lower.slice(2)) && lower.startsWith('on')) ctx.add(WORST.unloadTrap, at);
  if (!valueNode) return;
  if (HTML_KEYS.has(key)) ctx.checkHtml(valueNode, scope, at);
  if (URL_KEYS.has(key)) ctx.checkUrl(valueNode, scope, at);
  if (key === 'srcdoc') ctx.add(RULES.srcdoc, at);
  if (lower.startsWith('on') && stringShape(valueNode, scope, ctx.resolver) === 'string') {
    ctx.add(RULES.handlerString, at);
  }
}

/** `{ innerHTML: s, src: u }` or a descriptor `{ value: v }` / `{ set: f }`: each key and value node. */
function objectEntries(node: JsNode | undefined): [string, JsNode][] {
  if (node?.type !== 'ObjectExpression') return [];
  const out: [string, JsNode][] = [];
  for (const p of node.properties) {
    if (p.type !== 'Property') continue;
    const key = !p.computed && p.key.type === 'Identifier' ? p.key.name
      : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (key !== undefined) out.push([key, p.value]);
  }
  return out;
}

export function checkWorstCall(ctx: WorstContext, node: ESTree.CallExpression | ESTree.NewExpression,
  scope: Scope): void {
  const { resolver } = ctx;
  if (node.callee.type === 'Super') return;
  const args = node.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : a as JsNode));
  const value = (n: JsNode | undefined): Value => (n ? resolver.value(n, scope) : { t: 'u' });
  const keys = (n: JsNode | undefined): string[] => stringsOf(value(n));
  const calleeValue = resolver.value(node.callee, scope);
  const paths = globalPaths(calleeValue).map((p) => p.join('.'));
  const methods = methodName(node.callee, scope, resolver);
  const base = node.callee.type === 'MemberExpression' ? value(node.callee.object) : undefined;

  for (const path of paths) {
    if (path === 'Reflect.set' || path === 'Reflect.defineProperty' || path === 'Object.defineProperty') {
      const target = value(args[0]);
      for (const key of keys(args[1])) {
        const desc = path === 'Reflect.set' ? undefined : objectEntries(args[2]).find(([k]) => k === 'value' ||
          k === 'set' || k === 'get');
        checkWrite(ctx, target, key, path === 'Reflect.set' ? args[2] : desc?.[0] === 'value' ? desc[1] : undefined,
          scope, node);
      }
    }
    if (path === 'Object.assign' || path === 'Object.defineProperties') {
      const target = value(args[0]);
      for (const source of args.slice(1)) {
        for (const [key, v] of objectEntries(source)) {
          checkWrite(ctx, target, key, path === 'Object.assign' ? v : objectEntries(v).find(([k]) =>
            k === 'value')?.[1], scope, node);
        }
      }
    }
    if (ENUMERATORS.has(path) && options(value(args[0])).some((o) => o.t === 'g' && o.path.length === 0)) {
      ctx.add(WORST.globalEnumeration, node);
    }
  }
  const names = methods.length ? methods : paths.map((p) => p.slice(p.lastIndexOf('.') + 1));
  for (const m of names) {
    if (DESCRIPTOR_CALLS.has(m) && (m === 'getOwnPropertyDescriptors' || keys(args[m.startsWith('get') ? 1 : 0])
      .some((k) => DESCRIPTOR_KEYS.has(k)))) {
      ctx.add(WORST.descriptorSetter, node);
    }
    if (m === 'setAttributeNS' && args[1] && args[2]) ctx.checkSetAttribute(args[1], args[2], scope, node);
    if ((m === 'createAttribute' || m === 'createAttributeNS') &&
      keys(args[m === 'createAttribute' ? 0 : 1]).some((k) => k.toLowerCase().startsWith('on'))) {
      ctx.add(RULES.handlerString, node);
    }
    if ((m === 'addEventListener' || m === 'attachEvent') &&
      keys(args[0]).some((k) => UNLOAD_EVENTS.has(k.toLowerCase().replace(/^on/, '')))) {
      ctx.add(WORST.unloadTrap, node);
    }
    if (TIMERS.has(m) && base && isUnknownish(base) && args[0]) checkTimer(ctx, node, args[0], scope);
  }
  for (const path of paths) if (TIMERS.has(path) && args[0]) checkTimer(ctx, node, args[0], scope);
  // Some function's constructor (`[].at.constructor`, a class's) called with code is Function.
  if (node.type === 'CallExpression' && options(calleeValue).some((o) => o.t === 'ctor') &&
    args.some((a) => a && stringShape(a, scope, resolver) === 'string')) {
    ctx.add(WORST.functionConstructor, node);
    const body = args[args.length - 1];
    for (const s of body ? keys(body) : []) ctx.nested(`(function anonymous() {\n${s}\n})`, node);
  }
}

function checkTimer(ctx: WorstContext, node: JsNode, arg: JsNode, scope: Scope): void {
  const shape = stringShape(arg, scope, ctx.resolver);
  if (shape === 'string') {
    ctx.add(RULES.stringTimer, node);
    for (const s of stringsOf(ctx.resolver.value(arg, scope))) ctx.nested(s, node);
  } else if (shape === 'unknown') ctx.add(WORST.timerUnknown, node);
}
