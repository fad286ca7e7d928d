// Lexical scopes and bindings of one script, so the resolver knows what a name really is: a
// local `top` or `fetch` is not the global one, and `const w = window` makes `w` the global
// object. Flow-insensitive on purpose: every value a binding is ever given is a "source",
// and the resolver considers them all (an attacker cannot hide behind control flow).
import type * as ESTree from 'estree';
import { childKeys, forEachChild, isFunctionNode, type JsNode } from '../../validate/walk.ts';
import { bindPattern, declaresLexically, isStrict } from './declarations.ts';
import { tick } from '../budget.ts';

export type FunctionNode =
  ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression;

export type Source =
  | { type: 'expr'; node: JsNode; scope: Scope; keys?: string[] } // keys: destructured path into the value
  | { type: 'append'; node: JsNode; scope: Scope } // x += node
  | { type: 'global'; path?: string[] } // `this` of a sloppy function called plainly; path: a global's own value
  | { type: 'fn'; node: FunctionNode; scope: Scope };

export interface Binding { name: string; sources: Source[] }

export interface Scope {
  parent: Scope | null;
  vars: Map<string, Binding>;
  isFunction: boolean;
  /** `this` of a non-arrow function (or the program); arrows use their parent's. */
  thisBinding?: Binding;
}

export interface ScopeInfo {
  root: Scope;
  scopeOf: Map<JsNode, Scope>;
  /** Identifier parameters of each function, by position, for call-site arguments. */
  params: Map<FunctionNode, (Binding | undefined)[]>;
  /** Non-strict, non-arrow functions: a plain call gives them the global object as `this`. */
  sloppy: Set<FunctionNode>;
  /** Identifiers that name a declaration (not references). */
  declared: Set<JsNode>;
  /** Assignments and calls, for the resolver's second look once every name is declared. */
  flows: { node: ESTree.AssignmentExpression | ESTree.CallExpression; scope: Scope }[];
  /** Everything ever stored under a property name, whatever the object (`{w: window}`, `this.g = self`,
   *  methods): a property read on an object the resolver cannot follow may be any of them. */
  fields: Map<string, Source[]>;
  /** Names assigned without a declaration (sloppy implicit globals), visible from every scope. */
  implicit: Map<string, Binding>;
}

/** Sources kept per property name or parameter: past this the value is partly unknown anyway. */
export const MAX_FIELD_SOURCES = 32;

export function addField(info: ScopeInfo, key: string, source: Source): void {
  let list = info.fields.get(key);
  if (!list) info.fields.set(key, list = []);
  if (list.length < MAX_FIELD_SOURCES) list.push(source);
}

function staticKey(node: ESTree.Property | ESTree.MethodDefinition | ESTree.PropertyDefinition): string | undefined {
  if (!node.computed && node.key.type === 'Identifier') return node.key.name;
  if (node.key.type === 'Literal' && (typeof node.key.value === 'string' || typeof node.key.value === 'number')) {
    return String(node.key.value);
  }
  return undefined;
}

const THIS_ARG_ITERATORS = new Set([
  'forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap',
]);

/** `undefined`, `null`, `void 0`: a `this` that sloppy code turns into the global object. */
function isNullish(node: JsNode | undefined): boolean {
  if (!node) return true;
  return (node.type === 'Identifier' && node.name === 'undefined') ||
    (node.type === 'Literal' && node.value === null) || (node.type === 'UnaryExpression' && node.operator === 'void');
}

export function lookup(scope: Scope, name: string): Binding | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const b = s.vars.get(name);
    if (b) return b;
  }
  return undefined;
}

export function thisOf(scope: Scope): Binding | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.thisBinding) return s.thisBinding;
  return undefined;
}

function declare(scope: Scope, name: string): Binding {
  let b = scope.vars.get(name);
  if (!b) {
    b = { name, sources: [] };
    scope.vars.set(name, b);
  }
  return b;
}

function functionScope(scope: Scope): Scope {
  let s = scope;
  while (!s.isFunction && s.parent) s = s.parent;
  return s;
}

/** IIFE `(function (a) {…})(x)` or `(function () {…}).call(x, y)`: arguments and `this`. */
function directCall(
  fn: JsNode, parent: JsNode | undefined, grand: JsNode | undefined,
): { args: JsNode[]; thisArg?: JsNode | 'global' } | null {
  if (parent?.type === 'CallExpression' && parent.callee === fn) return { args: parent.arguments, thisArg: 'global' };
  if (parent?.type === 'MemberExpression' && parent.object === fn &&
    grand?.type === 'CallExpression' && grand.callee === parent &&
    !parent.computed && parent.property.type === 'Identifier' &&
    ['call', 'apply', 'bind'].includes(parent.property.name)) {
    const [thisArg, ...args] = grand.arguments as JsNode[];
    return { args: parent.property.name === 'apply' ? [] : args, thisArg: isNullish(thisArg) ? 'global' : thisArg };
  }
  // A callback handed to any function (forEach, setTimeout, a library's): sloppy code may be
  // called with no `this`, which is the global object.
  const isCall = parent?.type === 'CallExpression' || parent?.type === 'NewExpression';
  const at = isCall ? parent.arguments.indexOf(fn as never) : -1;
  if (isCall && at >= 0) {
    // `list.forEach(function () { this… }, owner)`: the argument after the callback is its `this`.
    const thisArg = parent.arguments[at + 1];
    const iterator = parent.callee.type === 'MemberExpression' && !parent.callee.computed &&
      parent.callee.property.type === 'Identifier' && THIS_ARG_ITERATORS.has(parent.callee.property.name);
    return { args: [], thisArg: iterator && thisArg && thisArg.type !== 'SpreadElement' ? thisArg : 'global' };
  }
  return null;
}

export function analyzeScopes(
  program: ESTree.Program, module: boolean, sharedGlobals: Iterable<string> = [],
): ScopeInfo {
  const root: Scope = {
    parent: null, vars: new Map(), isFunction: true,
    thisBinding: { name: 'this', sources: module ? [] : [{ type: 'global' }] },
  };
  for (const name of sharedGlobals) root.vars.set(name, { name, sources: [] });
  const info: ScopeInfo = {
    root, scopeOf: new Map([[program, root]]), params: new Map(), sloppy: new Set(), declared: new Set(), flows: [],
    fields: new Map(), implicit: new Map(),
  };
  const declareIn = (scope: Scope) => (name: string, id?: JsNode): Binding => {
    if (id) info.declared.add(id);
    return declare(scope, name);
  };
  const programStrict = module || isStrict(program);

  const visit = (
    node: JsNode, scope: Scope, parent: JsNode | undefined, grand: JsNode | undefined, strict: boolean,
  ): void => {
    let inner = scope;
    if (isFunctionNode(node)) {
      if (node.type === 'FunctionDeclaration' && node.id) {
        declareIn(scope)(node.id.name, node.id).sources.push({ type: 'fn', node, scope });
      }
      inner = { parent: scope, vars: new Map(), isFunction: true };
      info.scopeOf.set(node, inner);
      if (node.type === 'FunctionExpression' && node.id) {
        declareIn(inner)(node.id.name, node.id).sources.push({ type: 'fn', node, scope });
      }
      const fnStrict = strict || isStrict(node.body);
      const call = directCall(node, parent, grand);
      if (node.type !== 'ArrowFunctionExpression') {
        const thisSources: Source[] = [];
        if (call?.thisArg === 'global' && !fnStrict) thisSources.push({ type: 'global' });
        else if (call?.thisArg && call.thisArg !== 'global') {
          thisSources.push({ type: 'expr', node: call.thisArg, scope });
        }
        inner.thisBinding = { name: 'this', sources: thisSources };
      }
      const params: (Binding | undefined)[] = [];
      if (!fnStrict && node.type !== 'ArrowFunctionExpression') info.sloppy.add(node);
      node.params.forEach((p, i) => {
        const arg = call?.args[i];
        bindPattern(p, arg && arg.type !== 'SpreadElement' ? { type: 'expr', node: arg, scope } : null,
          declareIn(inner), inner);
        params.push(p.type === 'Identifier' ? inner.vars.get(p.name) : undefined);
      });
      info.params.set(node, params);
      if (node.body.type === 'BlockStatement') info.scopeOf.set(node.body, inner);
      visitChildren(node, inner, parent, fnStrict);
      return;
    }
    switch (node.type) {
      case 'VariableDeclaration': {
        const target = node.kind === 'var' ? functionScope(scope) : scope;
        for (const d of node.declarations) {
          bindPattern(d.id, d.init ? { type: 'expr', node: d.init, scope } : null, declareIn(target), scope);
        }
        break;
      }
      case 'ClassDeclaration':
        if (node.id) declareIn(scope)(node.id.name, node.id);
        break;
      case 'ClassExpression':
        if (node.id) info.declared.add(node.id);
        break;
      case 'AssignmentExpression':
        info.flows.push({ node, scope });
        break;
      case 'CallExpression':
        if (node.callee.type === 'Identifier' || node.callee.type === 'MemberExpression') {
          info.flows.push({ node, scope });
        }
        break;
      case 'Property':
        if (parent?.type === 'ObjectExpression') {
          const key = staticKey(node);
          if (key !== undefined) addField(info, key, { type: 'expr', node: node.value, scope });
        }
        break;
      case 'MethodDefinition': case 'PropertyDefinition': {
        const key = staticKey(node);
        if (key !== undefined && node.value) addField(info, key, { type: 'expr', node: node.value, scope });
        break;
      }
      case 'ImportDeclaration':
        for (const s of node.specifiers) declareIn(scope)(s.local.name, s.local);
        break;
      case 'BlockStatement': case 'StaticBlock': case 'ForStatement': case 'ForInStatement': case 'ForOfStatement':
      case 'SwitchStatement': case 'CatchClause':
        // Only blocks that declare something need a scope of their own (most do not).
        if (!info.scopeOf.has(node) && declaresLexically(node)) {
          inner = { parent: scope, vars: new Map(), isFunction: node.type === 'StaticBlock' };
          info.scopeOf.set(node, inner);
        }
        if (node.type === 'CatchClause' && node.param) bindPattern(node.param, null, declareIn(inner), inner);
        break;
      case 'ClassBody':
        // Class fields see the instance as `this`, never the global object.
        inner = {
          parent: scope, vars: new Map(), isFunction: false, thisBinding: { name: 'this', sources: [] },
        };
        info.scopeOf.set(node, inner);
        break;
      default:
        break;
    }
    visitChildren(node, inner, parent, strict);
  };
  // Child iteration inlined (no closure per node): this pass runs over every node.
  const visitChildren = (node: JsNode, inner: Scope, parent: JsNode | undefined, strict: boolean): void => {
    const record = node as unknown as Record<string, unknown>;
    const keys = childKeys(node);
    for (let k = 0; k < keys.length; k++) {
      const v = record[keys[k]!];
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const c = v[i] as JsNode | null;
          if (c && typeof c.type === 'string') visit(c, inner, node, parent, strict);
        }
      } else if (v && typeof (v as JsNode).type === 'string') {
        visit(v as JsNode, inner, node, parent, strict);
      }
    }
  };
  forEachChild(program, (child) => { visit(child, root, program, undefined, programStrict); });
  return info;
}

/** Walk with the scope each node lives in (the scope a function/block opens applies inside it). */
export function walkScoped(program: ESTree.Program, info: ScopeInfo,
  enter: (node: JsNode, scope: Scope, ancestors: JsNode[]) => void): void {
  const ancestors: JsNode[] = [];
  const visit = (node: JsNode, scope: Scope): void => {
    tick();
    enter(node, scope, ancestors);
    const inner = info.scopeOf.get(node) ?? scope;
    ancestors.push(node);
    // Inlined child iteration: this walk runs over every node of every script.
    const record = node as unknown as Record<string, unknown>;
    const keys = childKeys(node);
    for (let k = 0; k < keys.length; k++) {
      const v = record[keys[k]!];
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const c = v[i] as JsNode | null;
          if (c && typeof c.type === 'string') visit(c, inner);
        }
      } else if (v && typeof (v as JsNode).type === 'string') {
        visit(v as JsNode, inner);
      }
    }
    ancestors.pop();
  };
  visit(program, info.root);
}
