// How the suite plays asteroids.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // A crowd of fast rocks finds a ship that never moves.
  fastLoss: { difficulty: 'hard', lives: 1, asteroid_count: 12, asteroid_speed: 200 },
  // One slow rock and one wave: spin on the spot with the trigger held, spraying shots all round.
  win: {
    config: { difficulty: 'easy', asteroid_count: 1, wave_count: 1, lives: 9, asteroid_speed: 20, fire_rate: 100 },
    play: (g) => {
      g.keyDown('Space');
      g.keyDown('ArrowLeft');
      return playUntil(g, /^You win!$/, 20000);
    },
  },
};
