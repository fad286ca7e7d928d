// Which of the offline engine's languages a sentence is in, and that language's word data
// (game/offline/lang/<code>.json): marker words, numbers, elisions and the word list that
// words.ts reads other languages through; for English, the genres, themes and age words.
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
  /** Letters that only this language's words use among ours ("ß", "ñ"): each such word is a hint. */
  letters: string;
  /** Colours follow the noun they describe ("briques rouges"): read them as English does. */
  adjectives_after: boolean;
  /** Prefixes written with an apostrophe and dropped before lookup ("l'", "qu'"). */
  elisions: string[];
  /** English meaning → this language's words and phrases for it ("platformer": ["jeu de plateforme"]).
   *  An empty meaning ("") marks words read as nothing ("de"). English itself has none. */
  words: Record<string, string[]>;
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
    elisions: raw.elisions ?? [],
    adjectives_after: raw.adjectives_after === true,
    letters: raw.letters ?? '',
    words: raw.words ?? {},
    markers: raw.markers.map(fold),
    numbers: {
      units: foldKeys(n.units), tens: foldKeys(n.tens), hundreds: foldKeys(n.hundreds), scales: foldKeys(n.scales),
      articles: n.articles.map(fold), connectors: n.connectors.map(fold), compounds: n.compounds === true,
    },
  };
}

export interface GenreEntry {
  /** English phrases that name the genre ("tetris", "stack falling shapes"); "~" marks a weak one. */
  phrases: string[];
  /** How an answer names the genre ("board games"); the category's own words otherwise. */
  name?: string;
  /** Templates to make instead when the library has none of this genre, best first. */
  instead?: string[];
  /** Why the first of those is the nearest ("a board game against the computer"). */
  nearest_because?: string;
}

/** The English reading data the analysis needs beyond words: genres, theme words, age words. */
export interface EnglishCatalogue {
  genres: Record<string, GenreEntry>;
  /** A template's enum value → the English phrases that ask for it ("night": ["dark", "midnight"]). */
  themes: Record<string, string[]>;
  ages: { young: string[]; year: string[]; old: string[]; family: string[] };
  /** Words that carry no request of their own ("style", "clone"): never reported as unused. */
  fillers: string[];
}

let catalogue: EnglishCatalogue | undefined;
export function englishCatalogue(): EnglishCatalogue {
  if (!catalogue) {
    const raw = JSON.parse(readFileSync(new URL('./lang/en.json', import.meta.url), 'utf8')) as EnglishCatalogue;
    catalogue = { genres: raw.genres, themes: raw.themes, ages: raw.ages, fillers: raw.fillers };
  }
  return catalogue;
}

const DATA = new Map<Language, LanguageData>(LANGUAGES.map((code) => [code, load(code)]));

export function languageData(code: Language): LanguageData {
  return DATA.get(code)!;
}
