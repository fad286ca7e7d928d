// How the suite plays tic_tac_toe.
import type { FakeGame } from '../fake-dom.ts';
import { STEP_MS, type PlayStrategy } from '../playing.ts';

const N = 3;
const LINES = [
  [0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6],
];

export const strategy: PlayStrategy = {
  // Left alone, the move clock plays random squares for you against the perfect computer.
  fastLoss: { difficulty: 'hard', rounds_to_win: 1, turn_time: 3, think_time: 0.1 },
  // Against the random computer: follow the moves on the "Last move" line, then win, block,
  // or take the centre or a corner, clicking the square found from the A-C / 1-3 labels.
  win: {
    config: { difficulty: 'easy', rounds_to_win: 2, turn_time: 60, think_time: 0.1 },
    play: (g) => playMatch(g),
  },
};

function playMatch(g: FakeGame): boolean {
  let board: number[] = new Array<number>(N * N).fill(0);
  let round = '';
  for (let frame = 0; frame < 5000; frame++) {
    g.step(1, STEP_MS);
    const texts = g.frameTextsAt();
    const has = (re: RegExp): boolean => texts.some((t) => re.test(t.text));
    if (has(/^You win!$/)) return true;
    if (has(/^Game over$/)) return false;
    const roundNow = texts.find((t) => /^Round \d+/.test(t.text))?.text ?? '';
    if (roundNow !== round) { round = roundNow; board = board.map(() => 0); }
    const last = texts.map((t) => /^Last move: ([XO]) on ([A-C])([1-3])$/.exec(t.text)).find((m) => m);
    if (last) board[(Number(last[3]) - 1) * N + 'ABC'.indexOf(last[2]!)] = last[1] === 'X' ? 1 : 2;
    if (!has(/^Your turn/)) continue;
    const cell = choose(board);
    const x = texts.find((t) => t.text === 'ABC'[cell % N])?.x;
    const y = texts.find((t) => t.text === String(Math.floor(cell / N) + 1))?.y;
    if (x === undefined || y === undefined) throw new Error('square labels not found');
    g.pointerDown(x, y);
    g.pointerUp();
    board[cell] = 1;
  }
  return false;
}

/** Win if possible, else block, else the centre, a corner or any free square. */
function choose(board: number[]): number {
  for (const who of [1, 2]) {
    for (const line of LINES) {
      const mine = line.filter((i) => board[i] === who).length;
      const gap = line.find((i) => board[i] === 0);
      if (mine === N - 1 && gap !== undefined) return gap;
    }
  }
  const free = [4, 0, 2, 6, 8, 1, 3, 5, 7].find((i) => board[i] === 0);
  if (free === undefined) throw new Error('no free square');
  return free;
}
