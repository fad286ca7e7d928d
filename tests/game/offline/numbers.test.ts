// Numbers written in words, in four languages: the reader alone (a table), and through the
// offline engine's analysis, where "twenty-five enemies" used to count 5.
import { describe, expect, it } from '@jest/globals';
import { analyzeDescription } from '../../../game/offline/index.ts';
import { languageData, type Language } from '../../../game/offline/language.ts';
import { detectLanguage } from '../../../game/offline/words.ts';
import { numberAt } from '../../../game/offline/numbers.ts';

// [language, words, value (undefined: no number starts here), words the number spans (0: none)]
const TABLE: [Language, string, number | undefined, number][] = [
  ['en', 'twenty five enemies', 25, 2],
  ['en', 'a hundred and fifty coins', 150, 4],
  ['en', 'one hundred', 100, 2],
  ['en', 'two thousand five hundred', 2500, 4],
  ['en', 'ninety nine', 99, 2],
  ['en', 'two dozen', 24, 2],
  ['en', 'two and three', 2, 1],
  ['en', 'five twenty', 5, 1],
  ['en', 'a game', undefined, 0],
  ['en', 'and', undefined, 0],
  ['fr', 'vingt et un', 21, 3],
  ['fr', 'soixante dix', 70, 2],
  ['fr', 'soixante quinze', 75, 2],
  ['fr', 'quatre vingt dix', 90, 3],
  ['fr', 'quatre vingt dix neuf', 99, 4],
  ['fr', 'dix sept', 17, 2],
  ['fr', 'cent cinquante', 150, 2],
  ['fr', 'deux cents', 200, 2],
  ['fr', 'mille', 1000, 1],
  ['fr', 'un jeu', undefined, 0],
  ['de', 'fünfundzwanzig', 25, 1],
  ['de', 'dreiundvierzig gegner', 43, 1],
  ['de', 'hundertfünfzig', 150, 1],
  ['de', 'hundertfünfundzwanzig', 125, 1],
  ['de', 'zweihundert', 200, 1],
  ['de', 'einhundert', 100, 1],
  ['de', 'elf', 11, 1],
  ['de', 'ein spiel', undefined, 0],
  ['de', 'undzwanzig', undefined, 0],
  ['es', 'treinta y cinco', 35, 3],
  ['es', 'veinticinco', 25, 1],
  ['es', 'ciento cincuenta', 150, 2],
  ['es', 'doscientos cincuenta', 250, 2],
  ['es', 'dos mil', 2000, 2],
  ['es', 'cinco y seis', 5, 1],
  ['es', 'un juego', undefined, 0],
];

describe('numbers written in words', () => {
  it.each(TABLE)('%s: "%s" reads %p', (language, text, value, length) => {
    const found = numberAt(text.split(' '), 0, languageData(language).numbers);
    expect(found?.value).toBe(value);
    expect(found?.length ?? 0).toBe(length);
  });

  it('guesses the language from its marker words, English when nothing says otherwise', () => {
    const words = (s: string) => s.toLowerCase().split(' ');
    expect(detectLanguage(words('un jeu de plateforme où je saute sur des champignons'))).toBe('fr');
    expect(detectLanguage(words('ein Rennspiel mit Motorrädern'))).toBe('de');
    expect(detectLanguage(words('un juego de carreras con coches'))).toBe('es');
    expect(detectLanguage(words('snake game'))).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  it('counts what the sentence says, not its last word', () => {
    const count = (s: string, target: string) =>
      analyzeDescription(s).counts.find((c) => c.target === target)?.value;
    expect(count('a space shooter with twenty-five enemies', 'enemy')).toBe(25);
    expect(count('a shooter with a hundred and fifty enemies', 'enemy')).toBe(150);
    expect(count('a shooter with three lives', 'lives')).toBe(3);
  });

  it('reads a word that only looks like a number in another language as a word', () => {
    // "once" is eleven in Spanish, "elf" eleven in German: not in an English sentence.
    const intent = analyzeDescription('once the elf jumps, make the platformer blue');
    expect(intent.counts).toEqual([]);
  });

  it('never reads past twelve words, so a long run of number words stays linear', () => {
    const words = Array.from({ length: 4000 }, (_, i) => (i % 2 ? 'und' : 'fünfundzwanzig'));
    for (let i = 0; i < words.length; i += 97) {
      expect(numberAt(words, i, languageData('de').numbers)?.length ?? 0).toBeLessThanOrEqual(12);
    }
    const english = Array.from({ length: 4000 }, () => 'hundred');
    expect(numberAt(english, 0, languageData('en').numbers)).toEqual({ value: 100, length: 1 });
  });
});
