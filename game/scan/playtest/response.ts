// "Does the game respond to input?", judged on signatures (clock.ts) of two copies of the game
// that lived through the same virtual time: one played, one left alone. Whatever the game does
// by itself (a spinning logo, falling pipes, a clock) happens identically in both, so only what
// the input changed can tell them apart. The same judgement serves the pipeline's gate
// (outcome.ts) and the template tests.
import type { Signature } from './clock.ts';

/** A sample differs when its red, green and blue move by more than this in sum (of 765). */
const SAMPLE_DELTA = 48;
/** The share of samples that must differ: about six of a 128×96 signature, so a small paddle
 *  that moved a few pixels counts; the two copies draw identically, so noise is rare and is
 *  measured anyway (below). */
export const RESPONSE_SHARE = 0.0005;

/** What the playtest saw at one moment, after one input, in both copies. */
export interface Checkpoint {
  /** The input just given ('click', or a KeyboardEvent.code), or 'start' before any. */
  after: string;
  at_ms: number;
  played: Signature;
  idle: Signature;
}

export interface ResponseVerdict {
  /** null when it cannot be told: no checkpoints, or copies that differed too much before any input. */
  responds: boolean | null;
  /** The input after which the played copy first departed from the idle one. */
  first_response?: string;
  /** The largest share of samples (or 1 for a changed document) that differed from the idle copy. */
  response_share: number;
  /** The share that differed before any input: what the game's own randomness leaves. */
  noise_share: number;
  /** The played copy's picture changed at some checkpoint from what it showed at the first. */
  changes: boolean;
  /** Some checkpoint of the played copy had something drawn on its canvas. */
  drawn: boolean;
}

const bytes = (px: string): Buffer => Buffer.from(px, 'base64');

/** How different two signatures are: the share of canvas samples that differ, 1 when the
 *  visible document differs, 0 when neither has anything to compare. */
export function difference(a: Signature, b: Signature): number {
  let share = 0;
  if (a.px && b.px && a.w === b.w && a.h === b.h) {
    const pa = bytes(a.px);
    const pb = bytes(b.px);
    let differing = 0;
    for (let i = 0; i + 2 < pa.length; i += 3) {
      const d = Math.abs(pa[i]! - pb[i]!) + Math.abs(pa[i + 1]! - pb[i + 1]!) + Math.abs(pa[i + 2]! - pb[i + 2]!);
      if (d > SAMPLE_DELTA) differing++;
    }
    share = differing / Math.max(1, pa.length / 3);
  } else if (Boolean(a.px) !== Boolean(b.px) || a.w !== b.w || a.h !== b.h) {
    share = 1;
  }
  return a.dom === b.dom ? share : 1;
}

/** Something besides the most common colour covers at least 0.3% of the canvas (a line of
 *  text on a plain background is enough). */
export function drawn(s: Signature): boolean {
  if (!s.px) return false;
  const px = bytes(s.px);
  const counts = new Map<number, number>();
  for (let i = 0; i + 2 < px.length; i += 3) {
    const key = ((px[i]! >> 3) << 10) | ((px[i + 1]! >> 3) << 5) | (px[i + 2]! >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = px.length / 3;
  return total - Math.max(0, ...counts.values()) >= total * 0.003;
}

/** Judge the checkpoints of one playtest; the first one ('start') is taken before any input. */
export function judgeResponse(checkpoints: Checkpoint[]): ResponseVerdict {
  const [first, ...rest] = checkpoints;
  if (!first) {
    return { responds: null, response_share: 0, noise_share: 0, changes: false, drawn: false };
  }
  const noise = difference(first.played, first.idle);
  // A game with randomness the virtual clock cannot pin down differs by itself; only a
  // departure well beyond that counts.
  const needed = Math.max(RESPONSE_SHARE, noise * 2);
  let share = 0;
  let firstResponse: string | undefined;
  for (const c of rest) {
    const d = difference(c.played, c.idle);
    share = Math.max(share, d);
    if (d >= needed && !firstResponse) firstResponse = c.after;
  }
  return {
    responds: needed < 1 ? firstResponse !== undefined : null,
    ...(firstResponse ? { first_response: firstResponse } : {}),
    response_share: Number(share.toFixed(4)),
    noise_share: Number(noise.toFixed(4)),
    changes: rest.some((c) => difference(first.played, c.played) >= RESPONSE_SHARE),
    drawn: checkpoints.some((c) => drawn(c.played)),
  };
}
