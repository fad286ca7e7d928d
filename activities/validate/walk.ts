// A generic ESTree walker: esprima and acorn produce the same node shapes but acorn knows
// more node types (ChainExpression, PropertyDefinition, StaticBlock…), so children are found
// by looking at the values rather than from a per-type table that would miss new syntax.
import type * as ESTree from 'estree';

export type JsNode = ESTree.Node;

const NOT_CHILDREN = new Set(['range', 'loc', 'type', 'raw', 'regex', 'start', 'end', 'comments', 'tokens']);

function isNode(v: unknown): v is JsNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

export function childrenOf(node: JsNode): JsNode[] {
  const out: JsNode[] = [];
  for (const key in node) {
    if (NOT_CHILDREN.has(key)) continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isNode(item)) out.push(item);
    } else if (isNode(v)) {
      out.push(v);
    }
  }
  return out;
}

/** Depth-first pre-order walk; `enter` returning false skips the node's children. The
 *  ancestors array is shared and mutated: copy it if a visitor keeps it. */
export function walk(root: JsNode, enter: (node: JsNode, ancestors: JsNode[]) => boolean | void): void {
  const ancestors: JsNode[] = [];
  const visit = (node: JsNode): void => {
    if (enter(node, ancestors) === false) return;
    ancestors.push(node);
    for (const child of childrenOf(node)) visit(child);
    ancestors.pop();
  };
  visit(root);
}

export function isFunctionNode(node: JsNode): node is ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}
