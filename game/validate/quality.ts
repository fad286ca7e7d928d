// A 0..100 code-quality score: not a security signal (scan does that) but a cheap hint for
// the repair loop and the moderators. Starts at 100 and loses points for what makes a
// generated game hard to read or likely to break: validation findings, HTML parse errors,
// huge functions, deep nesting, minified lines, loose equality, swallowed errors.
import type * as ESTree from 'estree';
import { lineStartsOf, positionIn, type GameDocument } from './document.ts';
import { endOf, startOf } from './parse-script.ts';
import { isFunctionNode, walk } from './walk.ts';
import type { Finding } from '../vocabulary.ts';

const FINDING_COST = { block: 25, review: 8, info: 2 } as const;

function capped(count: number, each: number, max: number): number {
  return Math.min(max, count * each);
}

/** Lines a node spans, by bisection in the script's line starts (counting newlines per
 *  function was quadratic in nested functions). */
function lineCount(starts: number[], node: ESTree.Node): number {
  return positionIn(starts, endOf(node)).line - positionIn(starts, startOf(node)).line + 1;
}

export function scoreQuality(doc: GameDocument, findings: Finding[]): number {
  let score = 100;
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.rule)) continue;
    seen.add(f.rule);
    score -= FINDING_COST[f.severity];
  }
  score -= capped(doc.parseErrors.length, 1, 10);
  if (!doc.elements.some((e) => e.tag === 'title')) score -= 3;
  if (!doc.elements.some((e) =>
    e.tag === 'meta' && (e.attrs.charset !== undefined || /charset/i.test(e.attrs.content ?? '')))) score -= 2;

  let hugeFunctions = 0;
  let deepNesting = 0;
  let looseEquality = 0;
  let emptyCatches = 0;
  let debuggers = 0;
  let varDecls = 0;
  let lexicalDecls = 0;
  let consoleLogs = 0;
  let longLines = 0;
  for (const script of doc.scripts) {
    const ast = script.parsed.ast;
    if (!ast) continue;
    for (const line of script.code.split('\n')) if (line.length > 400) longLines++;
    const starts = lineStartsOf(script.code);
    // Blocks enclosing each block, kept per node: filtering the ancestors each time was quadratic.
    const blockDepth = new Map<ESTree.Node, number>();
    walk(ast, (node, ancestors) => {
      if (isFunctionNode(node) && lineCount(starts, node) > 150) hugeFunctions++;
      if (node.type === 'BlockStatement') {
        const parent = ancestors.findLast((a) => a.type === 'BlockStatement');
        const depth = parent ? (blockDepth.get(parent) ?? 0) + 1 : 0;
        blockDepth.set(node, depth);
        if (depth === 7) deepNesting++;
      }
      if (node.type === 'BinaryExpression' && (node.operator === '==' || node.operator === '!=')) {
        const isNullCheck = [node.left, node.right].some((n) => n.type === 'Literal' && n.value === null);
        if (!isNullCheck) looseEquality++;
      }
      if (node.type === 'CatchClause' && node.body.body.length === 0) emptyCatches++;
      if (node.type === 'DebuggerStatement') debuggers++;
      if (node.type === 'VariableDeclaration') {
        if (node.kind === 'var') varDecls++; else lexicalDecls++;
      }
      if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' &&
        node.callee.object.type === 'Identifier' && node.callee.object.name === 'console' &&
        node.callee.property.type === 'Identifier' && node.callee.property.name === 'log') consoleLogs++;
    });
  }
  score -= capped(hugeFunctions, 3, 12);
  score -= capped(deepNesting, 2, 6);
  score -= capped(looseEquality, 1, 5);
  score -= capped(emptyCatches, 2, 6);
  score -= capped(debuggers, 3, 6);
  score -= capped(longLines, 1, 8);
  if (varDecls > 10 && varDecls > lexicalDecls) score -= 3;
  if (consoleLogs > 5) score -= 2;
  return Math.max(0, Math.min(100, Math.round(score)));
}
