// Characters that make source read differently from how it runs: bidirectional controls
// ("Trojan Source": code that looks commented out but is not) anywhere in a script, and
// invisible characters used as or inside identifiers. Zero-width joiners inside string
// literals are normal (emoji sequences) and stay allowed, as does anything in comments.
import type { RuleInfo } from './api-rules.ts';

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const INVISIBLE = /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E\u3164\u115F\u1160\uFFA0\u00AD\u034F\u17B4\u17B5]/g;
const JOINERS = new Set(['\u200C', '\u200D']);

export const BIDI_RULE: RuleInfo = {
  rule: 'obfuscation.bidi', severity: 'block',
  message: 'Remove bidirectional control characters (U+202A–202E, U+2066–2069): ' +
    'they make code display differently from how it runs.',
};
export const INVISIBLE_RULE: RuleInfo = {
  rule: 'obfuscation.invisible-char', severity: 'block',
  message: 'Remove invisible characters (zero-width, Hangul filler…) from the code: names must be visible.',
};
export const BOM_RULE: RuleInfo = {
  rule: 'obfuscation.byte-order-mark', severity: 'info',
  message: 'Remove the byte-order mark (U+FEFF) left where files were joined: it is whitespace to JavaScript.',
};
const BOM = '\uFEFF';
export const INVISIBLE_STRING_RULE: RuleInfo = {
  rule: 'obfuscation.invisible-char', severity: 'review',
  message: 'Remove invisible characters from string literals unless they are part of an emoji.',
};

/** A membership test for offsets: the ranges sorted and merged once, then a binary search per
 *  offset (a linear search per character was quadratic on a page full of invisible characters). */
function rangeSet(ranges: [number, number][]): (offset: number) => boolean {
  const merged: [number, number][] = [];
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e); else merged.push([s, e]);
  }
  return (offset) => {
    let lo = 0;
    let hi = merged.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = merged[mid]!;
      if (offset < s) hi = mid - 1; else if (offset >= e) lo = mid + 1; else return true;
    }
    return false;
  };
}

export function scanCharacters(
  code: string, strings: [number, number][], comments: [number, number][],
): { info: RuleInfo; offset: number }[] {
  const out: { info: RuleInfo; offset: number }[] = [];
  const bidi = BIDI.exec(code);
  BIDI.lastIndex = 0;
  if (bidi) out.push({ info: BIDI_RULE, offset: bidi.index });
  let outsideReported = false;
  let bomReported = false;
  let insideReported = false;
  const inComment = rangeSet(comments);
  const inString = rangeSet(strings);
  for (const m of code.matchAll(INVISIBLE)) {
    if (outsideReported && insideReported) break; // nothing more to report
    if (m.index === 0 && m[0] === '\uFEFF') continue; // a byte-order mark at the very start is harmless
    if (inComment(m.index)) continue; // cannot change what runs (bidi controls can: checked above)
    if (!inString(m.index) && m[0] === BOM) {
      // Concatenated vendor files keep the mark each file started with. Outside strings and
      // comments JavaScript reads it as whitespace (it cannot join or hide a name), so it is noted,
      // not blocked; a BOM inside a string, and every other invisible character, is judged below.
      if (!bomReported) out.push({ info: BOM_RULE, offset: m.index });
      bomReported = true;
    } else if (!inString(m.index)) {
      if (!outsideReported) out.push({ info: INVISIBLE_RULE, offset: m.index });
      outsideReported = true;
    } else if (!JOINERS.has(m[0]) && !insideReported) {
      out.push({ info: INVISIBLE_STRING_RULE, offset: m.index });
      insideReported = true;
    }
  }
  return out;
}
