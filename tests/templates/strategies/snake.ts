// How the suite plays snake.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // Left alone the snake runs straight into the wall.
  fastLoss: { player_speed: 20, wrap_walls: false },
  // With wrapping walls, run right and step one row down every 7 moves (2 frames a move): the head
  // sweeps the board row by row, 11 rows and 77 moves before it is back in a row, far more than the
  // short body, and the 6-column shift per row moves each sweep onto columns the last one missed.
  win: {
    config: {
      wrap_walls: true, difficulty: 'easy', grid_size: 10, canvas_height: 600, player_speed: 10,
      food_count: 10, start_length: 3, target_length: 12,
    },
    play: (g) => playUntil(g, /^You win!$/, 6000, (i) => {
      if (i % 14 === 0) { g.tap('ArrowDown'); g.tap('ArrowRight'); }
    }),
  },
};
