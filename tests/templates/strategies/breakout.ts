// How the suite plays breakout.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  fastLoss: { lives: 1, paddle_width: 40, ball_speed: 700, difficulty: 'hard' },
  // On the narrowest canvas the widest paddle, held in the middle, reaches every ball:
  // launch it and let it clear a short wall.
  win: {
    config: {
      canvas_width: 320, paddle_width: 300, brick_rows: 1, brick_columns: 3, difficulty: 'easy', lives: 9,
      powerup_chance: 0, ball_speed: 700,
    },
    play: (g) => { g.tap('Space'); return playUntil(g, /^You win!$/, 6000); },
  },
};
