// Sentences that name a genre of the library reach its template: by the genre's own name
// ("asteroids", "tic-tac-toe"), a classic's name ("2048", "candy crush") or a mechanic in
// plain words ("catch falling apples in a basket"), and the interpretation says so honestly.
import { describe, expect, it } from '@jest/globals';
import { createGame } from '../../../game/offline/index.ts';
import { TEMPLATES } from './helpers.ts';

const TABLE: [string, string][] = [
  ['asteroids with a rotating ship', 'asteroids'],
  ['an asteroids game with 3 lives', 'asteroids'],
  ['tic tac toe against the computer', 'tic_tac_toe'],
  ['noughts and crosses for two players', 'tic_tac_toe'],
  ['whack-a-mole', 'whack_a_mole'],
  ['whack a mole with a hammer', 'whack_a_mole'],
  ['2048', 'merge_2048'],
  ['a 2048 game with a 5x5 board', 'merge_2048'],
  ['minesweeper 10x10', 'minesweeper'],
  ['a minesweeper with lots of mines', 'minesweeper'],
  ['match-3 candy game', 'match_three'],
  ['candy crush', 'match_three'],
  ['bejeweled clone', 'match_three'],
  ['catch falling apples in a basket', 'catcher'],
  ['memory card matching game with emojis', 'memory_match'],
  ['a concentration game: flip cards to find pairs', 'memory_match'],
  ['frogger', 'road_crossing'],
  ['snake game', 'snake'],
  ['nokia snake', 'snake'],
  ['breakout with colorful bricks', 'breakout'],
  ['arkanoid', 'breakout'],
  ['flappy bird clone with pipes', 'flappy'],
  ['helicopter cave game', 'flappy'],
  ['endless runner with a dinosaur jumping over cacti', 'runner'],
  ['chrome dino', 'runner'],
  // Sentences that name the four basic genres keep them.
  ['a blue platformer where I jump to a golden coin', 'basic_platformer'],
  ['space invaders', 'basic_shooter'],
  ['a racing game on a night road with neon cars', 'basic_racing'],
  ['a slow relaxing puzzle with sliding tiles', 'basic_puzzle'],
];

describe('the genre a sentence names', () => {
  it.each(TABLE)('"%s" → %s', (sentence, id) => {
    const made = createGame(sentence, TEMPLATES);
    expect(made.template_id).toBe(id);
    // Never "the default template" when the sentence named the genre.
    if (id !== 'basic_platformer') expect(made.interpretation).not.toMatch(/default template/);
  });

  it('names the genre in plain words, never a snake_case id, at the start of the interpretation', () => {
    expect(createGame('tic tac toe', TEMPLATES).interpretation).toMatch(/^Tic tac toe from template tic_tac_toe/);
  });
});
