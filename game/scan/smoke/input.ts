// What the smoke child gets of a document: plain data, made where the document was read.
import type { GameDocument } from '../../validate/document.ts';
import { HANDLER_PREFIX, HANDLER_SUFFIX } from '../../validate/parse-script.ts';
import { isEnginePath } from '../../validate/structure.ts';
import type { SmokeElement, SmokeScript } from './protocol.ts';

export interface SmokeDocument { elements: SmokeElement[]; scripts: SmokeScript[] }

/** The document as the smoke child needs it: elements (minus srcdoc documents) and the code
 *  the page runs on load (inline blocks in order, on* handlers, the vendored engine where the
 *  page loads it); other external scripts are not loaded. */
export function smokeInput(doc: GameDocument): SmokeDocument {
  const remap = new Map<number, number>();
  const elements: SmokeElement[] = [];
  for (const el of doc.elements) {
    if (el.inSrcdoc) continue;
    remap.set(el.index, elements.length);
    const runsAsCode = el.tag === 'script' && doc.scripts.some((s) => s.element === el.index && s.kind === 'inline');
    elements.push({
      tag: el.tag, parent: remap.get(el.parent) ?? -1, attrs: Object.entries(el.attrs),
      ...(el.text && !runsAsCode ? { text: el.text } : {}),
    });
  }
  const scripts: SmokeScript[] = [];
  for (const s of doc.scripts) {
    const element = remap.get(s.element);
    if (element === undefined) continue;
    if (s.kind === 'inline') scripts.push({ code: s.code, line: s.line, column: s.column, module: s.module });
    if (s.kind === 'external' && s.src !== undefined && isEnginePath(s.src)) {
      scripts.push({ code: '', line: s.line, column: s.column, module: s.module, engine: true });
    }
    if (s.kind === 'handler' && s.attr) {
      scripts.push({
        code: s.code.slice(HANDLER_PREFIX.length, s.code.length - HANDLER_SUFFIX.length),
        line: s.line, column: s.column, module: false, handler: { element, attr: s.attr.toLowerCase() },
      });
    }
  }
  // Module scripts are deferred: they run after the classic ones, in order.
  return { elements, scripts: [...scripts.filter((s) => !s.module), ...scripts.filter((s) => s.module)] };
}
