// How ordinary games start their loop and listen for input when they do not call the browser
// API by its own name: methods bound to their object (`setInterval(this.loop.bind(this), …)`),
// a method that reschedules itself (`setTimeout(this.tick.bind(this))`), and listener helpers
// (`Game.addEvent(document, 'keydown', …)`, jQuery `.on('keydown', …)` / `.keydown(…)`,
// `el['on' + 'keydown'] = …`). Read from syntax only: deciding that a page looks like a game
// grants nothing, so recognising a helper by its arguments is enough.
import type * as ESTree from 'estree';

/** Enclosing functions looked at for a self-rescheduling timer: deeper nesting than this is not
 *  how a game writes its tick, and the bound keeps the check linear in the script size. */
const MAX_ANCESTORS = 64;

/** `f.bind(…)` → `f`; anything else unchanged. */
export function unbound(node: ESTree.Node | undefined): ESTree.Node | undefined {
  if (node?.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed &&
    node.callee.property.type === 'Identifier' && node.callee.property.name === 'bind') {
    return node.callee.object;
  }
  return node;
}

/** A callback handed to a timer: a function, a name of one, or one of those bound to an object. */
export function isCallbackLike(node: ESTree.Node | undefined): boolean {
  const n = unbound(node);
  return n?.type === 'FunctionExpression' || n?.type === 'ArrowFunctionExpression' ||
    n?.type === 'Identifier' || n?.type === 'MemberExpression';
}

/** The names a function is known by: its own id, the variable, property, method or member it is
 *  assigned to (`var tick = function…`, `tick: function…`, `tick() {…}`, `Game.prototype.tick = …`). */
function namesOf(fn: ESTree.Node, parent: ESTree.Node | undefined): string[] {
  const names: string[] = [];
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) names.push(fn.id.name);
  if (!parent) return names;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') names.push(parent.id.name);
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') &&
    !parent.computed && parent.key.type === 'Identifier') names.push(parent.key.name);
  if (parent.type === 'AssignmentExpression') {
    const left = parent.left;
    if (left.type === 'Identifier') names.push(left.name);
    if (left.type === 'MemberExpression' && !left.computed && left.property.type === 'Identifier') {
      names.push(left.property.name);
    }
  }
  return names;
}

function calleeName(node: ESTree.Node | undefined): string | undefined {
  if (node?.type === 'Identifier') return node.name;
  if (node?.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    return node.property.name;
  }
  return undefined;
}

/** `setTimeout(cb)` inside the function `cb` names: the timer reschedules its own caller, which is a
 *  loop (`function tick(){ …; setTimeout(tick) }`, `tick() { …; setTimeout(this.tick.bind(this)) }`). */
export function reschedulesItself(callback: ESTree.Node | undefined, ancestors: ESTree.Node[]): boolean {
  const name = calleeName(unbound(callback));
  if (!name) return false;
  const stop = Math.max(0, ancestors.length - MAX_ANCESTORS);
  for (let i = ancestors.length - 1; i >= stop; i--) {
    const a = ancestors[i]!;
    if (a.type !== 'FunctionDeclaration' && a.type !== 'FunctionExpression' && a.type !== 'ArrowFunctionExpression') {
      continue;
    }
    if (namesOf(a, ancestors[i - 1]).includes(name)) return true;
  }
  return false;
}

/** A string known from the syntax alone: a literal, a template without holes, or `+` of those
 *  (`'on' + 'keydown'`). Depth-bounded so a long chain cannot recurse without end. */
export function constantString(node: ESTree.Node | undefined, depth = 0): string | undefined {
  if (!node || depth > 16) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const l = constantString(node.left, depth + 1);
    const r = l === undefined ? undefined : constantString(node.right, depth + 1);
    return l === undefined || r === undefined ? undefined : l + r;
  }
  return undefined;
}

/** A call that attaches a handler for one of `events` through any helper: a string naming the
 *  event followed by a callback among the arguments (`addEvent(document, 'keydown', f)`,
 *  `$(document).on('keydown', f)`, `.bind('keyup', f)`), or jQuery's shorthand method named after
 *  the event with a callback (`$(document).keydown(f)`, `$('.card').click(f)`). */
export function attachesHandler(node: ESTree.CallExpression, events: ReadonlySet<string>): boolean {
  const args = node.arguments;
  for (let i = 0; i < args.length - 1 && i < 4; i++) {
    const event = constantString(args[i]);
    if (event !== undefined && event.split(/\s+/, 8).some((e) => events.has(e.toLowerCase())) &&
      args.slice(i + 1).some((a) => isCallbackLike(a))) return true;
  }
  const method = calleeName(node.callee);
  return node.callee.type === 'MemberExpression' && method !== undefined && events.has(method.toLowerCase()) &&
    args.length > 0 && isCallbackLike(args[0]);
}

/** `el['on' + 'keydown'] = f` and `el.onkeydown = f`: the handler property's name, when constant. */
export function handlerProperty(left: ESTree.Node): string | undefined {
  if (left.type !== 'MemberExpression') return left.type === 'Identifier' ? left.name : undefined;
  if (!left.computed && left.property.type === 'Identifier') return left.property.name;
  return constantString(left.property);
}
