// How the suite plays bubble_shooter.
import { playUntil, STEP_MS, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // Nobody aims: the launcher fires straight up by itself every few seconds and a tall board
  // under a fast ceiling soon reaches the line.
  fastLoss: { difficulty: 'hard', start_rows: 12, shots_per_drop: 2, hurry_time: 3, color_count: 7, no_fail: false },
  // Two colours on a short board: click-and-release across the board from left to right, over and
  // over. Every shot lands next to bubbles, so groups of three keep forming and popping until it is clear.
  win: {
    config: {
      difficulty: 'easy', color_count: 2, start_rows: 2, columns: 6, shots_per_drop: 20, hurry_time: 60, no_fail: false,
    },
    play: (g) => {
      const [w] = g.canvasSize();
      const spots = [0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6, 0.8];
      for (let i = 0; i < 300; i++) {
        g.pointerDown(w * (spots[i % spots.length] ?? 0.5), 60);
        g.pointerUp();
        if (playUntil(g, /^(You win!|Game over)$/, 30)) return g.frameTexts().includes('You win!');
        g.step(1, STEP_MS);
      }
      return false;
    },
  },
};
