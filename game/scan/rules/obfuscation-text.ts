// Code written to be unreadable, recognised from its text in one linear pass: JSFuck (long
// runs of only []()!+), jjencode/aaencode (names made only of $ and _, or of ﾟωﾟ-style
// symbols) and obfuscator.io output (many _0x… names). Minified code has short names, `!0`
// and `void 0`, but never long runs of these few characters or hundreds of symbol-only names.
import { tick } from '../budget.ts';
import type { RuleInfo } from './api-rules.ts';
import { WORST } from './worst-rules.ts';

/** JSFuck cannot write anything useful in fewer: `[]` alone takes 2 characters per bit. */
const JSFUCK_RUN = 80;
const SYMBOL_NAMES = 24;
const HEX_NAMES = 20;
const HALFWIDTH_MARKS = 20;

// Each pattern is linear: one character class per step, no nested ambiguity (whitespace and
// the counted characters are disjoint), and the counts stop at their thresholds.
const JSFUCK = new RegExp(`(?:[\\[\\]()!+][ \\t\\r\\n]*){${JSFUCK_RUN}}`);
const SYMBOL_NAME = /(?<![\w$\u0080-\uffff])[$_]{3,}(?![\w$\u0080-\uffff])/g;
const HEX_NAME = /(?<![\w$])_0x[0-9a-fA-F]{3,}/g;

/** Offset of the `limit`-th match of a global pattern, or -1 (stops counting there). */
function nthMatch(code: string, pattern: RegExp, limit: number): number {
  let n = 0;
  for (const m of code.matchAll(pattern)) {
    if ((n & 255) === 0) tick();
    if (++n >= limit) return m.index;
  }
  return -1;
}

export function scanObfuscatedText(code: string): { info: RuleInfo; offset: number }[] {
  const out: { info: RuleInfo; offset: number }[] = [];
  tick();
  const jsfuck = JSFUCK.exec(code);
  if (jsfuck) out.push({ info: WORST.jsfuck, offset: jsfuck.index });
  let markAt = -1;
  for (let i = code.indexOf('\uff9f'), n = 1; i >= 0 && markAt < 0; i = code.indexOf('\uff9f', i + 1), n++) {
    if (n >= HALFWIDTH_MARKS) markAt = i; // aaencode's ﾟωﾟ names
  }
  const symbolAt = markAt >= 0 ? markAt : nthMatch(code, SYMBOL_NAME, SYMBOL_NAMES);
  if (symbolAt >= 0) out.push({ info: WORST.symbolNames, offset: symbolAt });
  const hexAt = nthMatch(code, HEX_NAME, HEX_NAMES);
  if (hexAt >= 0) out.push({ info: WORST.hexNames, offset: hexAt });
  return out;
}
