// Rules over the markup and the CSS: what the page loads, embeds or navigates to without any
// script. Only the vendored engine may be loaded from outside the document.
import type { GameDocument, Position } from '../../validate/document.ts';
import { isEnginePath } from '../../validate/structure.ts';
import type { RuleInfo } from './api-rules.ts';
import { RULES } from './api-rules.ts';
import { urlRisk } from './code-checks.ts';
import { cssRisks } from './css-judge.ts';
import { scanSvgMarkup } from './svg-rules.ts';
import { dataUrlText, judgeUrl } from './url-judge.ts';
import { isCallLink, JAVASCRIPT_LINK } from './javascript-link.ts';
import type { Severity } from '../../vocabulary.ts';

export interface MarkupFinding { info: RuleInfo; at: Position; detail?: string }

const r = (rule: string, severity: Severity, message: string): RuleInfo => ({ rule, severity, message });

const M = {
  externalScript: r('external.script', 'block',
    'Remove this <script src>: only the vendored engine at /play/vendor/phaser.min.js may be loaded; ' +
      'put all other code inline.'),
  importmap: r('external.importmap', 'block',
    'Remove the import map: all code must be inline in one classic <script>.'),
  speculation: r('network.prefetch', 'block',
    'Remove speculation rules/prefetch: games must not make network requests.'),
  embedded: r('markup.embedded-content', 'block',
    'Remove iframe/object/embed/frame elements: draw everything into the game canvas.'),
  form: r('network.form', 'block', 'Remove form actions (action/formaction): games send nothing anywhere.'),
  formPlain: r('markup.form', 'info', 'A <form> is unnecessary in a game: handle buttons with click listeners.'),
  metaRefresh: r('navigation.meta-refresh', 'block', 'Remove <meta http-equiv="refresh">: the game must not navigate.'),
  metaCookie: r('storage.cookie', 'block', 'Remove <meta http-equiv="set-cookie">: games must not set cookies.'),
  base: r('markup.base', 'block', 'Remove <base>: it changes where every relative URL points.'),
  link: r('network.link', 'block',
    'Remove <link> to external resources (stylesheets, fonts, prefetch): put CSS inline in <style>.'),
  // A credit link cannot be followed: the sandbox keeps the game from the top window and the
  // play page's frame-src keeps its frame from loading another site. A note, not a hold.
  anchor: r('navigation.link', 'info', 'Links to other sites do not open from the game\'s frame; remove them.'),
  ping: r('network.ping', 'block', 'Remove the ping attribute: it reports clicks to a server.'),
  targetTop: r('navigation.frame-access', 'review', 'Do not target _top/_parent: the game must stay in its frame.'),
  relative: r('markup.relative-resource', 'info',
    'Relative resource URLs will not load in the sandbox: embed images and sounds as data: URIs.'),
  // A link that only calls the game is a note (javascript-link.ts); any other javascript: URL
  // is for a person to look at, beyond what its code (scanned as a script) does.
  javascriptUrl: RULES.javascriptUrl,
};

const EMBED_TAGS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'fencedframe']);
const RESOURCE_ATTRS = [
  'src', 'href', 'xlink:href', 'poster', 'background', 'srcset', 'lowsrc', 'dynsrc', 'codebase', 'manifest', 'archive',
];
const LINK_RESOURCE = new RegExp(
  '\\b(stylesheet|preload|prefetch|preconnect|dns-prefetch|modulepreload|prerender|' +
    'import|manifest|icon|apple-touch-icon)\\b',
  'i',
);

export function scanMarkup(doc: GameDocument): MarkupFinding[] {
  const out: MarkupFinding[] = [];
  const add = (info: RuleInfo, at: Position, detail?: string): void => { out.push({ info, at, detail }); };

  for (const el of doc.elements) {
    const at = { line: el.line, column: el.column };
    const a = el.attrs;
    if (el.tag === 'script' && a.src !== undefined && !isEnginePath(a.src)) {
      add(M.externalScript, at, a.src.slice(0, 120));
    }
    if (EMBED_TAGS.has(el.tag)) add(M.embedded, at);
    if (el.tag === 'base') add(M.base, at);
    if (el.tag === 'meta') {
      const equiv = (a['http-equiv'] ?? '').toLowerCase();
      if (equiv === 'refresh') add(M.metaRefresh, at);
      if (equiv === 'set-cookie') add(M.metaCookie, at);
    }
    if (el.tag === 'form') add(a.action?.trim() ? M.form : M.formPlain, at);
    if (a.formaction?.trim()) add(M.form, at);
    if (a.ping !== undefined) add(M.ping, at);
    if (/^_(top|parent)$/i.test(a.target ?? '') || /^_(top|parent)$/i.test(a.formtarget ?? '')) add(M.targetTop, at);
    if (el.tag === 'link') {
      const risk = urlRisk(a.href);
      if (LINK_RESOURCE.test(a.rel ?? '') && a.href && !/^\s*data:/i.test(a.href)) {
        add(risk === 'external' ? M.link : M.relative, at, a.href.slice(0, 120));
      }
      // A style sheet carried in a data: URL is CSS of the page like any other (it may @import).
      const sheet = /stylesheet/i.test(a.rel ?? '') ? dataUrlText(a.href) : undefined;
      if (sheet) for (const risk of cssRisks(sheet, 'stylesheet')) add(risk.info, at, risk.detail);
      continue;
    }
    if (el.tag === 'a' || el.tag === 'area') {
      if (urlRisk(a.href) === 'external') add(M.anchor, at, a.href?.slice(0, 120));
      continue;
    }
    if (el.tag === 'script') continue;
    for (const name of RESOURCE_ATTRS) {
      const value = a[name];
      if (value === undefined) continue;
      const urls = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
      for (const url of urls) {
        if (urlRisk(url) === 'external') add(RULES.resourceUrl, at, url.slice(0, 120));
        else if (judgeUrl(url).kind === 'same-origin') add(M.relative, at, url.slice(0, 120));
      }
    }
  }
  for (const script of doc.scripts) {
    if (script.kind === 'javascript-url' || (script.kind === 'srcdoc' && script.attr && !/^on/i.test(script.attr))) {
      const body = script.code.trim();
      // No two `\s*` next to each other: `void` + a long run of spaces must not backtrack.
      if (!/^(?:void\s*(?:\(\s*)?0(?:\s*\))?|undefined)?;?$/.test(body)) {
        add(isCallLink(doc, script) ? JAVASCRIPT_LINK : M.javascriptUrl, { line: script.line, column: script.column });
      }
    }
  }
  for (const block of doc.dataBlocks) {
    if (block.type === 'importmap') add(M.importmap, block);
    if (block.type === 'speculationrules') add(M.speculation, block);
  }
  for (const style of doc.styles) {
    const context = style.attr ? 'declarations' : 'stylesheet';
    for (const risk of cssRisks(style.text, context)) add(risk.info, style, risk.detail);
  }
  out.push(...scanSvgMarkup(doc));
  return out;
}
