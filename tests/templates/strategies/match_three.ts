// How the suite plays match_three.
import type { FakeGame } from '../fake-dom.ts';
import { playUntil, STEP_MS, type PlayStrategy } from '../playing.ts';

const N = 5;

/** Tap a key n times, one frame apart. */
function press(g: FakeGame, key: string, n = 1): void {
  for (let i = 0; i < n; i++) { g.tap(key); g.step(1, STEP_MS); }
}

export const strategy: PlayStrategy = {
  // Nobody swaps, so the round clock runs out.
  fastLoss: { time_limit: 10 },
  // Three kinds on a small board and a low target: sweep the cursor over the board trying every swap
  // (a swap that makes no line swaps back and costs nothing) until the target is reached.
  win: {
    config: { grid_size: N, gem_kinds: 3, target_score: 300, moves_limit: 99, difficulty: 'easy' },
    play: (g) => {
      for (let sweep = 0; sweep < 6; sweep++) {
        for (let cell = 0; cell < N * N; cell++) {
          for (const dir of ['ArrowRight', 'ArrowDown']) {
            press(g, 'ArrowUp', N - 1); // the cursor stops at the edges: this puts it in the top-left corner
            press(g, 'ArrowLeft', N - 1);
            press(g, 'ArrowDown', Math.floor(cell / N));
            press(g, 'ArrowRight', cell % N);
            press(g, 'Space');
            press(g, dir);
            if (playUntil(g, /^You win!$/, 40)) return true;
          }
        }
      }
      return false;
    },
  },
};
