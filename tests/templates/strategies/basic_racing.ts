// How the suite plays basic_racing.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  fastLoss: { difficulty: 'hard', lives: 1, traffic_count: 20, race_distance: 10000 },
  // Light traffic and a short race: cruise with the boost held.
  win: {
    config: { difficulty: 'easy', traffic_count: 1, race_distance: 300, lives: 9 },
    play: (g) => { g.keyDown('ArrowUp'); return playUntil(g, /^You win!$/, 3000); },
  },
};
