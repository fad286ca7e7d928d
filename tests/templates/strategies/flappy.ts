// How the suite plays flappy.
import { playUntil, type PlayStrategy } from '../playing.ts';

// With these physics a flap every 19 frames of 50 ms brings the bird back to the same height.
const FLAP_EVERY = 19;

export const strategy: PlayStrategy = {
  fastLoss: { skin: 'helicopter' },
  // On the shortest canvas the widest gap fills the sky between ground and top, so every gap
  // sits at the same height: flap steadily to hold that height.
  win: {
    config: {
      canvas_height: 400, gap_size: 280, difficulty: 'easy', gravity: 400, flap_strength: 200,
      scroll_speed: 300, pipe_spacing: 140, pipes_to_win: 10,
    },
    play: (g) => playUntil(g, /^You win!$/, 2000, (i) => { if (i % FLAP_EVERY === 0) g.tap('Space'); }),
  },
};
