// The game's own calls into a recognised jQuery (known-libraries.ts), which is not scanned
// itself: the calls that reach the network, run strings as code or parse markup with scripts
// are judged here, where the game makes them.
import type * as ESTree from 'estree';
import { startOf } from '../../validate/parse-script.ts';
import { walk } from '../../validate/walk.ts';
import { tick } from '../budget.ts';
import { API_RULES, RULES, type RuleInfo } from './api-rules.ts';
import { isScriptBearingHtml } from './code-checks.ts';

export interface LibraryCall { info: RuleInfo; offset: number; detail?: string }

const JQUERY = new Set(['$', 'jQuery']);
/** $.ajax and friends: every one is a request. */
const REQUESTS = new Set([
  'ajax', 'get', 'post', 'getJSON', 'getScript', 'ajaxSetup', 'ajaxTransport', 'ajaxPrefilter',
]);
/** Methods that parse a markup string (and run its scripts). */
const MARKUP = new Set(['html', 'append', 'prepend', 'after', 'before', 'replaceWith', 'wrap', 'wrapAll', 'wrapInner',
  'parseHTML', 'appendTo', 'prependTo', 'insertAfter', 'insertBefore']);
const NETWORK: RuleInfo = { ...API_RULES.get('XMLHttpRequest')!, message:
  'Remove jQuery requests ($.ajax, $.get, $.post, $.getJSON, $.getScript, .load(url)): games must not use the ' +
  'network; keep state in memory and embed assets as data: URIs.' };

const nameOf = (n: ESTree.Node): string | undefined =>
  n.type === 'Identifier' ? n.name : n.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined;

function propertyOf(callee: ESTree.Node): { object: ESTree.Node; name: string } | undefined {
  if (callee.type !== 'MemberExpression') return undefined;
  const name = callee.computed ? nameOf(callee.property) : (callee.property as ESTree.Identifier).name;
  return name === undefined ? undefined : { object: callee.object, name };
}

const constantText = (n: ESTree.Node | undefined): string | undefined =>
  n?.type === 'Literal' && typeof n.value === 'string' ? n.value
    : n?.type === 'TemplateLiteral' && n.expressions.length === 0 ? n.quasis[0]?.value.cooked ?? undefined : undefined;

export function jqueryCalls(ast: ESTree.Program): LibraryCall[] {
  const out: LibraryCall[] = [];
  walk(ast, (node) => {
    tick();
    if (node.type !== 'CallExpression') return;
    const at = startOf(node);
    const call = propertyOf(node.callee);
    const first = node.arguments[0] as ESTree.Node | undefined;
    if (call && call.object.type === 'Identifier' && JQUERY.has(call.object.name)) {
      if (REQUESTS.has(call.name)) out.push({ info: NETWORK, offset: at, detail: `$.${call.name}` });
      if (call.name === 'globalEval') out.push({ info: API_RULES.get('eval')!, offset: at, detail: '$.globalEval' });
    }
    // .load(url) fetches; .load(handler) is the old event alias and stays allowed.
    if (call?.name === 'load' && first && (constantText(first) !== undefined || first.type === 'BinaryExpression' ||
      first.type === 'TemplateLiteral')) {
      out.push({ info: NETWORK, offset: at, detail: '.load(url)' });
    }
    const markup = call && MARKUP.has(call.name) ? first
      : node.callee.type === 'Identifier' && JQUERY.has(node.callee.name) ? first : undefined;
    const text = constantText(markup);
    if (text !== undefined && isScriptBearingHtml(text)) out.push({ info: RULES.htmlScript, offset: at });
  });
  return out;
}
