// How the suite plays runner.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  fastLoss: { lives: 1, obstacle_frequency: 2.5, difficulty: 'hard' },
  // A short run with few obstacles and spare lives: hold jump to keep hopping over what comes.
  win: {
    config: { distance_to_win: 200, lives: 9, difficulty: 'easy', obstacle_frequency: 0.3 },
    play: (g) => { g.keyDown('Space'); return playUntil(g, /^You win!$/, 3000); },
  },
};
