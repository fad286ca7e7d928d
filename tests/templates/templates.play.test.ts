// Runs every template's game script against a fake canvas (see fake-dom.ts): the first
// frame is drawn before any input, Space/Enter start and restart, random input with
// default, extreme and random variable sets never throws or draws NaN, and both a loss
// and a win can be reached by actually playing.
import { describe, expect, it } from '@jest/globals';
import { runGame, type FakeGame } from './fake-dom.ts';
import {
  defaultsOf,
  edgeConfig,
  gameScripts,
  loadTemplate,
  mulberry32,
  randomConfig,
  templateIds,
  type Config,
  type LoadedTemplate,
} from './helpers.ts';

const STEP_MS = 50; // the games clamp dt to 50 ms, so this is the fastest real-time step

const templates: LoadedTemplate[] = templateIds().map(loadTemplate);

function start(t: LoadedTemplate, overrides: Config = {}): { game: FakeGame; config: Config } {
  const config = { ...defaultsOf(t.spec), ...overrides };
  const game = runGame(gameScripts(t.html).join('\n'), config);
  return { game, config };
}

/** Step until a frame shows `pattern` (or give up), calling `each` before every frame. */
function playUntil(game: FakeGame, pattern: RegExp, maxFrames: number, each?: (i: number) => void): boolean {
  for (let i = 0; i < maxFrames; i++) {
    if (each) each(i);
    game.step(1, STEP_MS);
    if (game.frameTexts().some((s) => pattern.test(s))) return true;
  }
  return false;
}

const KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'KeyA', 'KeyD', 'KeyW', 'KeyS', 'Space', 'Enter'];

/** Random key downs/ups and taps for n frames, from a seeded generator. */
function mash(game: FakeGame, n: number, seed: number): void {
  const rnd = mulberry32(seed);
  const [w, h] = game.canvasSize();
  for (let i = 0; i < n; i++) {
    const key = KEYS[Math.floor(rnd() * KEYS.length)] ?? 'Space';
    const roll = rnd();
    if (roll < 0.3) game.keyDown(key);
    else if (roll < 0.6) game.keyUp(key);
    else if (roll < 0.7) game.tap(key);
    else if (roll < 0.74) game.pointerDown(rnd() * w, rnd() * h);
    else if (roll < 0.78) game.pointerUp();
    game.step(1, 5 + rnd() * 60);
  }
}

describe.each(templates.map((t) => [t.id, t] as const))('playing %s', (_id, t) => {
  it('draws a titled first frame before any input and keeps animating', () => {
    const { game, config } = start(t);
    expect(game.problems).toEqual([]);
    expect(game.canvasSize()).toEqual([config.canvas_width, config.canvas_height]);
    expect(game.documentTitle()).toBe(config.title);
    expect(game.frameDraws()).toBeGreaterThan(10);
    expect(game.frameTexts()).toContain(config.title);
    expect(game.pendingFrames()).toBe(1);
    game.step(30);
    expect(game.pendingFrames()).toBe(1);
    expect(game.frameTexts().some((s) => /^Press Space or Enter to /.test(s))).toBe(true);
  });

  it('starts on Enter, starts on Space, and leaves the title screen', () => {
    for (const key of ['Enter', 'Space']) {
      const { game } = start(t);
      game.step(2);
      game.tap(key);
      game.step(3);
      expect(game.frameTexts().some((s) => /Press Space or Enter/.test(s))).toBe(false);
      expect(game.problems).toEqual([]);
    }
  });

  it('follows the size, title and colours of a non-default configuration', () => {
    const overrides: Config = {
      ...edgeConfig(t.spec, 'min'), title: 'Tiny Test Game', difficulty: 'hard', player_color: '#ff0000',
    };
    const { game } = start(t, overrides);
    expect(game.canvasSize()).toEqual([overrides.canvas_width, overrides.canvas_height]);
    expect(game.documentTitle()).toBe('Tiny Test Game');
    game.tap('Enter');
    mash(game, 400, 7);
    expect(game.problems).toEqual([]);
  });

  const sets: [string, Config][] = [
    ['defaults', {}],
    ['all minimum values', edgeConfig(t.spec, 'min')],
    ['all maximum values', edgeConfig(t.spec, 'max')],
    ['easy', { difficulty: 'easy' }],
    ['hard', { difficulty: 'hard' }],
  ];
  const rnd = mulberry32(12345);
  for (let i = 0; i < 4; i++) sets.push([`random set ${i + 1}`, randomConfig(t.spec, rnd)]);

  it.each(sets)('survives random input with %s', (_name, overrides) => {
    const { game } = start(t, overrides);
    game.tap('Enter');
    mash(game, 1000, 99);
    expect(game.problems).toEqual([]);
    expect(game.pendingFrames()).toBe(1);
  });

  it('ends in a loss when left alone, then restarts with Space', () => {
    const { game } = start(t, FAST_LOSS[t.id] ?? {});
    game.tap('Enter');
    expect(playUntil(game, /^Game over$/, 20000)).toBe(true);
    game.step(30, STEP_MS); // past the restart guard
    game.tap('Space');
    game.step(2, STEP_MS);
    expect(game.frameTexts()).not.toContain('Game over');
    expect(game.problems).toEqual([]);
  });

  it('can be won by playing it', () => {
    const win = WINS[t.id];
    if (!win) return;
    const { game } = start(t, win.config);
    game.tap('Enter');
    game.step(1, STEP_MS);
    expect(win.play(game)).toBe(true);
    expect(game.frameTexts()).not.toContain('Game over');
    expect(game.problems).toEqual([]);
  });
});

// Settings under which doing nothing loses quickly.
const FAST_LOSS: Record<string, Config> = {
  basic_platformer: { time_limit: 15 },
  basic_shooter: { difficulty: 'hard', lives: 1 },
  basic_puzzle: { time_limit: 30, difficulty: 'hard' },
  basic_racing: { difficulty: 'hard', lives: 1, traffic_count: 20, race_distance: 10000 },
};

// A configuration and a simple strategy that reaches the win screen.
const WINS: Record<string, { config: Config; play: (g: FakeGame) => boolean }> = {
  // With a jump too weak for platforms or pits the level is flat ground: run right.
  basic_platformer: {
    config: { jump_strength: 200, gravity: 1500, enemy_count: 0, coin_count: 6 },
    play: (g) => { g.keyDown('ArrowRight'); return playUntil(g, /^You win!$/, 3000); },
  },
  // Hold fire and sweep from side to side.
  basic_shooter: {
    config: { difficulty: 'easy', enemy_count: 4, wave_count: 2, lives: 9, fire_rate: 100 },
    play: (g) => {
      g.keyDown('Space');
      return playUntil(g, /^You win!$/, 20000, (i) => {
        const phase = Math.floor(i / 30) % 2;
        if (i % 30 === 0) {
          g.keyUp(phase ? 'ArrowLeft' : 'ArrowRight');
          g.keyDown(phase ? 'ArrowRight' : 'ArrowLeft');
        }
      });
    },
  },
  // Read the board from the drawn tile numbers, solve it by breadth-first search, key it in.
  basic_puzzle: {
    config: { grid_size: 3, difficulty: 'easy' },
    play: (g) => {
      const path = solvePuzzle(readBoard(g, 3));
      for (const key of path) { g.tap(key); g.step(1, STEP_MS); }
      return playUntil(g, /^You win!$/, 5);
    },
  },
  // Light traffic and a short race: cruise with the boost held.
  basic_racing: {
    config: { difficulty: 'easy', traffic_count: 1, race_distance: 300, lives: 9 },
    play: (g) => { g.keyDown('ArrowUp'); return playUntil(g, /^You win!$/, 3000); },
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
