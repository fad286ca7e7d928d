// Does the page look like a game at all: somewhere to draw, a loop that keeps drawing, and a
// way for the player to act. Read from the markup and the scripts' syntax trees (not the
// raw text, so a comment saying "requestAnimationFrame" does not count).
import type * as ESTree from 'estree';
import type { GameDocument } from './document.ts';
import { walk } from './walk.ts';
import { attachesHandler, handlerProperty, isCallbackLike, reschedulesItself } from './structure-idioms.ts';

export interface GameStructure {
  has_canvas_or_root: boolean;
  has_game_loop: boolean;
  has_input: boolean;
}

export interface StructureDetails extends GameStructure {
  loop: 'raf' | 'phaser' | 'interval' | 'timeout' | 'events' | 'none';
  usesEngine: boolean; // loads the vendored Phaser build
}

export const ENGINE_PATH = '/play/vendor/phaser.min.js';

const RAF = new Set(['requestAnimationFrame', 'webkitRequestAnimationFrame', 'mozRequestAnimationFrame']);
const INPUT_EVENTS = new Set(['keydown', 'keyup', 'keypress', 'mousedown', 'mouseup', 'mousemove', 'click', 'dblclick',
  'pointerdown', 'pointerup', 'pointermove', 'touchstart', 'touchend', 'touchmove', 'wheel', 'contextmenu',
  'gamepadconnected', 'input', 'change']);
const INPUT_HANDLERS = new Set([...INPUT_EVENTS].map((e) => `on${e}`));
const PHASER_INPUT = new Set([
  'createCursorKeys', 'addKey', 'addKeys', 'keyboard', 'activePointer', 'setInteractive', 'getGamepads',
]);
const ROOT_ID = new RegExp(
  '^(game|app|root|stage|board|canvas|play|screen|container|world|arena|grid|field)|' +
    '(game|root|stage|board|container)$',
  'i',
);

/** Name of a callee or member: `a.b.c` → 'c', `a['c']` → 'c', `c` → 'c'. */
export function staticName(node: ESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ChainExpression') return staticName(node.expression);
  if (node.type === 'MemberExpression') {
    if (!node.computed && node.property.type === 'Identifier') return node.property.name;
    if (node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  }
  return undefined;
}

function stringArg(node: ESTree.Node | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

export function analyzeStructure(doc: GameDocument): StructureDetails {
  const usesEngine = doc.scripts.some((s) => s.src !== undefined && isEnginePath(s.src));
  let raf = false;
  let phaser = false;
  let interval = false;
  let timeoutLoop = false;
  let input = doc.elements.some((el) => Object.keys(el.attrs).some((a) => INPUT_HANDLERS.has(a.toLowerCase())));
  let createsCanvas = false;

  for (const script of doc.scripts) {
    if (!script.parsed.ast) continue;
    walk(script.parsed.ast, (node, ancestors) => {
      if (node.type === 'CallExpression' || node.type === 'NewExpression') {
        const name = staticName(node.callee);
        if (name && RAF.has(name)) raf = true;
        if (name === 'setInterval' && isCallbackLike(node.arguments[0])) interval = true;
        if (name === 'setTimeout' && !timeoutLoop && reschedulesItself(node.arguments[0], ancestors)) {
          timeoutLoop = true;
        }
        if (name === 'addEventListener' && INPUT_EVENTS.has(stringArg(node.arguments[0]) ?? '')) input = true;
        if (!input && node.type === 'CallExpression' && attachesHandler(node, INPUT_EVENTS)) input = true;
        if (name === 'createElement' && stringArg(node.arguments[0])?.toLowerCase() === 'canvas') createsCanvas = true;
        if (node.type === 'NewExpression' && name === 'Game' && node.callee.type === 'MemberExpression' &&
          staticName(node.callee.object) === 'Phaser') phaser = true;
        if (name === 'on' && node.callee.type === 'MemberExpression' && staticName(node.callee.object) === 'input') {
          input = true;
        }
      } else if (node.type === 'AssignmentExpression') {
        const name = handlerProperty(node.left);
        if (name && INPUT_HANDLERS.has(name.toLowerCase())) input = true;
      } else if (node.type === 'MemberExpression') {
        const name = staticName(node);
        if (name && PHASER_INPUT.has(name)) input = true;
      }
    });
  }

  const hasRootElement = doc.elements.some((el) => el.tag === 'canvas' ||
    (el.tag !== 'script' && (ROOT_ID.test(el.attrs.id ?? '') || ROOT_ID.test(el.attrs.class ?? ''))));
  const enginePhaser = phaser && usesEngine;
  // A page of DOM elements that changes only when the player acts (cards, mines, a board of
  // cells) has no frame loop to find: its listeners are its loop. A canvas still needs one.
  // An engine draws its own canvas, and one loaded from elsewhere is not the game's loop.
  const domOnly = !createsCanvas && !phaser && doc.scripts.every((sc) => sc.src === undefined) &&
    !doc.elements.some((el) => el.tag === 'canvas') && hasRootElement;
  const loop = raf ? 'raf' : enginePhaser ? 'phaser' : interval ? 'interval' : timeoutLoop ? 'timeout'
    : domOnly && input ? 'events' : 'none';
  return {
    has_canvas_or_root: hasRootElement || createsCanvas || enginePhaser,
    has_game_loop: loop !== 'none',
    has_input: input,
    loop,
    usesEngine,
  };
}

/** The one external script a game may load: the vendored Phaser build, same origin. */
export function isEnginePath(src: string): boolean {
  return src.trim() === ENGINE_PATH;
}
