// Static rules over one script's tree: APIs where their reference forms (aliases, keys, escapes seen through).
import type * as ESTree from 'estree';
import { endOf, parseScript, startOf } from '../../validate/parse-script.ts';
import { staticName } from '../../validate/structure.ts';
import type { JsNode } from '../../validate/walk.ts';
import { API_RULES, PROPERTY_RULES, RULES, type RuleInfo } from './api-rules.ts';
import {
  allocationBytes, BLOCK_BYTES, candidateStrings, decodeBlob, effectiveCall, isApply, isCallee, isEndlessLoop,
  isReference, isScriptBearingHtml, isStringish, isWriteTarget, printableEscapes, REVIEW_BYTES, urlRisk,
} from './code-checks.ts';
import { createResolver, globalPaths, member, options, stringsOf, type Value } from '../resolver/resolve.ts';
import { analyzeScopes, lookup, walkScoped, type Scope } from '../resolver/scope.ts';
import { reserve } from '../budget.ts';
import { cssSinkRisks } from './css-sinks.ts';
import { fallbackRule, htmlTexts } from './ordinary-code.ts';
import { worstCase } from './worst-case.ts';

export interface RawFinding { info: RuleInfo; offset: number; detail?: string }
export interface CodeScan { findings: RawFinding[]; apis: Set<string>; stringRanges: [number, number][] }
export interface CodeScanOptions { module: boolean; handler: boolean; depth?: number; sharedGlobals?: Iterable<string> }

const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'execScript']);
const CODE_SINKS = new Set(['eval', 'execScript', 'Function']);
const URL_PROPS = new Set(['src', 'href', 'action', 'formAction', 'formaction', 'data', 'poster', 'background', 'ping',
  'codebase', 'xlink:href']);
const HTML_PROPS = new Set(['innerHTML', 'outerHTML']);
const EMBED_TAGS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'portal', 'fencedframe', 'applet']);
const MAX_NESTING = 2;

export function scanCode(code: string, opts: CodeScanOptions, program?: ESTree.Program): CodeScan {
  const result: CodeScan = { findings: [], apis: new Set(), stringRanges: [] };
  const ast = program ?? parseScript(code, { module: opts.module }).ast;
  if (!ast) return result;
  const info = analyzeScopes(ast, opts.module, opts.sharedGlobals);
  const resolver = createResolver(info, { handler: opts.handler });
  const depth = opts.depth ?? 0;
  const declared = info.declared;
  const mayHaveEscapes = code.includes('\\u');
  const add = (rule: RuleInfo, node: JsNode | number, detail?: string): void => {
    result.findings.push({ info: rule, offset: typeof node === 'number' ? node : startOf(node), detail });
  };

  /** Scan a string that runs as a script of its own, once per string (charged 8× its length: parsing). */
  const scanned = new Map<string, CodeScan>();
  const nested = (text: string, at: JsNode): RawFinding[] => {
    if (depth >= MAX_NESTING || text.length > 100_000) return [];
    if (!scanned.has(text) && !reserve(text.length * 8)) return [];
    const inner = scanned.get(text) ?? scanCode(text, { module: false, handler: false, depth: depth + 1 });
    const moved = inner.findings.map((f) => ({ ...f, offset: startOf(at) }));
    result.findings.push(...moved);
    for (const api of inner.apis) result.apis.add(api);
    scanned.set(text, inner);
    return moved;
  };

  const checkPaths = (v: Value, node: JsNode, parent: JsNode | undefined, write: boolean): void => {
    for (const path of globalPaths(v)) {
      const key = path.join('.');
      if (path.length) result.apis.add(key);
      // location of this window, or of the opener's (reverse tabnabbing)
      if (path[0] === 'location' || (path[0] === 'opener' && path[1] === 'location')) {
        if (write) add(RULES.locationWrite, node);
        else if (!(parent?.type === 'MemberExpression' && parent.object === node) && !isCallee(node, parent)) {
          add(RULES.locationRead, node);
        }
      }
      const rule = API_RULES.get(key);
      if (!rule) continue;
      if (key === 'Function' && parent && (
        (parent.type === 'BinaryExpression' && parent.operator === 'instanceof') ||
        (parent.type === 'MemberExpression' && parent.object === node && !parent.computed &&
          parent.property.type === 'Identifier' && parent.property.name === 'prototype'))) continue;
      add(fallbackRule(rule, node, ast, resolver), node);
    }
  };

  const keysOf = (node: ESTree.MemberExpression, scope: Scope): string[] => {
    if (!node.computed && node.property.type === 'Identifier') return [node.property.name];
    if (node.property.type === 'PrivateIdentifier') return [];
    return stringsOf(resolver.value(node.property, scope));
  };

  const checkHtml = (valueNode: JsNode, scope: Scope, at: JsNode): void => {
    const { texts, known } = htmlTexts(valueNode, scope, resolver, candidateStrings(valueNode, scope, resolver));
    if (texts.some(isScriptBearingHtml)) add(RULES.htmlScript, at);
    else add(known ? RULES.innerHtmlConstant : RULES.innerHtml, at);
  };

  const checkUrl = (valueNode: JsNode, scope: Scope, at: JsNode): void => {
    for (const s of candidateStrings(valueNode, scope, resolver).strings) {
      const risk = urlRisk(s);
      if (risk === 'external') add(RULES.resourceUrl, at, s.slice(0, 80));
      if (risk === 'javascript') add(RULES.javascriptUrlBlock, at);
    }
  };

  const checkCall = (node: ESTree.CallExpression | ESTree.NewExpression, scope: Scope): void => {
    const { callee, args } = effectiveCall(node, scope, resolver);
    const argv = args;
    for (const path of callee) {
      const name = path.join('.');
      const first = argv[0];
      if (TIMERS.has(name) && first && isStringish(first, scope, resolver)) {
        add(RULES.stringTimer, node);
        for (const s of stringsOf(resolver.value(first, scope))) nested(s, node);
      }
      if (CODE_SINKS.has(name)) {
        const body = name === 'Function' ? argv[argv.length - 1] : first;
        // A Function body may `return`: parse it as the function the constructor builds.
        if (body) {
          for (const s of stringsOf(resolver.value(body, scope))) {
            nested(name === 'Function' ? `(async function anonymous() {\n${s}\n})` : s, node);
          }
        }
      }
      if (name === 'Reflect.get') checkPaths(resolver.value(node, scope), node, undefined, false);
      if ((name === 'Object.getOwnPropertyDescriptor' || name === 'Reflect.getOwnPropertyDescriptor') &&
        first && argv[1]) {
        const from = resolver.value(first, scope);
        for (const key of stringsOf(resolver.value(argv[1], scope))) {
          checkPaths(member(from, key), node, undefined, false);
        }
      }
      if ((name === 'document.createElement' || name === 'document.createElementNS') && argv.length) {
        const tagArg = name === 'document.createElementNS' ? argv[1] : first;
        for (const tag of tagArg ? stringsOf(resolver.value(tagArg, scope)).map((t) => t.toLowerCase()) : []) {
          if (tag === 'script') add(RULES.scriptElement, node);
          else if (EMBED_TAGS.has(tag)) add(RULES.embedElement, node);
          else if (tag === 'form') add(RULES.formSubmit, node);
          else if (tag === 'link' || tag === 'meta' || tag === 'base') add(RULES.headElement, node);
        }
      }
      const size = first ? resolver.value(first, scope) : undefined;
      const bytes = size?.t === 'n' && argv.length === 1 ? allocationBytes(name, size.v) : undefined;
      if (bytes !== undefined && bytes >= REVIEW_BYTES) {
        add(bytes >= BLOCK_BYTES ? RULES.hugeAllocation : RULES.largeAllocation, node);
      }
      if (name === 'Array.from' && first?.type === 'ObjectExpression') {
        const len = first.properties.find((p) =>
          p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'length');
        const n = len?.type === 'Property' ? resolver.value(len.value, scope) : undefined;
        if (n?.t === 'n' && n.v * 8 >= REVIEW_BYTES) {
          add(n.v * 8 >= BLOCK_BYTES ? RULES.hugeAllocation : RULES.largeAllocation, node);
        }
      }
      if (name === 'String.fromCharCode' || name === 'String.fromCodePoint') {
        if (argv.length >= 4 || node.arguments.some((a) => a.type === 'SpreadElement') || isApply(node)) {
          add(RULES.charCodes, node);
        }
      }
      if ((name === 'atob' || name === 'decodeURIComponent' || name === 'unescape') && first) {
        const encoded = stringsOf(resolver.value(first, scope)).find((s) => s.length >= 200);
        const decoded = encoded !== undefined ? stringsOf(resolver.value(node, scope))[0] : undefined;
        if (encoded !== undefined) {
          add(RULES.encodedPayload, node);
          if (decoded && nested(decoded, node).some((f) => f.info.severity === 'block')) add(RULES.encodedCode, node);
        }
      }
    }
    if (node.callee.type === 'MemberExpression') {
      // Asset loaders (Phaser's this.load.image(key, url) and friends) must not fetch from outside.
      if (staticName(node.callee.object) === 'load') {
        for (const a of node.arguments) if (a.type !== 'SpreadElement') checkUrl(a, scope, a);
      }
      for (const method of keysOf(node.callee, scope)) {
        if (method === 'setAttribute' && node.arguments.length >= 2) {
          checkSetAttribute(node.arguments[0] as JsNode, node.arguments[1] as JsNode, scope, node);
        }
        if (method === 'insertAdjacentHTML' && node.arguments[1]) checkHtml(node.arguments[1], scope, node);
        if ((method === 'submit' || method === 'requestSubmit') && node.arguments.length === 0) {
          add(RULES.formSubmit, node);
        }
        if (method === 'repeat' && node.arguments[0]) {
          const n = resolver.value(node.arguments[0], scope);
          if (n.t === 'n' && n.v * 2 >= REVIEW_BYTES) {
            add(n.v * 2 >= BLOCK_BYTES ? RULES.hugeAllocation : RULES.largeAllocation, node);
          }
        }
      }
    }
  };

  const checkSetAttribute = (nameNode: JsNode, valueNode: JsNode, scope: Scope, at: JsNode): void => {
    for (const attr of stringsOf(resolver.value(nameNode, scope)).map((a) => a.toLowerCase())) {
      if (attr.startsWith('on')) {
        add(RULES.handlerString, at);
        for (const s of stringsOf(resolver.value(valueNode, scope))) nested(s, at);
      } else if (attr === 'srcdoc') add(RULES.srcdoc, at);
      else if (URL_PROPS.has(attr)) checkUrl(valueNode, scope, at);
    }
  };

  const worst = worstCase({ resolver, add, nested, checkHtml, checkUrl, checkSetAttribute }, code);
  walkScoped(ast, info, (node, scope, ancestors) => {
    if (worst(node, scope, ancestors)) return; // a presence test (`typeof X`, `!!X`) is not use
    const parent = ancestors[ancestors.length - 1];
    for (const css of cssSinkRisks(node, scope, resolver)) add(css.info, node, css.detail);
    switch (node.type) {
      case 'Identifier': {
        if (mayHaveEscapes && code.slice(startOf(node), endOf(node)).includes('\\')) add(RULES.escapedIdentifier, node);
        if (declared.has(node) || !isReference(node, parent) || lookup(scope, node.name)) return;
        if (node.name === 'top' || node.name === 'parent') add(RULES.frameAccess, node);
        const write = isWriteTarget(node, parent);
        checkPaths(resolver.value(node, scope), node, parent, write);
        return;
      }
      case 'MemberExpression': {
        const write = isWriteTarget(node, parent);
        const obj = resolver.value(node.object, scope);
        const keys = keysOf(node, scope);
        if (node.computed && keys.length === 0 && options(obj).some((o) => o.t === 'g' &&
          (o.path.length === 0 || o.path[0] === 'document' || o.path[0] === 'navigator') && o.path.length <= 1)) {
          add(RULES.computedGlobal, node);
        }
        if (keys.some((k) => k === 'top' || k === 'parent') &&
          options(obj).some((o) => o.t === 'g' && o.path.length === 0)) {
          add(RULES.frameAccess, node);
        }
        for (const k of keys) {
          const prop = PROPERTY_RULES.get(k);
          if (prop) add(prop, node);
        }
        checkPaths(resolver.value(node, scope), node, parent, write);
        if (write && parent?.type === 'AssignmentExpression') {
          if (keys.some((k) => HTML_PROPS.has(k))) checkHtml(parent.right, scope, node);
          if (keys.includes('srcdoc')) add(RULES.srcdoc, node);
          if (keys.some((k) => URL_PROPS.has(k))) checkUrl(parent.right, scope, node);
        }
        return;
      }
      case 'CallExpression': case 'NewExpression':
        checkCall(node, scope);
        return;
      case 'VariableDeclarator':
        if (node.init && node.id.type === 'ObjectPattern') {
          checkDestructuring(node.id, resolver.value(node.init, scope));
        }
        return;
      case 'AssignmentExpression':
        if (node.left.type === 'ObjectPattern') checkDestructuring(node.left, resolver.value(node.right, scope));
        return;
      case 'ImportExpression':
        add(RULES.dynamicImport, node);
        return;
      case 'ImportDeclaration': case 'ExportAllDeclaration':
        add(RULES.moduleImport, node);
        return;
      case 'ExportNamedDeclaration':
        if (node.source) add(RULES.moduleImport, node);
        return;
      case 'WithStatement':
        add(RULES.withStatement, node);
        return;
      case 'WhileStatement': case 'DoWhileStatement': case 'ForStatement': {
        const label = parent?.type === 'LabeledStatement' ? parent.label.name : undefined;
        if (isEndlessLoop(node, label)) add(RULES.busyLoop, node);
        if (node.type === 'ForStatement' && node.test?.type === 'BinaryExpression' &&
          ['<', '<=', '!=='].includes(node.test.operator)) {
          const bound = resolver.value(node.test.right, scope);
          if (bound.t === 'n' && bound.v >= 1e9) add(RULES.hugeLoop, node);
        }
        return;
      }
      case 'Literal':
        if (typeof node.value !== 'string') return;
        result.stringRanges.push([startOf(node), endOf(node)]);
        if (node.raw && printableEscapes(node.raw) >= 3) add(RULES.escapedString, node);
        if (node.value.length >= 1000) checkBlob(node.value, node);
        return;
      case 'TemplateElement':
        result.stringRanges.push([startOf(node), endOf(node)]);
        if (printableEscapes(node.value.raw) >= 3) add(RULES.escapedString, node);
        return;
      default:
        return;
    }
  });

  /** `const { fetch: f } = window` forms the reference in the pattern, not in a member. */
  function checkDestructuring(pattern: ESTree.ObjectPattern, from: Value): void {
    if (!globalPaths(from).length) return;
    for (const p of pattern.properties) {
      if (p.type === 'RestElement') continue;
      const key = !p.computed && p.key.type === 'Identifier' ? p.key.name
        : p.key.type === 'Literal' ? String(p.key.value) : undefined;
      if (key === undefined) continue;
      const v = member(from, key);
      checkPaths(v, p, undefined, false);
      if (p.value.type === 'ObjectPattern') checkDestructuring(p.value, v);
    }
  }

  function checkBlob(text: string, node: JsNode): void {
    const blob = decodeBlob(text);
    if (!blob || blob.media) return;
    const blocked = nested(blob.decoded, node).some((f) => f.info.severity === 'block');
    add(blocked ? RULES.encodedCode : RULES.encodedString, node);
  }
  return result;
}
