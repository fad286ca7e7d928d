// chooseTemplate: the genre decides, a requested id wins, vague sentences get the documented
// default, and several versions of one template collapse to the newest.
import { describe, expect, it } from '@jest/globals';
import {
  analyzeDescription, chooseTemplate, DEFAULT_TEMPLATE_ID, OfflineEngineError,
} from '../../../game/offline/index.ts';
import { TEMPLATES, template } from './helpers.ts';

const pick = (sentence: string, requestedId?: string) =>
  chooseTemplate(analyzeDescription(sentence), TEMPLATES, requestedId);

describe('chooseTemplate', () => {
  it.each([
    ['a platformer where I jump over pits', 'basic_platformer'],
    ['a space shooter with aliens', 'basic_shooter'],
    ['a sliding tile puzzle', 'basic_puzzle'],
    ['a racing game on a highway', 'basic_racing'],
    ['drive a red car and dodge the traffic', 'basic_racing'],
    ['blast the invaders with lasers', 'basic_shooter'],
    ['solve it by arranging numbered tiles', 'basic_puzzle'],
  ])('%s → %s', (sentence, id) => {
    const choice = pick(sentence);
    expect(choice.template.id).toBe(id);
    expect(choice.score).toBeGreaterThanOrEqual(6);
    expect(choice.reasons[0]).toMatch(/^game type \w+ matches$/);
  });

  it('honours a requested template id over the sentence', () => {
    const choice = pick('a space shooter with aliens', 'basic_puzzle');
    expect(choice.template.id).toBe('basic_puzzle');
    expect(choice.reasons).toEqual(['requested template basic_puzzle']);
  });

  it('falls back to scoring, and says so, when the requested id does not exist', () => {
    const choice = pick('a racing game', 'basic_rpg');
    expect(choice.template.id).toBe('basic_racing');
    expect(choice.reasons[0]).toBe('requested template basic_rpg is not available');
  });

  it.each(['', 'make it fun', 'make the player red', 'asdf qwerty', 'with 5 enemies and 3 lives'])(
    'uses the documented default for the vague "%s"',
    (sentence) => {
      expect(DEFAULT_TEMPLATE_ID).toBe('basic_platformer');
      const choice = pick(sentence);
      expect(choice.template.id).toBe(DEFAULT_TEMPLATE_ID);
      expect(choice.reasons).toContain('no clear game type; default template');
    },
  );

  it('lets the settings a template really has break a genre-less tie', () => {
    // No genre words: only the shooter has waves, only the puzzle has numbers to hide.
    expect(analyzeDescription('a game with 5 waves').game_type).toBeNull();
    expect(pick('a game with 5 waves').template.id).toBe('basic_shooter');
    expect(analyzeDescription('hide the numbers').game_type).toBeNull();
    expect(pick('hide the numbers').template.id).toBe('basic_puzzle');
  });

  it('picks the highest version of a template and an available genre when its own is missing', () => {
    const old = { ...template('basic_racing'), version: 1 };
    const newer = { ...template('basic_racing'), version: 3 };
    const versions = [old, newer, template('basic_shooter')];
    expect(chooseTemplate(analyzeDescription('a racing game'), versions).template.version).toBe(3);
    const withoutRacing = TEMPLATES.filter((t) => t.category !== 'racing');
    const choice = chooseTemplate(analyzeDescription('a racing game'), withoutRacing);
    expect(choice.template.id).toBe(DEFAULT_TEMPLATE_ID);
    expect(choice.reasons).toContain('no racing template available');
  });

  it('refuses an empty template list with a typed error', () => {
    expect(() => chooseTemplate(analyzeDescription('a platformer'), [])).toThrow(OfflineEngineError);
    try {
      chooseTemplate(analyzeDescription('a platformer'), []);
    } catch (e) {
      expect((e as OfflineEngineError).code).toBe('no_templates');
    }
  });
});
