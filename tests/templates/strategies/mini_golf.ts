// How the suite plays mini_golf.
import { playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // Two strokes a hole and a five-second shot clock: waiting spends both strokes.
  fastLoss: { max_strokes: 2, shot_clock: 5, no_fail: false },
  // One straight hole. The aim turns to the cup whenever the ball rests, so short putts
  // (power down to 30%) walk the ball up to the cup and the last one drops slowly enough.
  win: {
    config: { holes: 1, max_strokes: 15, shot_clock: 90, difficulty: 'easy', no_fail: false },
    play: (g) => {
      for (let i = 0; i < 4; i++) g.tap('ArrowDown');
      return playUntil(g, /^You win!$/, 1200, (i) => { if (i % 25 === 0) g.tap('Space'); });
    },
  },
};
