// The CSP sources that let a stored game's own inline code run and nothing else: one hash per
// inline script the browser executes (classic or module), and one per static on* handler.
// Code that appears only at run time (a handler set by script, markup written by
// document.write or innerHTML, the text of a <script type="text/plain"> block turned into a
// script) has no hash in the policy, so the browser refuses it.
import { createHash } from 'node:crypto';
import { JS_TYPES, readGame } from '../validate/document.ts';
import { HANDLER_PREFIX, HANDLER_SUFFIX } from '../validate/parse-script.ts';

export interface ScriptHashes {
  /** For script-src: inline <script> blocks. */
  inline: string[];
  /** For script-src-attr: static on* attribute values (allowed with 'unsafe-hashes'). */
  handlers: string[];
}

export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Whether a browser runs this <script> element's text (the type test of the HTML spec). */
function executes(attrs: Record<string, string>): boolean {
  if (attrs.type !== undefined) return JS_TYPES.has(attrs.type.trim().toLowerCase());
  if (attrs.language === undefined || attrs.language === '') return true;
  return JS_TYPES.has(`text/${attrs.language.trim().toLowerCase()}`);
}

export function scriptHashes(html: string): ScriptHashes {
  const doc = readGame(html);
  const inline = new Set<string>();
  const handlers = new Set<string>();
  for (const script of doc.scripts) {
    const el = doc.elements[script.element];
    if (!el || el.inSrcdoc) continue; // srcdoc documents cannot load: frame-src is 'none'
    if (script.kind === 'inline' && executes(el.attrs)) inline.add(cspHash(script.code));
    if (script.kind === 'handler') {
      handlers.add(cspHash(script.code.slice(HANDLER_PREFIX.length, script.code.length - HANDLER_SUFFIX.length)));
    }
  }
  return { inline: [...inline], handlers: [...handlers] };
}
