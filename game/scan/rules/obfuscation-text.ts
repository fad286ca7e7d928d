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

function isJsfuckChar(c: number): boolean {
  return c === 0x5b || c === 0x5d || c === 0x28 || c === 0x29 || c === 0x21 || c === 0x2b; // [ ] ( ) ! +
}

function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x24 ||
    c === 0x5f || c > 0x7f;
}

export function scanObfuscatedText(code: string): { info: RuleInfo; offset: number }[] {
  const out: { info: RuleInfo; offset: number }[] = [];
  let run = 0;
  let jsfuckAt = -1;
  let symbolNames = 0;
  let symbolAt = -1;
  let hexNames = 0;
  let hexAt = -1;
  let marks = 0;
  let markAt = -1;
  let i = 0;
  while (i < code.length) {
    if ((i & 1023) === 0) tick();
    const c = code.charCodeAt(i);
    if (isJsfuckChar(c)) {
      if (++run >= JSFUCK_RUN && jsfuckAt < 0) jsfuckAt = i - run + 1;
      i++;
      continue;
    }
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) run = 0;
    if (c === 0xff9f) { // halfwidth semi-voiced mark, the signature of aaencode's ﾟωﾟ names
      if (++marks >= HALFWIDTH_MARKS && markAt < 0) markAt = i;
    }
    if (isNameChar(c) && (i === 0 || !isNameChar(code.charCodeAt(i - 1)))) {
      let end = i;
      let symbolsOnly = true;
      while (end < code.length && isNameChar(code.charCodeAt(end))) {
        const d = code.charCodeAt(end);
        if (d !== 0x24 && d !== 0x5f) symbolsOnly = false;
        end++;
      }
      if (symbolsOnly && end - i >= 3 && ++symbolNames >= SYMBOL_NAMES && symbolAt < 0) symbolAt = i;
      if (code.startsWith('_0x', i) && end - i >= 6 && ++hexNames >= HEX_NAMES && hexAt < 0) hexAt = i;
      i = end;
      continue;
    }
    i++;
  }
  if (jsfuckAt >= 0) out.push({ info: WORST.jsfuck, offset: jsfuckAt });
  if (symbolAt >= 0 || markAt >= 0) out.push({ info: WORST.symbolNames, offset: Math.max(symbolAt, markAt) });
  if (hexAt >= 0) out.push({ info: WORST.hexNames, offset: hexAt });
  return out;
}
