// Which of the offline engine's languages a sentence is in, and that language's word data
// (game/offline/lang/<code>.json). The guess counts each language's marker words (articles,
// prepositions, "game"); English wins ties, so a sentence with no markers reads as English.
import { readFileSync } from 'node:fs';

export const LANGUAGES = ['en', 'fr', 'de', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface NumberWords {
  units: Record<string, number>;
  tens: Record<string, number>;
  /** Words that multiply what came before them within a hundred ("two hundred", "deux cents"). */
  hundreds: Record<string, number>;
  /** Words that close a group and multiply it ("thousand", "mille"). */
  scales: Record<string, number>;
  /** Words that count as one only in front of a hundred or a scale ("a hundred", "ein tausend"). */
  articles: string[];
  /** Words that may join parts of one number ("a hundred and fifty", "vingt et un"). */
  connectors: string[];
  /** Numbers written as one word ("fünfundzwanzig") are split against the word lists. */
  compounds?: boolean;
}

export interface LanguageData {
  language: Language;
  markers: string[];
  numbers: NumberWords;
}

/** Lower case without accents, so "fünf", "funf" and "FÜNF" meet, as do "où" and "ou". */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function foldKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [fold(k), v]));
}

function load(code: Language): LanguageData {
  const raw = JSON.parse(readFileSync(new URL(`./lang/${code}.json`, import.meta.url), 'utf8')) as LanguageData;
  const n = raw.numbers;
  return {
    language: code,
    markers: raw.markers.map(fold),
    numbers: {
      units: foldKeys(n.units), tens: foldKeys(n.tens), hundreds: foldKeys(n.hundreds), scales: foldKeys(n.scales),
      articles: n.articles.map(fold), connectors: n.connectors.map(fold), compounds: n.compounds === true,
    },
  };
}

const DATA = new Map<Language, LanguageData>(LANGUAGES.map((code) => [code, load(code)]));

export function languageData(code: Language): LanguageData {
  return DATA.get(code)!;
}

/** The language whose marker words occur most often among `words` (already lower case). */
export function detectLanguage(words: readonly string[]): Language {
  let best: Language = 'en';
  let bestHits = 0;
  const folded = words.map(fold);
  for (const code of LANGUAGES) {
    const markers = new Set(DATA.get(code)!.markers);
    const hits = folded.filter((w) => markers.has(w)).length;
    if (hits > bestHits) {
      best = code;
      bestHits = hits;
    }
  }
  return best;
}
