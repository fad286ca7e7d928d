// How the suite plays merge_2048.
import { playUntil, type PlayStrategy } from '../playing.ts';

// The corner habit: keep the big tiles at the bottom left, and go up only when nothing else moves.
const CYCLE = ['ArrowDown', 'ArrowLeft', 'ArrowDown', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowDown', 'ArrowUp'];

export const strategy: PlayStrategy = {
  fastLoss: { time_limit: 20 },
  // A quick target on the classic board: cycle the corner habit, one slide every three frames.
  win: {
    config: { grid_size: 4, target_tile: 128, difficulty: 'easy', time_limit: 0 },
    play: (g) => playUntil(g, /^You win!$/, 6000, (i) => {
      if (i % 3 === 0) g.tap(CYCLE[(i / 3) % CYCLE.length] ?? 'ArrowDown');
    }),
  },
};
