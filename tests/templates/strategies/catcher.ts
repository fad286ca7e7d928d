// How the suite plays catcher.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // Apples pour down fast and one miss ends it: standing still cannot catch them all.
  fastLoss: { mode: 'catch', lives: 1, spawn_rate: 4, fall_speed: 600 },
  // Dodge mode with a few slow rocks and spare lives: keep the basket sweeping from side to side.
  win: {
    config: { mode: 'dodge', survive_time: 10, lives: 9, spawn_rate: 0.3, difficulty: 'easy' },
    play: (g) => playUntil(g, /^You win!$/, 3000, (i) => {
      if (i % 40 === 0) {
        const right = (i / 40) % 2 === 0;
        g.keyUp(right ? 'ArrowLeft' : 'ArrowRight');
        g.keyDown(right ? 'ArrowRight' : 'ArrowLeft');
      }
    }),
  },
};
