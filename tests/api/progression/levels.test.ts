// The level curve at its boundaries: level n begins at 100·n·(n−1)/2 XP.
import { describe, expect, it } from '@jest/globals';
import { levelFor, levelProgress, xpForLevel } from '../../../game/progression.ts';

describe('levels from XP', () => {
  it('starts at level 1 and moves up exactly at each threshold', () => {
    expect([0, 99, 100, 299, 300, 599, 600, 999, 1000].map(levelFor)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5]);
    expect(levelFor(-5)).toBe(1);
    for (let level = 1; level <= 500; level += 1) {
      expect(levelFor(xpForLevel(level))).toBe(level);
      expect(levelFor(xpForLevel(level) - 1)).toBe(Math.max(1, level - 1));
    }
  });

  it('reports where the level began and where the next begins', () => {
    expect(levelProgress(0)).toEqual({ xp: 0, level: 1, level_xp: 0, next_level_xp: 100 });
    expect(levelProgress(350)).toEqual({ xp: 350, level: 3, level_xp: 300, next_level_xp: 600 });
    expect(levelProgress(600)).toEqual({ xp: 600, level: 4, level_xp: 600, next_level_xp: 1000 });
  });
});
