// How the suite plays basic_shooter.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  fastLoss: { difficulty: 'hard', lives: 1 },
  // Hold fire and sweep from side to side.
  win: {
    config: { difficulty: 'easy', enemy_count: 4, wave_count: 2, lives: 9, fire_rate: 100 },
    play: (g) => {
      g.keyDown('Space');
      return playUntil(g, /^You win!$/, 20000, (i) => {
        const phase = Math.floor(i / 30) % 2;
        if (i % 30 === 0) {
          g.keyUp(phase ? 'ArrowLeft' : 'ArrowRight');
          g.keyDown(phase ? 'ArrowRight' : 'ArrowLeft');
        }
      });
    },
  },
};
