// modifyGame: exact changes for the seed request, saturation at a range limit, honest
// refusals (understood=false, html untouched), and the error for non-template games.
import { describe, expect, it } from '@jest/globals';
import { createGame, modifyGame, OfflineEngineError, readConfig } from '../../../game/offline/index.ts';
import { configOf, configText, outsideConfig, TEMPLATES, template } from './helpers.ts';

const platformer = template('basic_platformer');
const created = createGame('a platformer', TEMPLATES);

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OfflineEngineError);
    return (e as OfflineEngineError).code;
  }
  return undefined;
}

describe('modifyGame on a created platformer', () => {
  it('"make the player red and jump higher" changes player_color and jump_strength, and moves the red enemies', () => {
    const result = modifyGame('make the player red and jump higher', created.html, platformer);
    expect(result.understood).toBe(true);
    expect(result.changes).toEqual([
      { name: 'player_color', from: '#3498db', to: '#e74c3c', reason: 'red player', type: 'color_change' },
      { name: 'jump_strength', from: 420, to: 525, reason: 'jump higher', type: 'physics_adjustment' },
      // A requested colour is never left equal to another role's: the enemies were red.
      {
        name: 'enemy_color', from: '#e74c3c', to: '#2ecc71', reason: 'kept apart from player color',
        type: 'color_change',
      },
    ]);
    expect(result.summary).toBe(
      'Changed player color from blue (#3498db) to red (#e74c3c), increased jump strength from 420 to 525 and ' +
        'changed enemy color from red (#e74c3c) to green (#2ecc71).',
    );
    expect(configOf(result.html)).toStrictEqual(result.variables);
    expect(result.variables).toStrictEqual({
      ...created.variables, player_color: '#e74c3c', jump_strength: 525, enemy_color: '#2ecc71',
    });
    expect(outsideConfig(result.html)).toBe(outsideConfig(created.html));
    expect(result.intent.colors).toEqual([{ target: 'player', color: '#e74c3c', word: 'red' }]);
  });

  it('the seed phrasing "Make the player red and increase jump height" does the same', () => {
    const result = modifyGame('Make the player red and increase jump height', created.html, platformer);
    expect(result.changes.map((c) => [c.name, c.to]))
      .toEqual([['player_color', '#e74c3c'], ['jump_strength', 525], ['enemy_color', '#2ecc71']]);
  });

  it('repeated "jump higher" climbs to the range maximum, then says it cannot go further', () => {
    let html = created.html;
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const step = modifyGame('jump higher', html, platformer);
      expect(step.changes).toHaveLength(1);
      seen.push(step.changes[0]!.to);
      html = step.html;
    }
    expect(seen).toEqual([525, 656, 820, 900]);
    const near = created.html.replace('"jump_strength": 420', '"jump_strength": 820');
    const capped = modifyGame('jump higher', near, platformer);
    expect(capped.changes[0]!.reason).toBe('jump higher (capped at the maximum 900)');
    expect(capped.summary).toBe('Increased jump strength from 820 to 900 (the maximum).');

    const saturated = modifyGame('jump higher', html, platformer);
    expect(saturated.understood).toBe(true);
    expect(saturated.changes).toEqual([]);
    expect(saturated.html).toBe(html);
    expect(saturated.summary).toBe('Jump strength is already at its maximum (900).');
  });

  it('a request that maps to nothing is not understood and leaves the html untouched', () => {
    const result = modifyGame('add a boss fight with fireworks', created.html, platformer);
    expect(result.understood).toBe(false);
    expect(result.changes).toEqual([]);
    expect(result.html).toBe(created.html);
    expect(result.summary).toBe(
      "Nothing in the request maps to a setting of Basic Platformer. Not understood: 'boss fight', 'fireworks'.",
    );
  });

  it('the seed "Add more platforms and make them smaller" has no platform settings to change, and says so', () => {
    const result = modifyGame('Add more platforms and make them smaller', created.html, platformer);
    expect(result.understood).toBe(false);
    expect(result.html).toBe(created.html);
    expect(result.summary).toBe(
      'Nothing in the request maps to a setting of Basic Platformer. ' +
        'Not available in basic_platformer: add more platforms, smaller platforms.',
    );
  });

  it('says when a request is already satisfied', () => {
    const result = modifyGame('make the player blue', created.html, platformer);
    expect(result.understood).toBe(true);
    expect(result.html).toBe(created.html);
    expect(result.summary).toBe('Already so: player color blue (#3498db).');
  });

  it('shades a colour for "darker" / "lighter", and stops at black', () => {
    const darker = modifyGame('make the background darker', created.html, platformer);
    expect(darker.changes).toEqual([
      { name: 'background_color', from: '#87ceeb', to: '#659bb0', reason: 'background darker', type: 'color_change' },
    ]);
    const black = created.html.replace('"background_color": "#87ceeb"', '"background_color": "#000000"');
    const none = modifyGame('make the background darker', black, platformer);
    expect(none.understood).toBe(true);
    expect(none.html).toBe(black);
    expect(none.summary).toBe('Background color is already black.');
  });

  it('renames, keeping a hostile title inert', () => {
    const result = modifyGame('rename it to </script><img src=x onerror=alert(1)>', created.html, platformer);
    expect(result.changes).toEqual([
      {
        name: 'title',
        from: 'Platformer',
        to: '</script><img src=x onerror=alert(1)>',
        reason: 'title "</script><img src=x onerror=alert(1)>"',
        type: 'text_change',
      },
    ]);
    expect(configText(result.html)).not.toContain('<');
    expect(readConfig(result.html)?.title).toBe('</script><img src=x onerror=alert(1)>');
  });

  it('is deterministic, listing changes in application order ' +
    '(colours, title, difficulty, counts, steps, sizes)', () => {
    const request = 'much faster, 5 enemies, make it harder and the coins purple';
    const a = modifyGame(request, created.html, platformer);
    expect(modifyGame(request, created.html, platformer)).toStrictEqual(a);
    expect(a.changes.map((c) => [c.name, c.to])).toEqual([
      ['coin_color', '#9b59b6'],
      ['enemy_count', 5],
      ['player_speed', 330],
      ['difficulty', 'hard'],
    ]);
  });
});

describe('modifyGame on other templates and other games', () => {
  it('"shoot faster" shortens the delay between shots; faster aliens raise difficulty', () => {
    const shooter = createGame('a shooter', TEMPLATES).html;
    const fire = modifyGame('shoot faster', shooter, template('basic_shooter'));
    expect(fire.changes).toEqual([
      { name: 'fire_rate', from: 200, to: 160, reason: 'shoot faster', type: 'physics_adjustment' },
    ]);
    const aliens = modifyGame('make the aliens faster', shooter, template('basic_shooter'));
    expect(aliens.changes.map((c) => [c.name, c.from, c.to])).toEqual([['difficulty', 'medium', 'hard']]);
    expect(aliens.summary).toBe('Set difficulty to hard (was medium), since enemy speed comes with difficulty.');
  });

  it('the racer has no traffic speed: understood=false', () => {
    const racer = createGame('a racing game', TEMPLATES).html;
    const result = modifyGame('faster traffic', racer, template('basic_racing'));
    expect(result.understood).toBe(false);
    expect(result.html).toBe(racer);
  });

  it('keeps everything outside the config block, and unknown config keys, as they were', () => {
    const edited = created.html
      .replace('<canvas id="game"></canvas>', '<canvas id="game"></canvas><!-- kept -->')
      .replace('"time_limit": 90}', '"time_limit": 90, "extra": [1, 2]}');
    const same = modifyGame('three lives', edited, platformer);
    expect(same.changes).toEqual([]);
    expect(same.html).toBe(edited);
    const more = modifyGame('nine lives', edited, platformer);
    expect(more.changes.map((c) => [c.name, c.from, c.to])).toEqual([['lives', 3, 9]]);
    expect(outsideConfig(more.html)).toBe(outsideConfig(edited));
    expect(configOf(more.html).extra).toEqual([1, 2]);
  });

  it('refuses a game without a config block, and one whose block is not JSON', () => {
    const bare = '<!DOCTYPE html><canvas></canvas><script>draw()</script>';
    expect(errorCode(() => modifyGame('make the player red', bare, platformer))).toBe('no_config_block');
    const broken = created.html.replace(configText(created.html), '{not json');
    expect(errorCode(() => modifyGame('make the player red', broken, platformer))).toBe('invalid_config');
  });
});
