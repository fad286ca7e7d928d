// Does an HTML string run or load anything when parsed? Scripts, on* handlers, javascript: URLs,
// srcdoc and embedded frames always count. <link>, <meta> and <base> count only with an attribute
// that loads or redirects: libraries probe the parser with bare ones (jQuery 1.x sets
// `div.innerHTML = "  <link/><table></table><a href='/a'>a</a><input type='checkbox'/>"`), which
// fetch nothing.
import { tick } from '../budget.ts';

const ALWAYS = /<\s*(script|iframe|object|embed|frame)\b|\bon[a-z]+\s*=|javascript:|srcdoc\s*=/i;
// `[^>]*` runs to the next `>` and the global search resumes after it: linear in the string.
const HEAD_TAG = /<\s*(?:base|meta|link)\b([^>]*)/gi;
const LOADING_ATTR = /(?:^|[\s/"'])(?:href|src|content|http-equiv|target|imagesrcset)\s*=/i;

export function loadsOrRuns(html: string): boolean {
  if (ALWAYS.test(html)) return true;
  HEAD_TAG.lastIndex = 0;
  for (let m = HEAD_TAG.exec(html); m; m = HEAD_TAG.exec(html)) {
    tick();
    if (LOADING_ATTR.test(m[1] ?? '')) return true;
  }
  return false;
}
