// How the suite plays road_crossing.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // Sitting on the start bank is safe, but the frog's clock runs out.
  fastLoss: { lives: 1, time_limit: 10 },
  // One slow road lane, no river and a single home straight ahead: keep hopping up.
  win: {
    config: { river_lanes: 0, lane_count: 1, home_count: 1, lives: 9, traffic_speed: 30, difficulty: 'easy' },
    play: (g) => playUntil(g, /^You win!$/, 3000, (i) => { if (i % 8 === 0) g.tap('ArrowUp'); }),
  },
};
