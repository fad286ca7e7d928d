// Direction words → relative adjustments: "jump higher", "more enemies", "lower gravity",
// "faster enemies", "shoot faster", "longer race", "harder", "bigger jumps".
import type { ParamCue } from './lexicon.ts';
import type { Direction } from './types.ts';
import { countParam, listedTargets, targetRight, type Findings } from './phrases.ts';
import { antecedent, isSkippable, negatedAt, spanText, type Segment, type Token } from './tokens.ts';

/** Where the word points: a parameter, and the token that named it (for the matched words). */
interface Resolved {
  parameters: string[];
  cue: number;
  /** When the word means the opposite here: "lighter" gravity is down, a "lighter" road is up. */
  direction?: Direction;
}

/** "faster": whose speed. Enemies, tiles and bullets have their own; everything else is the hero's. */
export function speedParam(target: string | undefined): string {
  if (!target || target === 'player' || target === 'gap') return 'player_speed';
  if (target === 'obstacle' || target === 'enemy') return 'enemy_speed';
  return `${target}_speed`;
}

const PARAM_OF_CUE: Record<Exclude<ParamCue, 'count' | 'speed'>, string> = {
  jump: 'jump_strength',
  gravity: 'gravity',
  fire: 'fire_rate',
  difficulty: 'difficulty',
};

function paramNear(tokens: Token[], seg: Segment, i: number, radius: number): number | undefined {
  for (let dist = 0; dist <= radius; dist++) {
    for (const j of dist === 0 ? [i] : [i + dist, i - dist]) {
      if (j < seg.start || j >= seg.end) continue;
      const cue = tokens[j]!.role.param;
      if (cue && cue !== 'count') return j;
    }
  }
  return undefined;
}

/** The nearest thing in the clause, left first ("make the enemies faster"), then right ("faster enemies"). */
function targetNear(
  tokens: Token[], seg: Segment, i: number, radius: number,
): { target: string | undefined; index: number } | undefined {
  for (let j = i - 1; j >= seg.start && j >= i - radius; j--) {
    const r = tokens[j]!.role;
    if (r.pronoun) return { target: antecedent(tokens, j), index: i };
    if (r.target && !tokens[j]!.color) return { target: r.target, index: j };
  }
  const right = targetRight(tokens, seg, i + 1, 2, true);
  return right === undefined ? undefined : { target: tokens[right]!.role.target, index: right };
}

/** "jump higher" → jump; "speed" → whose speed; other cues map one to one. */
function fromCue(tokens: Token[], seg: Segment, cue: number): string {
  const param = tokens[cue]!.role.param!;
  if (param === 'speed') return speedParam(targetNear(tokens, seg, cue, 4)?.target);
  return PARAM_OF_CUE[param as keyof typeof PARAM_OF_CUE];
}

/** "more coins and enemies", "increase the number of enemies", "more gravity". */
function amountTarget(tokens: Token[], seg: Segment, i: number): Resolved | undefined {
  let skipped = 0;
  for (let j = i + 1; j < seg.end && j <= i + 5; j++) {
    const t = tokens[j]!;
    if (t.role.param && t.role.param !== 'count') return { parameters: [fromCue(tokens, seg, j)], cue: j };
    if (t.role.target && !t.color) return { parameters: listedTargets(tokens, seg, j, 1).map(countParam), cue: j };
    if (t.role.pronoun) {
      // "fewer of them"
      const target = antecedent(tokens, j);
      return target ? { parameters: [countParam(target)], cue: j } : undefined;
    }
    if (t.role.determiner || t.role.link || t.role.param === 'count' || t.role.intensifier || t.role.softener) continue;
    if (isSkippable(t) && skipped++ < 2) continue;
    break;
  }
  // "gravity should be less", "enemies: fewer".
  for (let j = i - 1; j >= seg.start && j >= i - 3; j--) {
    const t = tokens[j]!;
    if (t.role.param && t.role.param !== 'count') return { parameters: [fromCue(tokens, seg, j)], cue: j };
    if (t.role.target && !t.color) return { parameters: [countParam(t.role.target)], cue: j };
  }
  return undefined;
}

/** "make the road lighter", "a darker background": the brightness of that thing's colour. */
function shadeOf(tokens: Token[], seg: Segment, i: number): Resolved | undefined {
  const subject = targetNear(tokens, seg, i, 4);
  return subject?.target ? { parameters: [`${subject.target}_brightness`], cue: subject.index } : undefined;
}

export function jumpCueNear(tokens: Token[], seg: Segment, i: number): boolean {
  const near = paramNear(tokens, seg, i, 2);
  return near !== undefined && tokens[near]!.role.param === 'jump';
}

function resolve(tokens: Token[], seg: Segment, i: number): Resolved | undefined {
  const cls = tokens[i]!.role.direction!.cls;
  const near = (radius: number) => paramNear(tokens, seg, i, radius);
  switch (cls) {
    case 'amount':
      return amountTarget(tokens, seg, i);
    case 'height': {
      const cue = near(4);
      if (cue !== undefined) return { parameters: [fromCue(tokens, seg, cue)], cue };
      const counted = amountTarget(tokens, seg, i);
      if (counted) return counted;
      // "make the player go higher": a jump, the only height a hero has here.
      return tokens[i]!.role.direction!.direction === 'up' ? { parameters: ['jump_strength'], cue: i } : undefined;
    }
    case 'speed': {
      const cue = near(3);
      if (cue !== undefined && tokens[cue]!.role.param === 'fire') return { parameters: ['fire_rate'], cue };
      const subject = targetNear(tokens, seg, i, 5);
      return { parameters: [speedParam(subject?.target)], cue: subject?.index ?? i };
    }
    case 'length': {
      const cue = near(3);
      if (cue !== undefined && tokens[cue]!.role.param === 'jump') return { parameters: ['jump_strength'], cue };
      const subject = targetNear(tokens, seg, i, 3);
      if (subject?.target === 'time') return { parameters: ['time_limit'], cue: subject.index };
      if (subject?.target === 'distance' || subject?.target === 'road') {
        return { parameters: ['race_distance'], cue: subject.index };
      }
      return undefined;
    }
    case 'strength': {
      const cue = near(3);
      const param = cue === undefined ? undefined : tokens[cue]!.role.param;
      if (param === 'gravity' || param === 'jump') return { parameters: [PARAM_OF_CUE[param]], cue: cue! };
      const shade = tokens[i]!.word === 'lighter' ? shadeOf(tokens, seg, i) : undefined;
      return shade ? { ...shade, direction: 'up' } : undefined;
    }
    case 'shade':
      return shadeOf(tokens, seg, i);
    case 'difficulty':
      return { parameters: ['difficulty'], cue: i };
    case 'size': {
      const cue = near(2);
      if (cue !== undefined && tokens[cue]!.role.param === 'jump') return { parameters: ['jump_strength'], cue };
      if (tokens[i + 1]?.role.param === 'count') return amountTarget(tokens, seg, i); // "a huge number of enemies"
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Index of "much" in "much faster" (within two words before), or `i` when there is none. */
function intensifierAt(tokens: Token[], seg: Segment, i: number): number {
  for (let j = Math.max(seg.start, i - 2); j < i; j++) if (tokens[j]!.role.intensifier) return j;
  return i;
}

/** "an extra life", "another enemy": exactly one more. */
function singleStep(tokens: Token[], seg: Segment, i: number): boolean {
  const word = tokens[i]!.word;
  const before = i > seg.start ? tokens[i - 1]!.word : '';
  return word === 'another' || ((word === 'extra' || word === 'more') && (before === 'a' || before === 'an'));
}

export function findDirections(tokens: Token[], seg: Segment, out: Findings): void {
  for (let i = seg.start; i < seg.end; i++) {
    const t = tokens[i]!;
    const d = t.role.direction;
    if (!d || out.used.has(i) || d.cls === 'remove' || d.cls === 'show') continue;
    if (d.cls === 'size' && !jumpCueNear(tokens, seg, i) && tokens[i + 1]?.role.param !== 'count') continue;
    if (negatedAt(tokens, seg, i)) continue;
    // A word that carries its own quantity ("low gravity", "moon gravity").
    const own: Resolved | undefined = t.role.param && t.role.param !== 'count'
      ? { parameters: [fromCue(tokens, seg, i)], cue: i }
      : undefined;
    const found = own ?? resolve(tokens, seg, i);
    if (!found) continue;
    out.used.add(i);
    const strength = d.strength ?? (intensifierAt(tokens, seg, i) < i ? 2 : 1);
    for (const parameter of found.parameters) {
      out.adjustments.push({
        parameter,
        direction: found.direction ?? d.direction,
        strength,
        word: spanText(tokens, Math.min(intensifierAt(tokens, seg, i), found.cue), Math.max(i, found.cue)),
        ...(singleStep(tokens, seg, i) ? { amount: 1 } : {}),
      });
    }
  }
}
