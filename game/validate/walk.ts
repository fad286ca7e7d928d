// A generic ESTree walker. Child keys come from eslint-visitor-keys (the table ESLint keeps
// current with the language), so new syntax is walked as soon as that package knows it; a type
// missing from the table still falls back to looking at every key, so nothing is ever skipped.
import { KEYS } from 'eslint-visitor-keys';
import type * as ESTree from 'estree';

export type JsNode = ESTree.Node;

const NOT_CHILDREN = new Set(['loc', 'type', 'raw', 'regex', 'start', 'end', 'comments', 'tokens']);

function isNode(v: unknown): v is JsNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

// A Map, not the object: a node type such as 'constructor' must never hit Object.prototype.
const KEY_MAP = new Map<string, readonly string[]>(Object.entries(KEYS));

export function childKeys(node: JsNode): readonly string[] {
  return KEY_MAP.get(node.type) ?? Object.keys(node).filter((k) => !NOT_CHILDREN.has(k));
}

/** Call `fn` on each child in source order, without allocating (walks are the hot path). */
export function forEachChild(node: JsNode, fn: (child: JsNode) => void): void {
  const record = node as unknown as Record<string, unknown>;
  const keys = childKeys(node);
  for (let k = 0; k < keys.length; k++) {
    const v = record[keys[k]!];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (isNode(v[i])) fn(v[i] as JsNode);
    } else if (isNode(v)) {
      fn(v);
    }
  }
}

export function childrenOf(node: JsNode): JsNode[] {
  const out: JsNode[] = [];
  forEachChild(node, (c) => { out.push(c); });
  return out;
}

/** Depth-first pre-order walk; `enter` returning false skips the node's children. The
 *  ancestors array is shared and mutated: copy it if a visitor keeps it. */
export function walk(root: JsNode, enter: (node: JsNode, ancestors: JsNode[]) => boolean | void): void {
  const ancestors: JsNode[] = [];
  const visit = (node: JsNode): void => {
    if (enter(node, ancestors) === false) return;
    ancestors.push(node);
    forEachChild(node, visit);
    ancestors.pop();
  };
  visit(root);
}

export function isFunctionNode(
  node: JsNode,
): node is ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression';
}
