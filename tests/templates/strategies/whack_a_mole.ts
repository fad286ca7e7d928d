// How the suite plays whack_a_mole.
import { playUntil, type PlayStrategy } from '../playing.ts';

// Round the 2x2 holes clockwise from the top-left one, whacking each on the way.
const LAP = ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'];

export const strategy: PlayStrategy = {
  // Nobody whacks: the second mole to get away ends it.
  fastLoss: { misses_allowed: 1 },
  // Four holes and slow moles, one at a time: walk the mallet round the holes, whacking as it
  // goes, quickly enough that every mole is hit before it ducks.
  win: {
    config: {
      grid_rows: 2, grid_columns: 2, difficulty: 'easy', show_time: 3, spawn_gap: 0.5,
      target_hits: 10, misses_allowed: 3, round_time: 120,
    },
    play: (g) => {
      for (const key of ['ArrowUp', 'ArrowLeft']) g.tap(key); // start in the top-left hole
      return playUntil(g, /^You win!$/, 4000, (i) => {
        if (i % 4 === 0) g.tap(LAP[(i / 4) % LAP.length]!);
        else if (i % 4 === 1) g.tap('Space');
      });
    },
  },
};
