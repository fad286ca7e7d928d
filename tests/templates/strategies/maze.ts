// How the suite plays maze.
import { mulberry32 } from '../helpers.ts';
import { playUntil, type PlayStrategy } from '../playing.ts';

const ARROWS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];

export const strategy: PlayStrategy = {
  // Standing still at the start: the first fast ghost out of the pen hunts the muncher down.
  fastLoss: { mode: 'ghosts', lives: 1, enemy_count: 8, enemy_speed: 12, difficulty: 'hard', no_fail: false },
  // A small maze with two slow ghosts and no-fail on (being caught costs points, not the game).
  // The maze has no dead ends, so the muncher keeps running; whenever the dot counter in the HUD
  // has not dropped for a few frames, it tries another direction, until every dot is eaten.
  win: {
    config: {
      mode: 'ghosts', grid_size: 5, canvas_width: 400, canvas_height: 460, enemy_count: 2, enemy_speed: 2,
      player_speed: 12, no_fail: true, difficulty: 'easy',
    },
    play: (g) => {
      const rnd = mulberry32(8);
      let last = -1;
      let stalled = 0;
      return playUntil(g, /^You win!$/, 12000, () => {
        const dots = Number(g.frameTexts().find((s) => /^Dots \d+$/.test(s))?.slice(5) ?? -1);
        stalled = dots === last ? stalled + 1 : 0;
        last = dots;
        if (stalled > 2 && stalled % 3 === 0) g.tap(ARROWS[Math.floor(rnd() * ARROWS.length)] ?? 'ArrowUp');
      });
    },
  },
};
