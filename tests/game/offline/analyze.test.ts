// analyzeDescription: exact intents for the seed sentences and for every kind of phrase the
// offline engine claims to understand, plus hostile and meaningless input.
import { describe, expect, it } from '@jest/globals';
import { analyzeDescription } from '../../../game/offline/index.ts';
import { core, EMPTY, type IntentCore } from './helpers.ts';

const BLUE = '#3498db';
const RED = '#e74c3c';
const GREEN = '#2ecc71';
const GOLDEN = '#f1c40f';

describe('analyzeDescription on the seed sentences', () => {
  it('reads the seed game description: blue hero, golden coin, green platforms', () => {
    const intent = analyzeDescription(
      'Create a blue platformer game where the player can jump on platforms to reach a golden coin at the top. ' +
        'Make the platforms green and add some simple physics.',
    );
    expect(core(intent)).toEqual({
      ...EMPTY,
      game_type: 'platformer',
      colors: [
        { target: 'player', color: BLUE, word: 'blue' },
        { target: 'coin', color: GOLDEN, word: 'golden' },
        { target: 'platform', color: GREEN, word: 'green' },
      ],
    });
    // "simple physics" is not a difficulty.
    expect(intent.difficulty).toBeNull();
    expect(intent.keywords)
      .toEqual(expect.arrayContaining(['blue', 'platformer', 'golden', 'coin', 'green', 'platforms']));
    expect(intent.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('reads "Make the player red and increase jump height"', () => {
    expect(core(analyzeDescription('Make the player red and increase jump height'))).toEqual({
      ...EMPTY,
      colors: [{ target: 'player', color: RED, word: 'red' }],
      adjustments: [{ parameter: 'jump_strength', direction: 'up', strength: 1, word: 'increase jump height' }],
    });
  });

  it('reads "Change the player color to red and make it jump higher"', () => {
    expect(core(analyzeDescription('Change the player color to red and make it jump higher'))).toEqual({
      ...EMPTY,
      game_type: 'platformer',
      colors: [{ target: 'player', color: RED, word: 'red' }],
      adjustments: [{ parameter: 'jump_strength', direction: 'up', strength: 1, word: 'jump higher' }],
    });
  });

  it('reads "Add more platforms and make them smaller" ("them" = the platforms)', () => {
    expect(core(analyzeDescription('Add more platforms and make them smaller'))).toEqual({
      ...EMPTY,
      game_type: 'platformer',
      adjustments: [{ parameter: 'platform_count', direction: 'up', strength: 1, word: 'add more platforms' }],
      size: [{ target: 'platform', direction: 'down' }],
    });
  });
});

// [sentence, the Intent without keywords/confidence]
const CASES: [string, Partial<IntentCore>][] = [
  ['a hard space shooter with 20 aliens and purple enemies', {
    game_type: 'shooter', difficulty: 'hard', counts: [{ target: 'enemy', value: 20 }],
    colors: [{ target: 'enemy', color: '#9b59b6', word: 'purple' }],
  }],
  ['racing game with 4 lanes, lots of traffic and a 3000 meter race', {
    game_type: 'racing', counts: [{ target: 'lane', value: 4 }, { target: 'distance', value: 3000 }],
    adjustments: [{ parameter: 'enemy_count', direction: 'up', strength: 2, word: 'lots of traffic' }],
  }],
  ['a 5x5 sliding puzzle with pink tiles, hide the numbers and a 2 minute timer', {
    game_type: 'puzzle', colors: [{ target: 'tile', color: '#fd79a8', word: 'pink' }],
    counts: [{ target: 'grid', value: 5 }, { target: 'text', value: 0 }, { target: 'time', value: 120 }],
  }],
  ['make the enemies slower and give me three lives', {
    adjustments: [{ parameter: 'enemy_speed', direction: 'down', strength: 1, word: 'enemies slower' }],
    counts: [{ target: 'lives', value: 3 }],
  }],
  ['no enemies, and lower gravity', {
    counts: [{ target: 'enemy', value: 0 }],
    adjustments: [{ parameter: 'gravity', direction: 'down', strength: 1, word: 'lower gravity' }],
  }],
  ['shoot faster and make the ship bigger', {
    game_type: 'shooter',
    adjustments: [{ parameter: 'fire_rate', direction: 'up', strength: 1, word: 'shoot faster' }],
    size: [{ target: 'player', direction: 'up' }],
  }],
  ['make the player and the enemies orange', {
    colors: [
      { target: 'enemy', color: '#e67e22', word: 'orange' },
      { target: 'player', color: '#e67e22', word: 'orange' },
    ],
  }],
  ['not too hard platformer with a 1024x768 canvas', {
    game_type: 'platformer',
    difficulty: 'medium',
    counts: [{ target: 'width', value: 1024 }, { target: 'height', value: 768 }],
  }],
  ['an extra life and 2 more enemies, set gravity to 500', {
    adjustments: [
      { parameter: 'lives', direction: 'up', strength: 1, word: 'extra life', amount: 1 },
      { parameter: 'enemy_count', direction: 'up', strength: 1, word: '2 more enemies', amount: 2 },
    ],
    counts: [{ target: 'gravity', value: 500 }],
  }],
  // The title is data: "Red" in it paints nothing.
  ['a platformer called "Red Planet"', { game_type: 'platformer', title: 'Red Planet' }],
  ['named Moon Run, a racer with 5 lanes', {
    game_type: 'racing', title: 'Moon Run', counts: [{ target: 'lane', value: 5 }],
  }],
  // Negations: a refused colour is dropped, the genre after "not" does not count.
  ["don't make the player red, make it green", { colors: [{ target: 'player', color: GREEN, word: 'green' }] }],
  ['a shooter, not a platformer', { game_type: 'shooter' }],
  ['a platformer without coins', { game_type: 'platformer', counts: [{ target: 'coin', value: 0 }] }],
  ['make it much faster', {
    adjustments: [{ parameter: 'player_speed', direction: 'up', strength: 2, word: 'much faster' }],
  }],
  ['a dark background with light blue coins', {
    colors: [
      { target: 'background', color: '#1b2631', word: 'dark' },
      { target: 'coin', color: '#8fc6eb', word: 'light blue' },
    ],
  }],
  ['#ff8800 player and a navy sky', {
    colors: [
      { target: 'player', color: '#ff8800', word: '#ff8800' },
      { target: 'sky', color: '#1f3a68', word: 'navy' },
    ],
  }],
  ['make it easier', { adjustments: [{ parameter: 'difficulty', direction: 'down', strength: 1, word: 'easier' }] }],
  ['a game with 10 coins and a 60 second time limit', {
    counts: [{ target: 'coin', value: 10 }, { target: 'time', value: 60 }],
  }],
  ['double the enemies and halve the time', {
    adjustments: [
      { parameter: 'enemy_count', direction: 'up', strength: 2, word: 'double the enemies' },
      { parameter: 'time_limit', direction: 'down', strength: 2, word: 'halve the time' },
    ],
  }],
  ['make the background black and the numbers white', {
    colors: [
      { target: 'background', color: '#000000', word: 'black' },
      { target: 'text', color: '#ffffff', word: 'white' },
    ],
  }],
  ['bigger player, small canvas, slightly slower', {
    adjustments: [{ parameter: 'player_speed', direction: 'down', strength: 1, word: 'slower' }],
    size: [{ target: 'player', direction: 'up' }, { target: 'canvas', direction: 'down' }],
  }],
  ['the enemies should be yellow and there should be fewer of them', {
    colors: [{ target: 'enemy', color: '#f4d03f', word: 'yellow' }],
    adjustments: [{ parameter: 'enemy_count', direction: 'down', strength: 1, word: 'fewer of them' }],
  }],
  ['reddish car with blue traffic on a grey road', {
    game_type: 'racing',
    colors: [
      { target: 'player', color: RED, word: 'reddish' },
      { target: 'enemy', color: BLUE, word: 'blue' },
      { target: 'road', color: '#95a5a6', word: 'grey' },
    ],
  }],
  // "lighter" is weaker gravity, or a paler colour, depending on what it describes.
  ['lighter gravity and a lighter road', {
    game_type: 'racing',
    adjustments: [
      { parameter: 'gravity', direction: 'down', strength: 1, word: 'lighter gravity' },
      { parameter: 'road_brightness', direction: 'up', strength: 1, word: 'lighter road' },
    ],
  }],
  ['a lighter blue player', { colors: [{ target: 'player', color: '#8fc6eb', word: 'lighter blue' }] }],
  ['much brighter enemies', {
    adjustments: [{ parameter: 'enemy_brightness', direction: 'up', strength: 2, word: 'much brighter enemies' }],
  }],
  ['飞机 射击 🚀 make the player red', { colors: [{ target: 'player', color: RED, word: 'red' }] }],
  // A colour that qualifies nothing, with no request to paint, paints nothing.
  ['I like red, collect gold', {}],
  ['asdf qwerty zxcv', {}],
];

describe('analyzeDescription on phrases of every kind', () => {
  it.each(CASES)('%s', (sentence, expected) => {
    expect(core(analyzeDescription(sentence))).toEqual({ ...EMPTY, ...expected });
  });

  it('is deterministic', () => {
    for (const [sentence] of CASES) expect(analyzeDescription(sentence)).toEqual(analyzeDescription(sentence));
  });

  it('grades confidence: nothing < a hint < a genre with settings', () => {
    const none = analyzeDescription('asdf qwerty zxcv').confidence;
    const hint = analyzeDescription('make the player red').confidence;
    const full = analyzeDescription('a hard space shooter with 20 aliens and purple enemies').confidence;
    expect(analyzeDescription('').confidence).toBe(0);
    expect(none).toBeLessThan(hint);
    expect(hint).toBeLessThan(full);
    for (const c of [none, hint, full]) {
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });
});

describe('analyzeDescription on hostile input', () => {
  it('keeps an injected title as plain text and reads the rest', () => {
    const intent = analyzeDescription('a shooter called </script><script>alert(1)</script> with red aliens');
    expect(intent.title).toBe('</script><script>alert(1)</script>');
    expect(intent.game_type).toBe('shooter');
    expect(intent.colors).toEqual([{ target: 'enemy', color: RED, word: 'red' }]);
  });

  it('strips control and bidi characters from titles', () => {
    expect(analyzeDescription('called "Evil\u202eTitle\u0000 X"').title).toBe('Evil Title X');
  });

  it('copes with 5,000 characters of noise, any Unicode, quickly', () => {
    const noise = '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✨ ölçü ñandú — "quoted" (brackets) ; '.repeat(120).slice(0, 5000);
    const started = performance.now();
    const intent = analyzeDescription(`${noise} make the player red`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(intent.colors).toEqual([{ target: 'player', color: RED, word: 'red' }]);
  });

  it('accepts non-strings without throwing', () => {
    expect(core(analyzeDescription(undefined as unknown as string))).toEqual(EMPTY);
  });
});
