// A modifier test per variable: every game-specific variable of every template (and its
// difficulty and colours) changes what the game does. The same scripted play (start, then a
// seeded mash of keys and taps, or no input at all) runs with and without one variable moved to
// another legal value; the drawing of the two runs must differ, so no variable is a dead setting.
// A variable that only matters in one mode (a brick colour when the bricks are not a rainbow)
// is tried in each mode of the template's other enum variables.
import { describe, expect, it } from '@jest/globals';
import { runGame } from './fake-dom.ts';
import {
  defaultsOf, gameScripts, loadTemplate, mulberry32, templateIds, type Config, type VariableSpec,
} from './helpers.ts';

const KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'KeyA', 'KeyD', 'KeyW', 'KeyS', 'Space', 'Enter'];
const FRAMES = 600;
/** Texts a string variable can take that a game reads differently from its default. */
const STRING_SAMPLES: Record<string, string> = {
  title: 'Another Title',
  questions: 'Which is bigger? = 9 | 2 | 5 ; What colour is the sky? = Blue | Green | Red',
};

function otherValue(name: string, spec: VariableSpec): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return spec.default === spec.range[1] ? spec.range[0] : spec.range[1];
    case 'color':
      return spec.default === '#123456' ? '#654321' : '#123456';
    case 'enum':
      return spec.values.find((v) => v !== spec.default);
    case 'boolean':
      return !spec.default;
    case 'string':
      return STRING_SAMPLES[name];
  }
}

/** The digest of one scripted play: the same keys, taps and timings for every configuration. */
function played(script: string, config: Config, idle = false): { digest: string; problems: string[] } {
  const game = runGame(script, config);
  const rnd = mulberry32(2024);
  const [w, h] = game.canvasSize();
  game.step(2);
  game.tap('Enter');
  for (let i = 0; i < FRAMES; i++) {
    if (idle) {
      game.step(1, 1000 / 60);
      continue;
    }
    const roll = rnd();
    const key = KEYS[Math.floor(rnd() * KEYS.length)]!;
    if (roll < 0.25) game.keyDown(key);
    else if (roll < 0.5) game.keyUp(key);
    else if (roll < 0.6) game.tap(key);
    else if (roll < 0.63) game.pointerDown(rnd() * w, rnd() * h);
    else if (roll < 0.66) game.pointerUp();
    game.step(1, 1000 / 60);
  }
  return { digest: game.digest(), problems: game.problems };
}

/** The defaults, then each other mode of the template's enums, each played and left idle. */
function contexts(spec: Record<string, VariableSpec>, defaults: Config, skip: string): [Config, boolean][] {
  const out: [Config, boolean][] = [[defaults, false], [defaults, true]];
  for (const [name, v] of Object.entries(spec)) {
    if (v.type !== 'enum' || name === skip || name === 'difficulty') continue;
    for (const value of v.values.filter((x) => x !== v.default)) {
      out.push([{ ...defaults, [name]: value }, false], [{ ...defaults, [name]: value }, true]);
    }
  }
  return out;
}

describe.each(templateIds().map((id) => [id, loadTemplate(id)] as const))('the variables of %s', (_id, t) => {
  const script = gameScripts(t.html).join('\n');
  const defaults = defaultsOf(t.spec);
  const names = Object.keys(t.spec.variables).filter((n) => !['canvas_width', 'canvas_height'].includes(n));

  it.each(names)('%s changes the game', (name) => {
    const value = otherValue(name, t.spec.variables[name]!);
    expect(value).toBeDefined();
    const tried: string[] = [];
    for (const [context, idle] of contexts(t.spec.variables, defaults, name)) {
      const base = played(script, context, idle);
      const variant = played(script, { ...context, [name]: value }, idle);
      expect(variant.problems).toEqual([]);
      if (variant.digest !== base.digest) return;
      tried.push(`${JSON.stringify(context)}${idle ? ' idle' : ''}`);
    }
    throw new Error(`${name} = ${JSON.stringify(value)} changed nothing drawn in: ${tried.join('; ')}`);
  });
});
