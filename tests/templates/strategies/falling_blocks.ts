// How the suite plays falling_blocks.
import type { FakeGame } from '../fake-dom.ts';
import type { PlayStrategy } from '../playing.ts';

const COLS = 10;
const ROWS = 20;
type Cell = [number, number];
// The tetrominoes in spawn orientation inside their n x n box, in the order of the game's piece-count
// column (I O T S Z J L); the game turns them a quarter clockwise as (x, y) -> (n - 1 - y, x).
const PIECES: { n: number; cells: Cell[] }[] = [
  { n: 4, cells: [[0, 1], [1, 1], [2, 1], [3, 1]] },
  { n: 2, cells: [[0, 0], [1, 0], [0, 1], [1, 1]] },
  { n: 3, cells: [[1, 0], [0, 1], [1, 1], [2, 1]] },
  { n: 3, cells: [[1, 0], [2, 0], [0, 1], [1, 1]] },
  { n: 3, cells: [[0, 0], [1, 0], [1, 1], [2, 1]] },
  { n: 3, cells: [[0, 0], [0, 1], [1, 1], [2, 1]] },
  { n: 3, cells: [[2, 0], [0, 1], [1, 1], [2, 1]] },
];

export const strategy: PlayStrategy = {
  // Pieces fall a row a frame onto a short board that starts with junk rows: the stack tops out fast.
  fastLoss: { start_level: 15, grid_height: 12, difficulty: 'hard' },
  // Watch the piece counts to learn which piece just appeared, place it where a classic stacking
  // heuristic likes it best (turn, push to the left wall, step right, hard drop), and keep a copy
  // of the board to plan the next one.
  win: {
    config: { difficulty: 'easy', lines_to_win: 10, grid_width: COLS, grid_height: ROWS },
    play: (g) => playPieces(g, 200),
  },
};

const won = (g: FakeGame) => g.frameTexts().includes('You win!');

function counts(g: FakeGame): number[] {
  return g.frameTextsAt().filter((t) => /^\d+$/.test(t.text)).map((t) => Number(t.text));
}

function press(g: FakeGame, key: string, times = 1): void {
  for (let i = 0; i < times; i++) { g.tap(key); g.step(1, 16); }
}

function playPieces(g: FakeGame, maxPieces: number): boolean {
  const board: number[][] = Array.from({ length: ROWS }, () => new Array<number>(COLS).fill(0));
  let prev = [0, 0, 0, 0, 0, 0, 0];
  for (let n = 0; n < maxPieces; n++) {
    let type = -1;
    for (let f = 0; f < 60 && type < 0; f++) {
      if (won(g)) return true;
      const now = counts(g);
      type = now.length === 7 ? now.findIndex((c, i) => c > (prev[i] ?? 0)) : -1;
      if (type >= 0) prev = now;
      else g.step(1, 16);
    }
    if (type < 0) return won(g);
    const best = bestMove(board, type);
    press(g, 'ArrowUp', best.rot);
    press(g, 'ArrowLeft', COLS);
    press(g, 'ArrowRight', best.col);
    press(g, 'Space');
    for (const [x, y] of best.cells) board[y]![x] = 1;
    clearLines(board);
  }
  return won(g);
}

/** The piece's cells after `rot` quarter turns, moved so the leftmost and topmost cells are at 0. */
function shape(type: number, rot: number): Cell[] {
  const { n, cells } = PIECES[type]!;
  const turned = cells.map(([x0, y0]) => {
    let x = x0;
    let y = y0;
    for (let r = 0; r < rot; r++) [x, y] = [n - 1 - y, x];
    return [x, y] as Cell;
  });
  const minX = Math.min(...turned.map((c) => c[0]));
  const minY = Math.min(...turned.map((c) => c[1]));
  return turned.map(([x, y]) => [x - minX, y - minY] as Cell);
}

function free(board: number[][], cells: Cell[]): boolean {
  return cells.every(([x, y]) => x >= 0 && x < COLS && y < ROWS && (y < 0 || board[y]![x] === 0));
}

function clearLines(board: number[][]): number {
  let cleared = 0;
  for (let y = ROWS - 1; y >= 0; y--) {
    if (board[y]!.every((v) => v !== 0)) {
      board.splice(y, 1);
      board.unshift(new Array<number>(COLS).fill(0));
      cleared++;
      y++;
    }
  }
  return cleared;
}

/** Aggregate height, holes and bumpiness against cleared lines (weights of a well-known simple player). */
function evaluate(board: number[][], lines: number): number {
  let height = 0;
  let holes = 0;
  let bump = 0;
  let prevH = -1;
  for (let x = 0; x < COLS; x++) {
    let top = ROWS;
    for (let y = 0; y < ROWS; y++) if (board[y]![x]) { top = y; break; }
    for (let y = top + 1; y < ROWS; y++) if (!board[y]![x]) holes++;
    const h = ROWS - top;
    height += h;
    if (prevH >= 0) bump += Math.abs(h - prevH);
    prevH = h;
  }
  return -0.51 * height + 0.76 * lines - 0.36 * holes - 0.18 * bump;
}

function bestMove(board: number[][], type: number): { rot: number; col: number; cells: Cell[] } {
  let best = { rot: 0, col: 0, cells: [] as Cell[], score: -Infinity };
  for (let rot = 0; rot < 4; rot++) {
    const s = shape(type, rot);
    const width = Math.max(...s.map((c) => c[0])) + 1;
    for (let col = 0; col + width <= COLS; col++) {
      let y = -4;
      const at = (dy: number) => s.map(([x, cy]) => [x + col, cy + dy] as Cell);
      if (!free(board, at(y))) continue;
      while (free(board, at(y + 1))) y++;
      const cells = at(y);
      if (cells.some((c) => c[1] < 0)) continue;
      const copy = board.map((row) => row.slice());
      for (const [x, cy] of cells) copy[cy]![x] = 1;
      const score = evaluate(copy, clearLines(copy));
      if (score > best.score) best = { rot, col, cells, score };
    }
  }
  return best;
}
