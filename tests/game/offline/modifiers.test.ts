// Modifiers read per genre, after the template is chosen: themes, skins and modes named in any
// of the four languages, the player's age, grid sizes, counts of the template's own things, a
// player's own quiz questions, and a requested colour never left equal to another role's.
import { describe, expect, it } from '@jest/globals';
import { createGame } from '../../../game/offline/index.ts';
import { TEMPLATES } from './helpers.ts';

const made = (prompt: string) => createGame(prompt, TEMPLATES);

describe('themes, skins and modes', () => {
  it.each([
    ['a neon snake', 'snake', { theme: 'neon' }],
    ['un serpent néon', 'snake', { theme: 'neon' }],
    ['helicopter cave game', 'flappy', { skin: 'helicopter' }],
    ['a runner at night with a robot', 'runner', { theme: 'night', skin: 'robot' }],
    ['ein Läufer bei Nacht', 'runner', { theme: 'night' }],
    ['pong for two players on one keyboard', 'pong', { players: 'two' }],
    ['top-down shooter with tanks', 'arena_shooter', { skin: 'tanks' }],
    ['un juego de disparos con zombis vista desde arriba', 'arena_shooter', { skin: 'zombies' }],
    ['pac-man style maze with ghosts', 'maze', { mode: 'ghosts' }],
    ['a maze where I collect keys', 'maze', { mode: 'keys' }],
    ['dodge the falling rocks', 'catcher', { mode: 'dodge' }],
    ['memory game with emojis', 'memory_match', { theme: 'emojis' }],
    ['a quiz about European capitals', 'quiz', { pack: 'capitals', region: 'europe' }],
    ['ein Quiz über Tiere', 'quiz', { pack: 'animals' }],
    ['a typing game with fruit words', 'typing', { words: 'fruits' }],
  ])('%s', (prompt, id, values) => {
    const result = made(prompt);
    expect(result.template_id).toBe(id);
    expect(result.variables).toMatchObject(values);
  });

  it('a value inside the genre\'s own name counts only when nothing else is named', () => {
    expect(made('nokia snake in neon').variables.theme).toBe('neon');
    expect(made('endless runner').variables.skin).toBe('dino'); // its default, not "runner"
  });
});

describe('age', () => {
  it.each([
    ['make a game for my 5 year old about colors', { difficulty: 'easy', no_fail: true, age: 5 }],
    ['un jeu pour mon fils de 5 ans sur les couleurs', { difficulty: 'easy', no_fail: true, age: 5 }],
    ['ein Rechenquiz für meine 8-jährige Tochter', { difficulty: 'easy', no_fail: false, age: 8 }],
    ['un juego de sumas para niños', { difficulty: 'easy', no_fail: true, age: 6 }],
  ])('%s', (prompt, values) => {
    const result = made(prompt);
    expect(result.template_id).toBe('quiz');
    expect(result.variables).toMatchObject(values);
  });

  it('an explicit difficulty wins over the age; the age is never unused', () => {
    const result = made('a very hard maze for my 6 year old');
    expect(result.variables).toMatchObject({ difficulty: 'hard', no_fail: true });
    expect(result.interpretation).not.toMatch(/not used:.*(year|old)/);
  });
});

describe('grids and counts of the template\'s own things', () => {
  it.each([
    ['minesweeper 10x10 with 20 mines', 'minesweeper', { grid_width: 10, grid_height: 10, mine_count: 20 }],
    ['un démineur 16 x 12', 'minesweeper', { grid_width: 16, grid_height: 12 }],
    ['a 6x6 memory game', 'memory_match', { grid_columns: 6, grid_rows: 6 }],
    ['2048 on a 5x5 board', 'merge_2048', { grid_size: 5 }],
    ['flappy bird, 20 pipes to win', 'flappy', { pipes_to_win: 20 }],
    ['crazy golf with 6 holes', 'mini_golf', { holes: 6 }],
    ['a rhythm game at 140 bpm', 'rhythm', { bpm: 140 }],
    ['tower defence on snow with 20 waves', 'tower_defense', { wave_count: 20, theme: 'snow' }],
  ])('%s', (prompt, id, values) => {
    const result = made(prompt);
    expect(result.template_id).toBe(id);
    expect(result.variables).toMatchObject(values);
  });

  it('clamps a grid to the template\'s range and says so', () => {
    const result = made('minesweeper 99x99');
    const spec = TEMPLATES.find((t) => t.id === 'minesweeper')!.variables.grid_width!;
    expect(result.variables.grid_width).toBe(spec.type === 'integer' ? spec.range[1] : undefined);
    expect(result.interpretation).toMatch(/99 asked; allowed/);
  });
});

describe('colours kept apart', () => {
  it('moves another role off the requested colour, and says so', () => {
    const result = made('a snake game with a red snake');
    expect(result.variables.player_color).toBe('#e74c3c');
    expect(result.variables.food_color).not.toBe('#c0392b');
    expect(result.interpretation).toMatch(/food color \w+ \(#[0-9a-f]{6}\) \(kept apart from player color\)/);
  });

  it('leaves two colours the player asked for alone, even if equal', () => {
    const result = made('a platformer with a red player and red enemies');
    expect(result.variables).toMatchObject({ player_color: '#e74c3c', enemy_color: '#e74c3c' });
  });
});

describe('a player\'s own quiz questions', () => {
  it('become the quiz\'s questions and make it a quiz', () => {
    const result = made('my questions: What is 2+2? = 4 | 5 | 3; Capital of Peru? = Lima | Quito | Bogota');
    expect(result.template_id).toBe('quiz');
    expect(result.variables.questions).toBe('What is 2+2? = 4 | 5 | 3 ; Capital of Peru? = Lima | Quito | Bogota');
    expect(result.interpretation).toMatch(/2 questions of your own/);
    expect(result.interpretation).not.toMatch(/not used/);
  });

  it('stop at the variable\'s limit on an entry boundary, bounded on any input', () => {
    const many = Array.from({ length: 200 }, (_, i) => `Question ${i}? = yes | no`).join('; ');
    const result = made(`a quiz: ${many}`);
    const questions = String(result.variables.questions);
    expect(questions.length).toBeLessThanOrEqual(2000);
    expect(questions.endsWith('yes | no')).toBe(true);
  });
});
