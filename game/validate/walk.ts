// A generic ESTree walker: esprima and acorn produce the same node shapes but acorn knows
// more node types (ChainExpression, PropertyDefinition, StaticBlock…), so children are found
// by looking at the values rather than from a per-type table that would miss new syntax.
import type * as ESTree from 'estree';

export type JsNode = ESTree.Node;

const NOT_CHILDREN = new Set(['range', 'loc', 'type', 'raw', 'regex', 'start', 'end', 'comments', 'tokens']);

// Child keys of the ESTree types (ES2024), in source order; a type missing here (syntax newer
// than the table) falls back to looking at every key, so nothing is ever skipped.
const KEYS: Record<string, readonly string[]> = {
  Program: ['body'], ExpressionStatement: ['expression'], BlockStatement: ['body'], StaticBlock: ['body'],
  EmptyStatement: [], DebuggerStatement: [], WithStatement: ['object', 'body'], ReturnStatement: ['argument'],
  LabeledStatement: ['label', 'body'], BreakStatement: ['label'], ContinueStatement: ['label'],
  IfStatement: ['test', 'consequent', 'alternate'], SwitchStatement: ['discriminant', 'cases'],
  SwitchCase: ['test', 'consequent'],
  ThrowStatement: ['argument'], TryStatement: ['block', 'handler', 'finalizer'], CatchClause: ['param', 'body'],
  WhileStatement: ['test', 'body'], DoWhileStatement: ['body', 'test'],
  ForStatement: ['init', 'test', 'update', 'body'],
  ForInStatement: ['left', 'right', 'body'], ForOfStatement: ['left', 'right', 'body'],
  FunctionDeclaration: ['id', 'params', 'body'], FunctionExpression: ['id', 'params', 'body'],
  ArrowFunctionExpression: ['params', 'body'],
  VariableDeclaration: ['declarations'], VariableDeclarator: ['id', 'init'],
  ClassDeclaration: ['id', 'superClass', 'body'], ClassExpression: ['id', 'superClass', 'body'], ClassBody: ['body'],
  MethodDefinition: ['key', 'value'], PropertyDefinition: ['key', 'value'],
  ThisExpression: [], Super: [], Identifier: [], PrivateIdentifier: [], Literal: [], TemplateElement: [],
  MetaProperty: ['meta', 'property'],
  ArrayExpression: ['elements'], ObjectExpression: ['properties'], Property: ['key', 'value'],
  UnaryExpression: ['argument'], UpdateExpression: ['argument'], BinaryExpression: ['left', 'right'],
  LogicalExpression: ['left', 'right'],
  AssignmentExpression: ['left', 'right'], MemberExpression: ['object', 'property'], ChainExpression: ['expression'],
  ConditionalExpression: ['test', 'consequent', 'alternate'], CallExpression: ['callee', 'arguments'],
  NewExpression: ['callee', 'arguments'],
  SequenceExpression: ['expressions'], YieldExpression: ['argument'], AwaitExpression: ['argument'],
  ImportExpression: ['source', 'options'],
  TemplateLiteral: ['quasis', 'expressions'], TaggedTemplateExpression: ['tag', 'quasi'], SpreadElement: ['argument'],
  RestElement: ['argument'],
  ObjectPattern: ['properties'], ArrayPattern: ['elements'], AssignmentPattern: ['left', 'right'],
  ImportDeclaration: ['specifiers', 'source', 'attributes'], ImportSpecifier: ['imported', 'local'],
  ImportDefaultSpecifier: ['local'],
  ImportNamespaceSpecifier: ['local'], ImportAttribute: ['key', 'value'],
  ExportNamedDeclaration: ['declaration', 'specifiers', 'source', 'attributes'],
  ExportDefaultDeclaration: ['declaration'], ExportAllDeclaration: ['exported', 'source', 'attributes'],
  ExportSpecifier: ['local', 'exported'],
  Import: [],
};

function isNode(v: unknown): v is JsNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

const KEY_MAP = new Map(Object.entries(KEYS));

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
