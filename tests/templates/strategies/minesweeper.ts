// How the suite plays minesweeper.
import { expect } from '@jest/globals';
import type { FakeGame } from '../fake-dom.ts';
import { STEP_MS, playUntil, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  fastLoss: { time_limit: 15 },
  // One mine on a 10x10 field. The easy first opening (Space on the cursor) floods the field; a cell
  // it could not reach is walled in by the mine's numbers, and the mine is the one cell all of them touch.
  win: {
    config: { grid_width: 10, grid_height: 10, mine_count: 1, difficulty: 'easy' },
    play: (g) => {
      for (const key of ['ArrowUp', 'ArrowLeft', 'ArrowDown', 'ArrowRight', 'KeyS', 'KeyW']) {
        g.tap(key);
        g.step(1, STEP_MS);
      }
      g.tap('Space');
      if (playUntil(g, /^You win!$/, 15)) return true; // the ripple has settled after 15 frames
      for (const p of cellsBesideTheMine(g)) {
        g.pointerDown(p.x, p.y);
        g.pointerUp();
        if (playUntil(g, /^You win!$/, 1)) return true;
      }
      return playUntil(g, /^You win!$/, 20);
    },
  },
};

/** Centres of the cells around the only mine, inside the area its numbers span. */
function cellsBesideTheMine(g: FakeGame): { x: number; y: number }[] {
  const numbers = g.frameTextsAt().filter((t) => /^[1-8]$/.test(t.text));
  expect(numbers.length).toBeGreaterThan(1);
  const key = (x: number, y: number): string => `${Math.round(x)},${Math.round(y)}`;
  const xs = [...new Set(numbers.map((n) => n.x))].sort((a, b) => a - b);
  const ys = [...new Set(numbers.map((n) => n.y))].sort((a, b) => a - b);
  const gaps = [...xs.slice(1).map((x, i) => x - xs[i]!), ...ys.slice(1).map((y, i) => y - ys[i]!)];
  const size = Math.min(...gaps.filter((d) => d > 1)); // neighbouring numbers are one cell apart
  const around = (x: number, y: number): { x: number; y: number }[] => [-1, 0, 1]
    .flatMap((dx) => [-1, 0, 1].map((dy) => ({ x: x + dx * size, y: y + dy * size })))
    .filter((p) => p.x !== x || p.y !== y);
  const shown = new Set(numbers.map((n) => key(n.x, n.y)));
  let mines = around(numbers[0]!.x, numbers[0]!.y);
  for (const n of numbers) {
    const near = new Set(around(n.x, n.y).map((p) => key(p.x, p.y)));
    mines = mines.filter((p) => near.has(key(p.x, p.y)) && !shown.has(key(p.x, p.y)));
  }
  expect(mines).toHaveLength(1);
  const mine = mines[0]!;
  const inside = (p: { x: number; y: number }): boolean =>
    p.x >= xs[0]! && p.x <= xs[xs.length - 1]! && p.y >= ys[0]! && p.y <= ys[ys.length - 1]!;
  return around(mine.x, mine.y).filter((p) => inside(p) && !shown.has(key(p.x, p.y)));
}
