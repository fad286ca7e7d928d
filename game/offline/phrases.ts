// The phrase rules of analyzeDescription, one clause at a time: colours and the thing they
// paint, numbers and what they count, "no enemies", and size words. Direction words
// ("jump higher", "more enemies", "faster") live in directions.ts.
import { BARE_SHADE_COLORS, shadeWord, shaded } from './colors.ts';
import type { Intent } from './types.ts';
import { antecedent, isSkippable, negatedAt, spanText, type Segment, type Token } from './tokens.ts';

export interface Findings {
  colors: Intent['colors'];
  adjustments: Intent['adjustments'];
  counts: Intent['counts'];
  size: Intent['size'];
  /** Tokens already spent as a number, direction or colour, so no other rule reuses them. */
  used: Set<number>;
}

/** The gameplay quantity behind "more X" / "N more X". */
export function countParam(target: string): string {
  if (target === 'lives') return 'lives';
  if (target === 'time') return 'time_limit';
  if (target === 'distance' || target === 'road') return 'race_distance';
  if (target === 'tile' || target === 'grid') return 'grid_size';
  if (target === 'text') return 'show_numbers';
  return `${target}_count`;
}

/** A colour in front of a genre word paints its hero; in a sliding puzzle, the tiles. */
function gameNounTarget(token: Token): string {
  return token.word.includes('puzzle') ? 'tile' : 'player';
}

/** First thing to the right of `from` in the clause, over at most `maxSkip` adjectives. */
export function targetRight(
  tokens: Token[], seg: Segment, from: number, maxSkip = 2, overDeterminers = false,
): number | undefined {
  let skipped = 0;
  for (let j = from; j < seg.end; j++) {
    const t = tokens[j]!;
    if (t.role.target && !t.color) return j;
    if ((overDeterminers && (t.role.determiner || t.role.param === 'count' || t.role.link)) ||
      (isSkippable(t) && skipped++ < maxSkip)) continue;
    return undefined;
  }
  return undefined;
}

/** "the player, the coins and the enemies": the targets listed next to the one at `index`. */
export function listedTargets(tokens: Token[], seg: Segment, index: number, step: 1 | -1): string[] {
  const found = [tokens[index]!.role.target!];
  const inside = (k: number) => k >= seg.start && k < seg.end;
  const skipDeterminers = (k: number) => {
    while (inside(k) && tokens[k]!.role.determiner) k += step;
    return k;
  };
  let j = index + step;
  for (;;) {
    const joiner = skipDeterminers(j);
    if (!inside(joiner) || tokens[joiner]!.role.splitter !== 'list') break;
    const k = skipDeterminers(joiner + step);
    const next = tokens[k];
    if (!inside(k) || !next?.role.target || next.color) break;
    found.push(next.role.target);
    j = k + step;
  }
  return found;
}

function colorTargets(tokens: Token[], seg: Segment, at: number, from: number): string[] {
  let skipped = 0;
  for (let j = at + 1; j < seg.end && j <= at + 4; j++) {
    const t = tokens[j]!;
    if (t.role.target && !t.color) return [t.role.target];
    if (t.role.gameNoun) return [gameNounTarget(t)];
    if (isSkippable(t) && !t.color && skipped++ < 2) continue;
    break;
  }
  for (let j = from - 1; j >= seg.start; j--) {
    const t = tokens[j]!;
    if (t.role.pronoun) return [antecedent(tokens, j) ?? 'player'];
    if (t.role.target && !t.color) return listedTargets(tokens, seg, j, -1);
    if (t.role.gameNoun) return [gameNounTarget(t)];
    if (t.color) break;
  }
  return [];
}

export function findColors(tokens: Token[], seg: Segment, out: Findings): void {
  for (let i = seg.start; i < seg.end; i++) {
    const t = tokens[i]!;
    const prev = i > seg.start ? tokens[i - 1] : undefined;
    const shade = prev ? shadeWord(prev.word) : undefined;
    const from = shade ? i - 1 : i;
    let hex: string;
    let word: string;
    let bare = false;
    if (t.color) {
      hex = shade ? shaded(t.color, shade) : t.color;
      word = shade ? `${prev!.word} ${t.word}` : t.word;
    } else if ((t.word === 'dark' || t.word === 'light') && !tokens[i + 1]?.color) {
      hex = BARE_SHADE_COLORS[t.word];
      word = t.word;
      bare = true;
    } else {
      continue;
    }
    for (let k = from; k <= i; k++) out.used.add(k);
    if (negatedAt(tokens, seg, from)) continue;
    const targets = colorTargets(tokens, seg, i, from);
    // A bare "dark"/"light" only names a colour for a backdrop ("a dark background").
    if (bare && !targets.some((x) => ['background', 'sky', 'grass', 'road'].includes(x))) continue;
    // A colour that qualifies nothing still paints the hero when the clause asks for it
    // ("make it red", "should be blue"); "collect gold" or "I like red" paint nothing.
    const asked = tokens.slice(seg.start, seg.end)
      .some((x) => x.role.verb || ['be', 'is', 'are', 'become', 'becomes'].includes(x.word));
    const painted = targets.length ? targets : asked ? ['player'] : [];
    for (const target of painted) out.colors.push({ target, color: hex, word });
  }
}

function dimsAt(tokens: Token[], i: number): [number, number, number] | undefined {
  const t = tokens[i]!;
  if (t.dims) return [t.dims[0], t.dims[1], i];
  const by = tokens[i + 1];
  const second = tokens[i + 2];
  if (t.value !== undefined && by && (by.word === 'x' || by.word === 'by') && second?.value !== undefined) {
    return [t.value, second.value, i + 2];
  }
  return undefined;
}

export function findNumbers(tokens: Token[], seg: Segment, out: Findings): void {
  for (let i = seg.start; i < seg.end; i++) {
    const t = tokens[i]!;
    if (out.used.has(i)) continue;
    const dims = dimsAt(tokens, i);
    if (dims) {
      const [a, b, last] = dims;
      // "5x5 grid" counts tiles; "1024x768" is a canvas size.
      if (a <= 12 && b <= 12) out.counts.push({ target: 'grid', value: a });
      else if (a >= 100 && b >= 100) out.counts.push({ target: 'width', value: a }, { target: 'height', value: b });
      for (let k = i; k <= last; k++) out.used.add(k);
      continue;
    }
    if (t.value === undefined || !Number.isFinite(t.value)) continue;
    let j = i + 1;
    const relativeWord = tokens[j]?.role.direction?.cls === 'amount' ? tokens[j] : undefined;
    if (relativeWord) j++;
    const before = tokens[i - 1];
    const verb = before && i - 1 >= seg.start && !out.used.has(i - 1) ? before.role.direction : undefined;
    const relative = relativeWord?.role.direction?.direction ??
      (verb?.cls === 'amount' || verb?.cls === 'remove' ? verb.direction : undefined);
    const unit = tokens[j]?.role.unit;
    const targetIndex = unit ? undefined : targetRight(tokens, seg, j);
    const target = unit?.target ?? (targetIndex !== undefined ? tokens[targetIndex]!.role.target : undefined);
    if (target) {
      const value = t.value * (unit?.factor ?? 1);
      const end = unit ? j : targetIndex!;
      if (relative) {
        const start = relativeWord ? i : i - 1;
        out.adjustments.push({
          parameter: countParam(target),
          direction: relative,
          strength: 1,
          word: spanText(tokens, start, end),
          amount: value,
        });
        out.used.add(start);
      } else {
        out.counts.push({ target, value });
      }
      for (let k = i; k < j; k++) out.used.add(k);
      continue;
    }
    // "lives to 5", "enemy count: 8", "set gravity to 500", "time limit of 60".
    for (let k = i - 1; k >= seg.start && k >= i - 4; k--) {
      const r = tokens[k]!.role;
      if (r.link || r.determiner || r.colorNoun || r.param === 'count') continue;
      if (r.target && !tokens[k]!.color) out.counts.push({ target: r.target, value: t.value });
      else if (r.param && r.param !== 'difficulty') out.counts.push({ target: r.param, value: t.value });
      else break;
      out.used.add(i);
      break;
    }
  }
}

/** "no enemies", "without coins", "remove the enemies", "hide the numbers", "show numbers". */
export function findRemovals(tokens: Token[], seg: Segment, out: Findings): void {
  for (let i = seg.start; i < seg.end; i++) {
    const t = tokens[i]!;
    if (out.used.has(i)) continue;
    const zeroing = ['no', 'without', 'none'].includes(t.word) || t.role.direction?.cls === 'remove';
    const showing = t.role.direction?.cls === 'show';
    if (!zeroing && !showing) continue;
    if (tokens[i + 1]?.role.direction?.cls === 'amount') continue; // "no more ..." is too vague to act on
    const at = targetRight(tokens, seg, i + 1, 2, true);
    if (at === undefined) continue;
    const target = tokens[at]!.role.target!;
    if (showing && target !== 'text') continue;
    for (const each of listedTargets(tokens, seg, at, 1)) out.counts.push({ target: each, value: showing ? 1 : 0 });
    out.used.add(i);
  }
}

export function findSizes(tokens: Token[], seg: Segment, out: Findings, resolveJump: (i: number) => boolean): void {
  for (let i = seg.start; i < seg.end; i++) {
    const t = tokens[i]!;
    const d = t.role.direction;
    if (!d || d.cls !== 'size' || out.used.has(i)) continue;
    if (negatedAt(tokens, seg, i) || resolveJump(i)) continue;
    let target: string | undefined;
    const right = targetRight(tokens, seg, i + 1, 2, true);
    if (right !== undefined) target = tokens[right]!.role.target;
    // Leftwards through the clause, and on through a list before it ("make it faster, bigger").
    for (let j = i - 1; target === undefined && j >= 0 && j >= seg.start - 6; j--) {
      const r = tokens[j]!.role;
      // "make it bigger" with nothing named before: "it" is the game.
      if (r.pronoun) target = antecedent(tokens, j) ?? (r.pronoun === 'singular' ? 'canvas' : undefined);
      else if (r.target && !tokens[j]!.color) target = r.target;
      else if (r.gameNoun) target = 'canvas';
      else if (r.splitter && (r.splitter !== 'list' || j < seg.start - 1)) break;
    }
    if (target === undefined && tokens[i + 1]?.role.gameNoun) target = 'canvas';
    if (target === undefined) continue;
    out.used.add(i);
    out.size.push({ target, direction: d.direction });
  }
}
