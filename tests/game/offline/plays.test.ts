// Games made by the offline engine actually run: each template's script, fed the config the
// engine wrote (parsed exactly as the game parses it), draws its title and survives input.
// Uses the fake canvas page of the template tests.
import { describe, expect, it } from '@jest/globals';
import { createGame, modifyGame } from '../../../game/offline/index.ts';
import { runGame } from '../../templates/fake-dom.ts';
import { gameScripts } from '../../templates/helpers.ts';
import { configOf, TEMPLATES, template } from './helpers.ts';

const KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'Space', 'Enter', 'KeyA', 'KeyD'];

const DESCRIPTIONS: [string, string][] = [
  [
    'basic_platformer',
    'a hard red platformer called "</script> Sky Hop" with 12 enemies, low gravity and much higher jumps',
  ],
  ['basic_shooter', 'an easy shooter with 40 pink aliens, 10 waves, a tiny ship and much faster shooting'],
  ['basic_puzzle', 'a 6x6 sliding puzzle without numbers, dark tiles and a 30 second timer'],
  ['basic_racing', 'a racing game with 6 lanes, lots of traffic, one life and a 300 meter race'],
];

describe.each(DESCRIPTIONS)('a created %s', (id, description) => {
  it('runs, shows its title and survives random input, before and after a modification', () => {
    const created = createGame(description, TEMPLATES);
    expect(created.template_id).toBe(id);
    const change = 'make it faster, bigger and much harder, and the player green';
    const modified = modifyGame(change, created.html, template(id));
    for (const html of [created.html, modified.html]) {
      const config = configOf(html);
      const game = runGame(gameScripts(html).join('\n'), config);
      expect(game.documentTitle()).toBe(config.title);
      expect(game.frameTexts()).toContain(config.title);
      game.tap('Enter');
      for (let i = 0; i < 300; i++) {
        const key = KEYS[i % KEYS.length]!;
        if (i % 3 === 0) game.keyDown(key);
        else game.keyUp(key);
        game.step(1, 16 + (i % 5) * 8);
      }
      expect(game.problems).toEqual([]);
    }
  });
});
