// Fences around the data a prompt carries (the player's words, earlier code, our findings).
// Each fence is <name boundary="B">…</name boundary="B"> with B random per model call: a
// player cannot close a fence without knowing B, and B never occurs in the fenced text (a
// boundary that does is drawn again). Tag-like text naming one of our fences is also defanged,
// so that even a model that ignored the boundary would not see a second opener or closer.
import { randomBytes } from 'node:crypto';

export const FENCE_NAMES = [
  'player_description', 'player_preferences', 'game_type', 'change_request', 'findings', 'library_reading',
  'reference_game', 'current_game', 'game_to_fix',
] as const;
export type FenceName = (typeof FENCE_NAMES)[number];

export interface Fence {
  readonly boundary: string;
  /** The text inside the fence `name`, defanged; throws BoundaryInText when it holds the boundary. */
  wrap(name: FenceName, text: string): string;
}

export class BoundaryInText extends Error {
  constructor() {
    super('the fenced text contains the boundary');
  }
}

/** 128 random bits: not guessable from earlier prompts, answers or the source. */
export function randomBoundary(): string {
  return randomBytes(16).toString('hex');
}

// `<`, optional spaces and slash, one of our names: `</player_description>`, `< /Findings >`,
// `<player_description boundary="x">` and `<  change_request` without its `>` alike.
const TAG_LIKE = new RegExp(`<(\\s*/?\\s*(?:${FENCE_NAMES.join('|')}))\\b([^<>]*)>?`, 'gi');

/** Tag-like text naming one of our fences loses its angle brackets (‹ › instead of < >). */
export function fenceData(text: string): string {
  return text.replace(TAG_LIKE, (m: string) => m.replace(/</g, '‹').replace(/>/g, '›'));
}

export function makeFence(boundary: string): Fence {
  if (!/^[0-9a-f]{32}$/.test(boundary)) throw new Error('a fence boundary is 32 lowercase hex digits');
  return {
    boundary,
    wrap(name, text) {
      if (text.toLowerCase().includes(boundary)) throw new BoundaryInText();
      return `<${name} boundary="${boundary}">\n${fenceData(text)}\n</${name} boundary="${boundary}">`;
    },
  };
}

/** Builds a prompt with a fresh boundary, drawing another while a fenced text holds it. */
export function withFence<T>(build: (fence: Fence) => T, draw: () => string = randomBoundary): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return build(makeFence(draw()));
    } catch (e) {
      // Eight collisions with a 128-bit random value means the draw is not random.
      if (!(e instanceof BoundaryInText) || attempt >= 7) throw e;
    }
  }
}
