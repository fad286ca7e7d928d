// CSS that code hands to the page, judged like CSS in the markup (css-judge.ts): style property
// writes (`el.style.background = 'url(…)'`, `style.cssText`, `Object.assign(el.style, …)`),
// `style.setProperty`, `setAttribute('style' | 'fill' | …, …)`, `sheet.insertRule`,
// `CSSStyleSheet.replace/replaceSync`, and text or HTML that carries a style sheet
// (`styleEl.textContent = '@import …'`). Values come from the resolver's constant strings (or
// their constant prefix), so `'url(//host/' + x` is judged too.
import type * as ESTree from 'estree';
import type { JsNode } from '../../validate/walk.ts';
import { stringsOf, type Resolver } from '../resolver/resolve.ts';
import type { Scope } from '../resolver/scope.ts';
import { candidateStrings } from './code-checks.ts';
import { cssRisks, decodeEscapes, type CssContext, type CssRisk } from './css-judge.ts';

/** Properties that hold text which may be a style sheet (a created <style>'s content). */
const TEXT_PROPS = new Set(['textContent', 'innerText', 'innerHTML', 'outerHTML', 'nodeValue', 'data', 'text']);
/** Style properties (camelCase and dashed) whose values may load something, set on a style alias. */
const URL_STYLE_PROPS = new Set([
  'background', 'backgroundImage', 'background-image', 'borderImage', 'border-image', 'borderImageSource',
  'border-image-source', 'listStyle', 'list-style', 'listStyleImage', 'list-style-image', 'cursor', 'content',
  'mask', 'maskImage', 'mask-image', 'webkitMaskImage', '-webkit-mask-image', 'filter', 'clipPath', 'clip-path',
  'shapeOutside', 'shape-outside', 'fill', 'stroke', 'markerStart', 'marker-start', 'markerMid', 'marker-mid',
  'markerEnd', 'marker-end', 'marker', 'cssText',
]);
const TEXT_METHODS = new Set(['insertAdjacentHTML', 'createTextNode', 'append', 'prepend', 'replaceChildren',
  'setHTMLUnsafe', 'write', 'writeln']);
/** Text that could be CSS which loads or runs something, once escapes are decoded. */
const CSS_OPENER = /url\s{0,16}\(|image-set\s{0,16}\(|@import|expression\s{0,16}\(|\\/i;

function keysOf(node: ESTree.MemberExpression, scope: Scope, resolver: Resolver): string[] {
  if (!node.computed && node.property.type === 'Identifier') return [node.property.name];
  if (node.property.type === 'PrivateIdentifier') return [];
  return stringsOf(resolver.value(node.property, scope));
}

function isStyleObject(node: JsNode, scope: Scope, resolver: Resolver): boolean {
  return node.type === 'MemberExpression' && keysOf(node, scope, resolver).includes('style');
}

function judge(value: JsNode | undefined, context: CssContext, scope: Scope, resolver: Resolver,
  onlyIfCss = false): CssRisk[] {
  if (!value || value.type === 'SpreadElement') return [];
  const out: CssRisk[] = [];
  for (const s of candidateStrings(value, scope, resolver).strings) {
    if (s.length > 256 * 1024 || (onlyIfCss && !CSS_OPENER.test(s.length > 4096 ? decodeEscapes(s) : s))) continue;
    out.push(...cssRisks(s, context));
  }
  return out;
}

function assignment(node: ESTree.AssignmentExpression, scope: Scope, resolver: Resolver): CssRisk[] {
  if (node.left.type !== 'MemberExpression') return [];
  const keys = keysOf(node.left, scope, resolver);
  const onStyle = isStyleObject(node.left.object, scope, resolver);
  const out: CssRisk[] = [];
  for (const key of keys) {
    if (onStyle || key === 'cssText') {
      out.push(...judge(node.right, key === 'cssText' ? 'declarations' : 'value', scope, resolver));
    } else if (URL_STYLE_PROPS.has(key)) {
      out.push(...judge(node.right, 'value', scope, resolver, true));
    } else if (TEXT_PROPS.has(key)) {
      out.push(...judge(node.right, 'stylesheet', scope, resolver, true));
    }
  }
  return out;
}

function call(node: ESTree.CallExpression | ESTree.NewExpression, scope: Scope, resolver: Resolver): CssRisk[] {
  const args = node.arguments as JsNode[];
  const callee = node.callee;
  if (callee.type !== 'MemberExpression') return [];
  const out: CssRisk[] = [];
  for (const method of keysOf(callee, scope, resolver)) {
    if (method === 'setProperty') out.push(...judge(args[1], 'value', scope, resolver));
    else if (method === 'setAttribute' || method === 'setAttributeNS') {
      const [nameNode, value] = method === 'setAttribute' ? [args[0], args[1]] : [args[1], args[2]];
      const names = nameNode ? stringsOf(resolver.value(nameNode, scope)).map((n) => n.toLowerCase()) : [];
      if (names.includes('style')) out.push(...judge(value, 'declarations', scope, resolver));
      else if (names.some((n) => URL_STYLE_PROPS.has(n))) out.push(...judge(value, 'value', scope, resolver));
    } else if (method === 'insertRule' || method === 'appendRule' ||
      ((method === 'replace' || method === 'replaceSync') && args.length === 1)) {
      out.push(...judge(args[0], 'stylesheet', scope, resolver));
    } else if (TEXT_METHODS.has(method)) {
      for (const a of args) out.push(...judge(a, 'stylesheet', scope, resolver, true));
    } else if (method === 'assign' && args[0] && isStyleObject(args[0], scope, resolver)) {
      for (const source of args.slice(1)) {
        if (source.type !== 'ObjectExpression') continue;
        for (const p of source.properties) {
          if (p.type === 'Property') out.push(...judge(p.value, 'value', scope, resolver));
        }
      }
    }
  }
  return out;
}

/** CSS findings for one node of the rule pass (assignments and calls; nothing for the rest). */
export function cssSinkRisks(node: JsNode, scope: Scope, resolver: Resolver): CssRisk[] {
  if (node.type === 'AssignmentExpression') return assignment(node, scope, resolver);
  if (node.type === 'CallExpression' || node.type === 'NewExpression') return call(node, scope, resolver);
  return [];
}
