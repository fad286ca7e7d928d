// Runs every template's game script against a fake canvas (see fake-dom.ts): the first
// frame is drawn before any input, Space/Enter start and restart, random input with
// default, extreme and random variable sets never throws or draws NaN, and both a loss
// and a win can be reached by actually playing.
import { describe, expect, it } from '@jest/globals';
import { runGame, type FakeGame } from './fake-dom.ts';
import { playUntil, STEP_MS, type PlayStrategy } from './playing.ts';
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

const templates: LoadedTemplate[] = templateIds().map(loadTemplate);
// Every template brings its own way to lose and to win (a missing file fails the suite here).
const strategies = new Map<string, PlayStrategy>(await Promise.all(templates.map(async (t) => {
  const module = (await import(`./strategies/${t.id}.ts`)) as { strategy: PlayStrategy };
  return [t.id, module.strategy] as const;
})));

function start(t: LoadedTemplate, overrides: Config = {}): { game: FakeGame; config: Config } {
  const config = { ...defaultsOf(t.spec), ...overrides };
  const game = runGame(gameScripts(t.html).join('\n'), config);
  return { game, config };
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
    const { game } = start(t, strategies.get(t.id)!.fastLoss);
    game.tap('Enter');
    expect(playUntil(game, /^Game over$/, 20000)).toBe(true);
    game.step(30, STEP_MS); // past the restart guard
    game.tap('Space');
    game.step(2, STEP_MS);
    expect(game.frameTexts()).not.toContain('Game over');
    expect(game.problems).toEqual([]);
  });

  it('can be won by playing it', () => {
    const { win } = strategies.get(t.id)!;
    const { game } = start(t, win.config);
    game.tap('Enter');
    game.step(1, STEP_MS);
    expect(win.play(game)).toBe(true);
    expect(game.frameTexts()).not.toContain('Game over');
    expect(game.problems).toEqual([]);
  });
});
