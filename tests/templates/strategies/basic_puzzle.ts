// How the suite plays basic_puzzle.
import { expect } from '@jest/globals';
import type { FakeGame } from '../fake-dom.ts';
import { playUntil, STEP_MS, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  fastLoss: { time_limit: 30, difficulty: 'hard' },
  // Read the board from the drawn tile numbers, solve it by breadth-first search, key it in.
  win: {
    config: { grid_size: 3, difficulty: 'easy' },
    play: (g) => {
      const path = solvePuzzle(readBoard(g, 3));
      for (const key of path) { g.tap(key); g.step(1, STEP_MS); }
      return playUntil(g, /^You win!$/, 5);
    },
  },
};

/** The board as drawn: cell index -> tile number, 0 for the gap. */
function readBoard(g: FakeGame, n: number): number[] {
  const tiles = g.frameTextsAt().filter((t) => /^\d+$/.test(t.text));
  expect(tiles).toHaveLength(n * n - 1);
  const xs = [...new Set(tiles.map((t) => Math.round(t.x)))].sort((a, b) => a - b);
  const ys = [...new Set(tiles.map((t) => Math.round(t.y)))].sort((a, b) => a - b);
  const board = new Array<number>(n * n).fill(0);
  for (const t of tiles) board[ys.indexOf(Math.round(t.y)) * n + xs.indexOf(Math.round(t.x))] = Number(t.text);
  return board;
}

/** Shortest sequence of gap moves (as key codes) that sorts the board. */
function solvePuzzle(board: number[]): string[] {
  const n = Math.round(Math.sqrt(board.length));
  const goal = [...Array.from({ length: n * n - 1 }, (_v, i) => i + 1), 0].join(',');
  const moves: [string, number, number][] = [
    ['ArrowUp', -1, 0], ['ArrowDown', 1, 0], ['ArrowLeft', 0, -1], ['ArrowRight', 0, 1],
  ];
  const seen = new Map<string, { prev: string | null; key: string }>([[board.join(','), { prev: null, key: '' }]]);
  let frontier = [board];
  while (frontier.length) {
    const next: number[][] = [];
    for (const b of frontier) {
      const id = b.join(',');
      if (id === goal) {
        const keys: string[] = [];
        for (let cur: string | null = id; cur !== null; ) {
          const step = seen.get(cur);
          if (!step || step.prev === null) break;
          keys.unshift(step.key);
          cur = step.prev;
        }
        return keys;
      }
      const gap = b.indexOf(0);
      for (const [key, dr, dc] of moves) {
        const r = Math.floor(gap / n) + dr;
        const c = (gap % n) + dc;
        if (r < 0 || r >= n || c < 0 || c >= n) continue;
        const nb = b.slice();
        nb[gap] = nb[r * n + c] ?? 0;
        nb[r * n + c] = 0;
        const nid = nb.join(',');
        if (!seen.has(nid)) { seen.set(nid, { prev: id, key }); next.push(nb); }
      }
    }
    frontier = next;
  }
  throw new Error('unsolvable board');
}
