// How the suite plays sokoban.
import { playUntil, STEP_MS, type PlayStrategy } from '../playing.ts';

// Shortest solutions of the ten built-in levels, in their order in game.html, found by a
// breadth-first search over the level maps: u d l r are steps, capitals are pushes.
const SOLUTIONS = [
  'rRR',
  'dlULrruLL',
  'LdRuuuulD',
  'DuULulDrrRurD',
  'ruulDrdLLLLuurD',
  'DDrdrruLruLLDllU',
  'luLuluurDldDrrdrruL',
  'ruuuurrDDDlluuRurDDuurrdLulD',
  'ruulLUdLrrrddlllluUUdrrDurrddlLL',
  'RdRdddlluRdrrruullDuuluRRDrUddddlLuuRurDrruU',
];
const ARROW: Record<string, string> = { u: 'ArrowUp', d: 'ArrowDown', l: 'ArrowLeft', r: 'ArrowRight' };

export const strategy: PlayStrategy = {
  // Left alone, the 20 seconds on the clock for the first level run out.
  fastLoss: { time_limit: 20, difficulty: 'medium', no_fail: false },
  // Walk every level's solution one key press at a time (at 20 steps a second a step takes one
  // 50 ms frame), waiting each time for the next level to come up in the HUD.
  win: {
    config: { level_count: 10, start_level: 1, player_speed: 20, time_limit: 900, difficulty: 'easy' },
    play: (g) => SOLUTIONS.every((moves, n) => {
      if (!playUntil(g, new RegExp(`^Level ${n + 1} / 10$`), 100)) return false;
      for (const m of moves) {
        g.tap(ARROW[m.toLowerCase()] ?? 'ArrowUp');
        g.step(2, STEP_MS);
      }
      return true;
    }) && playUntil(g, /^You win!$/, 50),
  },
};
