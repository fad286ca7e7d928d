// The prompt table (promptTable.ts): sentences players type, in four languages, → the template
// the offline engine picks. Accuracy is reported per language (test-artifacts/prompt-accuracy.json)
// and must be complete; genres the library lacks are answered honestly in every language.
import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createGame } from '../../../game/offline/index.ts';
import { TEMPLATES } from './helpers.ts';
import { PROMPTS } from './promptTable.ts';

const ARTIFACTS = new URL('../../../test-artifacts/', import.meta.url);

describe('the prompt table', () => {
  it('has at least 200 prompts, at least 35 per language, every expected template in the library', () => {
    expect(PROMPTS.length).toBeGreaterThanOrEqual(200);
    for (const language of ['en', 'fr', 'de', 'es']) {
      expect(PROMPTS.filter(([l]) => l === language).length).toBeGreaterThanOrEqual(35);
    }
    const ids = new Set(TEMPLATES.map((t) => t.id));
    expect([...new Set(PROMPTS.map(([, , id]) => id))].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('every prompt gets the expected template, in every language', () => {
    const accuracy: Record<string, { right: number; total: number }> = {};
    const wrong: string[] = [];
    for (const [language, prompt, expected] of PROMPTS) {
      const got = createGame(prompt, TEMPLATES).template_id;
      const entry = (accuracy[language] ??= { right: 0, total: 0 });
      entry.total++;
      if (got === expected) entry.right++;
      else wrong.push(`${language} "${prompt}" → ${got}, expected ${expected}`);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(new URL('prompt-accuracy.json', ARTIFACTS), `${JSON.stringify(accuracy, null, 2)}\n`);
    expect(wrong).toEqual([]);
  });
});

describe('honest answers for genres the library lacks', () => {
  it.each([
    ['chess against the computer', /^Chess is not in the offline library; made tic tac toe instead/],
    ['poker night', /^Poker is not in the offline library; made memory match instead/],
    ['a 3D flight simulator', /^A flight simulator is not in the offline library; made flappy instead.*3D/],
    ['un jeu d\'échecs', /^Chess \(jeu d'échecs\) is not in the offline library/],
    ['ein 3D-Flugsimulator', /^A flight simulator \(flugsimulator\) is not in the offline library/],
    ['ajedrez contra la computadora', /^Chess \(ajedrez\) is not in the offline library/],
    ['a 3d platformer', /^Platformer from template basic_platformer.*not in the offline library: 3D/],
  ])('%s', (prompt, answer) => {
    expect(createGame(prompt, TEMPLATES).interpretation).toMatch(answer);
  });

  it('lists every word it did not use, in the player\'s own words', () => {
    expect(createGame('a very hard red platformer with lava and mushrooms', TEMPLATES).interpretation)
      .toMatch(/not understood: 'lava'.*|not used: .*mushrooms/);
    expect(createGame('un jeu de plateforme où je saute sur des champignons', TEMPLATES).interpretation)
      .toMatch(/not used: champignons\.$/);
    expect(createGame('poker night', TEMPLATES).interpretation).toMatch(/not used: night\.$/);
  });

  it('takes the title from the prompt, in the player\'s language', () => {
    expect(createGame('a very hard red platformer with lava', TEMPLATES).title).toBe('Hard Red Platformer');
    expect(createGame('ein Rennspiel mit Motorrädern', TEMPLATES).title).toBe('Rennspiel');
    expect(createGame('un jeu de plateforme où je saute', TEMPLATES).title).toBe('Jeu de plateforme');
    expect(createGame('una serpiente verde y rápida', TEMPLATES).title).toBe('Serpiente verde y rápida');
  });
});
