// A modifier test per variable: every game-specific variable of every template (and its
// difficulty and colours) changes what the game does. The same scripted play (start, then a
// seeded mash of keys and taps, or no input at all) runs with and without one variable moved to
// another legal value; the drawing of the two runs must differ, so no variable is a dead setting.
// A variable that only matters in one mode (a brick colour when the bricks are not a rainbow)
// is tried in each mode of the template's other enum variables.
import { describe, expect, it } from '@jest/globals';
import { runGame } from './fake-dom.ts';
import {
  defaultsOf, gameScripts, loadTemplate, mulberry32, templateIds, type Config, type LoadedTemplate, type VariableSpec,
} from './helpers.ts';
import { STEP_MS, type PlayStrategy } from './playing.ts';

const templates: LoadedTemplate[] = templateIds().map(loadTemplate);
const strategies = new Map<string, PlayStrategy>(await Promise.all(templates.map(async (t) => {
  const module = (await import(`./strategies/${t.id}.ts`)) as { strategy: PlayStrategy };
  return [t.id, module.strategy] as const;
})));

const KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'KeyA', 'KeyD', 'KeyW', 'KeyS', 'Space', 'Enter'];
const FRAMES = 300;
/** Texts a string variable can take that a game reads differently from its default. */
const STRING_SAMPLES: Record<string, string> = {
  title: 'Another Title',
  questions: 'Which is bigger? = 9 | 2 | 5 ; What colour is the sky? = Blue | Green | Red',
};

/** Other legal values to try, most different first: the other end of a range, every other
 *  enum value (easy may differ from medium only after a while; hard shows at once). */
function otherValues(name: string, spec: VariableSpec): unknown[] {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const [lo, hi] = spec.range!;
      return [spec.default === hi ? lo : hi];
    }
    case 'color':
      return [spec.default === '#123456' ? '#654321' : '#123456'];
    case 'enum':
      return spec.values!.filter((v) => v !== spec.default);
    case 'boolean':
      return [!spec.default];
    case 'string':
      return STRING_SAMPLES[name] === undefined ? [] : [STRING_SAMPLES[name]];
  }
}

type Play = 'mash' | 'idle' | 'taps' | PlayStrategy['win'];

function played(script: string, config: Config, play: Play): { digest: string; problems: string[] } {
  const game = runGame(script, config);
  const rnd = mulberry32(2024);
  const [w, h] = game.canvasSize();
  game.step(2);
  game.tap('Enter');
  if (typeof play === 'object') {
    game.step(1, STEP_MS);
    play.play(game);
    return { digest: game.digest(), problems: game.problems };
  }
  for (let i = 0; i < FRAMES; i++) {
    if (play === 'idle' || play === 'taps') {
      // A quarter of a minute of waiting (timers run out), or of one tap a second (a wrong
      // pair of cards stays up long enough to turn back by itself).
      if (play === 'taps' && i % 20 === 0) {
        game.pointerDown(rnd() * w, rnd() * h);
        game.pointerUp();
      }
      game.step(1, STEP_MS);
      continue;
    }
    const roll = rnd();
    const key = KEYS[Math.floor(rnd() * KEYS.length)]!;
    if (roll < 0.25) game.keyDown(key);
    else if (roll < 0.5) game.keyUp(key);
    else if (roll < 0.6) game.tap(key);
    else if (roll < 0.7) {
      // A click or tap somewhere: cards flip, cells open, answers are chosen.
      game.pointerDown(rnd() * w, rnd() * h);
      game.pointerUp();
    }
    game.step(1, 1000 / 60);
  }
  return { digest: game.digest(), problems: game.problems };
}

/** The defaults played and left idle, the template's own winning play (it reaches what random
 *  keys rarely do: matches, cleared lines, bites), its quick loss, then each mode of its enums. */
function contexts(t: LoadedTemplate, defaults: Config, skip: string): [Config, Play][] {
  const out: [Config, Play][] = [[defaults, 'mash'], [defaults, 'idle']];
  const strategy = strategies.get(t.id)!;
  if (strategy.win) out.push([{ ...defaults, ...strategy.win.config }, strategy.win]);
  // Where losing comes quickly, random keys reach what only a loss shows (the mines).
  out.push([{ ...defaults, ...strategy.fastLoss }, 'mash'], [defaults, 'taps']);
  for (const [name, v] of Object.entries(t.spec.variables)) {
    if (v.type !== 'enum' || name === skip || name === 'difficulty') continue;
    for (const value of v.values!.filter((x) => x !== v.default)) {
      out.push([{ ...defaults, [name]: value }, 'mash'], [{ ...defaults, [name]: value }, 'idle']);
    }
  }
  return out;
}

describe.each(templates.map((t) => [t.id, t] as const))('the variables of %s', (_id, t) => {
  const script = gameScripts(t.html).join('\n');
  const defaults = defaultsOf(t.spec);
  const names = Object.keys(t.spec.variables).filter((n) => !['canvas_width', 'canvas_height'].includes(n));

  const bases = new Map<string, string>();
  const baseOf = (context: Config, play: Play, key: string): string => {
    if (!bases.has(key)) bases.set(key, played(script, context, play).digest);
    return bases.get(key)!;
  };

  it.each(names)('%s changes the game', (name) => {
    const values = otherValues(name, t.spec.variables[name]!);
    expect(values.length).toBeGreaterThan(0);
    const tried: string[] = [];
    for (const [context, play] of contexts(t, defaults, name)) {
      const key = `${JSON.stringify(context)} ${typeof play === 'object' ? 'won' : play}`;
      for (const value of values) {
        const variant = played(script, { ...context, [name]: value }, play);
        expect(variant.problems).toEqual([]);
        if (variant.digest !== baseOf(context, play, key)) return;
      }
      tried.push(key);
    }
    throw new Error(`${name} = ${JSON.stringify(values)} changed nothing drawn in: ${tried.join('; ')}`);
  });
});
