// How the suite plays tower_defense.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // One life, fast creeps and a five-second wait: the first wave walks through an unguarded map.
  fastLoss: { lives: 1, wave_timer: 5, creep_speed: 4, no_fail: false },
  // One wave of weak creeps. The cursor starts beside the middle of the path: build fast towers
  // there and on the cells around it (a cell on the path is refused), then call the wave with Enter.
  win: {
    config: { wave_count: 1, creep_health: 10, starting_gold: 600, lives: 30, difficulty: 'easy', wave_timer: 60 },
    play: (g) => {
      for (const key of ['Space', 'ArrowRight', 'Space', 'ArrowLeft', 'ArrowLeft', 'Space', 'ArrowUp', 'Space']) {
        g.tap(key);
        g.step(1);
      }
      g.tap('Enter');
      return playUntil(g, /^You win!$/, 2000);
    },
  },
};
