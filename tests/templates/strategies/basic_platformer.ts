// How the suite plays basic_platformer.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  fastLoss: { time_limit: 15 },
  // With a jump too weak for platforms or pits the level is flat ground: run right.
  win: {
    config: { jump_strength: 200, gravity: 1500, enemy_count: 0, coin_count: 6 },
    play: (g) => { g.keyDown('ArrowRight'); return playUntil(g, /^You win!$/, 3000); },
  },
};
