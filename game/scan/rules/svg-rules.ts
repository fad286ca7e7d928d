// SVG's own ways to load or run things, which the HTML rules do not see: <script href> (SVG
// scripts load from href/xlink:href, not src), SMIL animations (<set>, <animate>…) that rewrite a
// link or an event handler after load, and presentation attributes that take CSS url() values.
import type { GameDocument, GameElement } from '../../validate/document.ts';
import { isEnginePath } from '../../validate/structure.ts';
import type { Severity } from '../../vocabulary.ts';
import { RULES, type RuleInfo } from './api-rules.ts';
import { cssRisks } from './css-judge.ts';
import type { MarkupFinding } from './markup-rules.ts';
import { judgeUrl } from './url-judge.ts';

const r = (rule: string, severity: Severity, message: string): RuleInfo => ({ rule, severity, message });

export const SVG_RULES = {
  externalScript: r('external.script', 'block',
    'Remove this SVG <script href>: only the vendored engine may be loaded; put all other code inline.'),
  smilHandler: r('dynamic-code.smil-handler', 'block',
    'Do not animate event handler attributes with SMIL (<set>, <animate>): attach handlers in code.'),
  smilScriptUrl: r('dynamic-code.javascript-url', 'block',
    'Remove javascript: URLs from SMIL animation values: animations must not run code.'),
};

const SMIL_TAGS = new Set(['set', 'animate', 'animatetransform', 'animatemotion', 'animatecolor']);
const SMIL_VALUES = ['to', 'from', 'by', 'values'];
/** Presentation attributes whose value is CSS that may hold url(). */
const CSS_ATTRS = ['fill', 'stroke', 'filter', 'mask', 'clip-path', 'marker-start', 'marker-mid', 'marker-end',
  'cursor', 'marker'];

function linkOf(el: GameElement): string | undefined {
  return el.attrs.href ?? el.attrs['xlink:href'];
}

function smilFindings(el: GameElement, add: (info: RuleInfo, detail?: string) => void): void {
  const target = (el.attrs.attributename ?? el.attrs.attributeName ?? '').trim().toLowerCase().replace(/^xlink:/, '');
  // Animating href between #fragments (sprite frames) is fine; to another host or to code is not.
  if (target.startsWith('on')) add(SVG_RULES.smilHandler, target);
  for (const name of SMIL_VALUES) {
    const value = el.attrs[name];
    if (value === undefined) continue;
    // `values` is a ;-separated list; a javascript: URL may itself contain `;`, so judge the whole too.
    for (const part of name === 'values' ? [value, ...value.split(';')] : [value]) {
      const { kind } = judgeUrl(part);
      if (kind === 'javascript') add(SVG_RULES.smilScriptUrl);
      else if (kind === 'external' && (target === 'href' || target === 'src')) {
        add(RULES.resourceUrl, part.slice(0, 120));
      }
      if (part.length <= 4096 && /url\s*\(|\\/i.test(part)) {
        for (const risk of cssRisks(part, 'value')) add(risk.info, risk.detail);
      }
    }
  }
}

export function scanSvgMarkup(doc: GameDocument): MarkupFinding[] {
  const out: MarkupFinding[] = [];
  for (const el of doc.elements) {
    if (el.namespace !== 'svg') continue;
    const add = (info: RuleInfo, detail?: string): void => {
      out.push({ info, at: { line: el.line, column: el.column }, detail });
    };
    if (el.tag === 'script') {
      const link = linkOf(el);
      if (link !== undefined && !isEnginePath(link)) add(SVG_RULES.externalScript, link.slice(0, 120));
    }
    if (SMIL_TAGS.has(el.tag)) smilFindings(el, add);
    for (const name of CSS_ATTRS) {
      const value = el.attrs[name];
      if (value !== undefined && /url|\\/i.test(value)) {
        for (const risk of cssRisks(value, 'value')) add(risk.info, risk.detail);
      }
    }
  }
  return out;
}
