// createGame: valid games (config = returned variables, every value legal, the rest of the
// template untouched), deterministic, honest about what it did, and safe against injection.
import { describe, expect, it } from '@jest/globals';
import { checkValue } from '../../../game/templates/spec.ts';
import { createGame, type OfflineCreateResult, type TemplateSource } from '../../../game/offline/index.ts';
import { configOf, configText, defaultsOf, outsideConfig, TEMPLATES, template } from './helpers.ts';

const SEED = 'Create a blue platformer game where the player can jump on platforms to reach a golden coin at the top.' +
  ' Make the platforms green and add some simple physics.';

function expectValidGame(result: OfflineCreateResult, t: TemplateSource): void {
  expect(result.template_id).toBe(t.id);
  expect(result.template_version).toBe(t.version);
  const config = configOf(result.html);
  expect(config).toStrictEqual(result.variables);
  expect(Object.keys(config)).toEqual(Object.keys(t.variables));
  for (const [name, spec] of Object.entries(t.variables)) {
    expect([name, checkValue(spec, config[name])]).toEqual([name, undefined]);
  }
  expect(outsideConfig(result.html)).toBe(outsideConfig(t.code));
  // Every change is real, typed, and agrees with the variables.
  const defaults = defaultsOf(t);
  for (const change of result.changes) {
    expect(change.from).toStrictEqual(defaults[change.name]);
    expect(change.to).toStrictEqual(config[change.name]);
    expect(change.to).not.toStrictEqual(change.from);
    expect(change.reason.length).toBeGreaterThan(0);
  }
  const changed = Object.keys(t.variables).filter((n) => config[n] !== defaults[n]);
  expect(result.changes.map((c) => c.name).sort()).toEqual(changed.sort());
}

const changed = (r: OfflineCreateResult) => Object.fromEntries(r.changes.map((c) => [c.name, c.to]));

describe('createGame on the seed description', () => {
  const result = createGame(SEED, TEMPLATES);

  it('makes a valid platformer with a blue hero and golden coins', () => {
    expectValidGame(result, template('basic_platformer'));
    expect(result.variables.player_color).toBe('#3498db');
    expect(result.variables.coin_color).toBe('#f1c40f');
    // The title comes from the player's words, not the template's default ("Coin Climber").
    expect(result.title).toBe('Blue Platformer');
    expect(result.intent.game_type).toBe('platformer');
  });

  it('says honestly what it applied and what it could not', () => {
    expect(result.interpretation).toBe(
      'Platformer from template basic_platformer: player color blue (#3498db), coin color golden (#f1c40f), ' +
        'platform color green (#2ecc71), title "Blue Platformer"; already built in: physics.',
    );
  });

  it('is deterministic: the same call gives byte-identical output', () => {
    const again = createGame(SEED, TEMPLATES);
    expect(again.html).toBe(result.html);
    expect(again).toStrictEqual(result);
  });
});

describe('createGame for every template', () => {
  const CASES: [string, string, Record<string, unknown>][] = [
    [
      'basic_platformer',
      'a red platformer with 5 enemies, 12 coins, lower gravity and a much higher jump, called Sky Hop',
      {
        player_color: '#e74c3c', title: 'Sky Hop', enemy_count: 5, coin_count: 12, gravity: 640, jump_strength: 630,
        // The enemies were red too: a requested colour is never left equal to another role's.
        enemy_color: '#2ecc71',
      },
    ],
    [
      'basic_shooter',
      'a hard space shooter with green aliens, 20 enemies, 5 waves and a black background; shoot faster',
      {
        enemy_color: '#2ecc71', background_color: '#000000', difficulty: 'hard', enemy_count: 20, wave_count: 5,
        fire_rate: 160, title: 'Hard Space Shooter',
      },
    ],
    ['basic_puzzle', 'an easy 3x3 sliding puzzle with purple tiles and black numbers, 5 minutes', {
      tile_color: '#9b59b6', text_color: '#000000', difficulty: 'easy', grid_size: 3, time_limit: 300,
      title: 'Easy 3x3 Sliding Puzzle',
    }],
    ['basic_racing', 'a racing game with a yellow car, blue traffic, 5 lanes, 9 lives and a 5 km race', {
      player_color: '#f4d03f', traffic_color: '#3498db', lane_count: 5, lives: 9, race_distance: 5000,
      title: 'Racing Game', coin_color: '#ffffff', // gold coins would look like the yellow car
    }],
  ];

  it.each(CASES)('%s: %s', (id, description, expected) => {
    const result = createGame(description, TEMPLATES);
    expectValidGame(result, template(id));
    expect(changed(result)).toEqual(expected);
    expect(result.interpretation.startsWith(`${template(id).category[0]!.toUpperCase()}`)).toBe(true);
    expect(createGame(description, TEMPLATES).html).toBe(result.html);
  });

  it('renders an empty description as the unchanged default template', () => {
    const result = createGame('', TEMPLATES);
    expect(result.html).toBe(template('basic_platformer').code);
    expect(result.changes).toEqual([]);
    expect(result.interpretation).toBe(
      'Platformer from the default template basic_platformer (no game type recognised) with its default settings.',
    );
  });

  it('uses a requested template even when the words name another genre', () => {
    const result = createGame('a red racing car', TEMPLATES, { templateId: 'basic_shooter' });
    expectValidGame(result, template('basic_shooter'));
    expect(changed(result)).toEqual({ player_color: '#e74c3c', enemy_color: '#3498db', title: 'Red Racing Car' });
    expect(result.interpretation).toBe(
      'Shooter from the requested template basic_shooter: player color red (#e74c3c), ' +
        'enemy color blue (#3498db) (kept apart from player color), title "Red Racing Car".',
    );
  });

  it('clamps out-of-range numbers and says so', () => {
    const result = createGame('a platformer with 50 enemies and 0 lives', TEMPLATES);
    expectValidGame(result, template('basic_platformer'));
    expect(changed(result)).toEqual({ enemy_count: 12, lives: 1, title: 'Platformer' });
    expect(result.interpretation).toContain('enemy count 12 (50 asked; allowed 0–12)');
  });

  it('reports words it cannot place', () => {
    const result = createGame('a platformer with lasers, sound effects and a boss', TEMPLATES);
    expect(result.changes.map((c) => c.name)).toEqual(['title']);
    expect(result.interpretation).toBe(
      'Platformer from template basic_platformer: title "Platformer"; ' +
        "not available in basic_platformer: lasers; not understood: 'sound effects', 'boss'.",
    );
  });
});

describe('createGame preferences', () => {
  it('applies canvas size and difficulty, clamped, with change entries, over the description', () => {
    const result = createGame('a small canvas and easy please', TEMPLATES, {
      preferences: {
        canvas_width: 5000, canvas_height: 600, difficulty: 'hard', engine: 'phaser3', style: 'cartoon',
      },
    });
    expectValidGame(result, template('basic_platformer'));
    expect(result.changes).toEqual([
      {
        name: 'canvas_width',
        from: 800,
        to: 1200,
        reason: 'preference canvas_width, over the description (5000 asked; allowed 400–1200)',
        type: 'size_change',
      },
      {
        name: 'canvas_height', from: 450, to: 600, reason: 'preference canvas_height, over the description',
        type: 'size_change',
      },
      {
        name: 'difficulty', from: 'medium', to: 'hard', reason: 'preference difficulty, over the description',
        type: 'difficulty_change',
      },
    ]);
  });

  it('ignores unusable preference values and says which', () => {
    const result = createGame('a platformer', TEMPLATES, {
      preferences: { difficulty: 'nightmare', canvas_width: 'wide' },
    });
    expect(result.changes.map((c) => [c.name, c.to])).toEqual([['title', 'Platformer']]);
    expect(result.interpretation).toContain('preferences not applied: canvas_width, difficulty');
  });
});

describe('createGame against hostile input', () => {
  it.each([
    '</script><script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<!-- </script -->',
    '\u2028\u2029</SCRIPT >',
  ])('keeps the title %j inert data', (evil) => {
    const result = createGame(`a shooter called "${evil}"`, TEMPLATES);
    const t = template('basic_shooter');
    expectValidGame(result, t);
    expect(configText(result.html)).not.toMatch(/[<>\u2028\u2029]/);
    expect(result.html.match(/<\/script/gi)?.length).toBe(t.code.match(/<\/script/gi)?.length);
    expect(result.variables.title).toBe(evil.trim());
    expect(result.title).toBe(evil.trim());
  });

  it('shortens an over-long title to max_length without splitting a character', () => {
    const result = createGame(`a platformer called "${'🚀'.repeat(30)}"`, TEMPLATES);
    expectValidGame(result, template('basic_platformer'));
    expect(result.title).toBe('🚀'.repeat(20));
    expect(result.interpretation).toContain('(shortened to 40 characters)');
  });

  it('turns 5,000 characters of mixed Unicode into a valid game, deterministically', () => {
    const long = ('Ωμέγα 🚀 "quotes" <b>bold</b> & entities; ' + SEED).repeat(40).slice(0, 5000);
    const first = createGame(long, TEMPLATES);
    expectValidGame(first, TEMPLATES.find((t) => t.id === first.template_id)!);
    expect(createGame(long, TEMPLATES).html).toBe(first.html);
  });
});
