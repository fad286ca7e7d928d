// The "responds" judgement on signatures, without a browser: identical copies do not respond,
// a departure beyond the tolerance does (and names the input after which it came), noise the
// game makes by itself raises the bar, and copies too different to compare are not judged.
import { describe, expect, it } from '@jest/globals';
import type { Signature } from '../../../game/scan/playtest/clock.ts';
import {
  difference, drawn, judgeResponse, RESPONSE_SHARE, type Checkpoint,
} from '../../../game/scan/playtest/response.ts';

const W = 100;
const H = 10;
/** A dark canvas with a bright square of `size` samples at column `x`. */
function sig(x: number, size = 5, dom = 1): Signature {
  const px = Buffer.alloc(W * H * 3, 16);
  for (let r = 0; r < Math.min(size, H); r++) {
    for (let c = x; c < x + size; c++) px.fill(240, (r * W + c) * 3, (r * W + c) * 3 + 3);
  }
  return { px: px.toString('base64'), w: W, h: H, dom };
}
const cp = (after: string, played: Signature, idle: Signature): Checkpoint => ({ after, at_ms: 0, played, idle });

describe('difference', () => {
  it('is the share of samples that moved beyond the tolerance, or 1 for a changed document', () => {
    expect(difference(sig(10), sig(10))).toBe(0);
    expect(difference(sig(10), sig(20))).toBeCloseTo(50 / (W * H));
    expect(difference(sig(10, 5, 1), sig(10, 5, 2))).toBe(1);
    const faint = { ...sig(10), px: Buffer.alloc(W * H * 3, 40).toString('base64') };
    expect(difference(faint, { ...faint, px: Buffer.alloc(W * H * 3, 50).toString('base64') })).toBe(0);
  });

  it('compares documents alone when there is no canvas', () => {
    const doc = (dom: number): Signature => ({ px: null, w: 0, h: 0, dom });
    expect(difference(doc(1), doc(1))).toBe(0);
    expect(difference(doc(1), doc(2))).toBe(1);
  });

  it('tells a drawn canvas from a blank one', () => {
    expect(drawn(sig(10))).toBe(true);
    expect(drawn(sig(10, 0))).toBe(false);
  });
});

describe('judgeResponse', () => {
  it('does not respond when the played copy always looks like the idle one', () => {
    const v = judgeResponse([cp('start', sig(0), sig(0)), cp('click', sig(3), sig(3)), cp('Space', sig(6), sig(6))]);
    expect(v).toMatchObject({ responds: false, response_share: 0, noise_share: 0, changes: true, drawn: true });
  });

  it('responds from the first input after which the copies part', () => {
    const v = judgeResponse([
      cp('start', sig(0), sig(0)), cp('click', sig(0), sig(0)), cp('ArrowRight', sig(20), sig(0)),
    ]);
    expect(v).toMatchObject({ responds: true, first_response: 'ArrowRight' });
    expect(v.response_share).toBeGreaterThanOrEqual(RESPONSE_SHARE);
  });

  it('asks for twice the noise the game shows before any input', () => {
    const noisy = [cp('start', sig(0), sig(2)), cp('Space', sig(10), sig(12))];
    expect(judgeResponse(noisy)).toMatchObject({ responds: false, noise_share: 0.02 });
    expect(judgeResponse([...noisy, cp('Enter', sig(10), sig(60))])).toMatchObject({ responds: true });
  });

  it('does not judge copies that differ wholesale before any input, nor no checkpoints', () => {
    expect(judgeResponse([cp('start', sig(0, 5, 1), sig(0, 5, 2)), cp('Space', sig(9), sig(0))]).responds).toBeNull();
    expect(judgeResponse([]).responds).toBeNull();
  });
});
