// Prompts a player types → the template the offline engine should pick, in four languages
// (tests/fixtures/prompts.json; the offline benchmark reads the same file). Genres the library
// does not have ("chess") expect the documented nearest template.
import fs from 'node:fs';

export type PromptCase = [language: 'en' | 'fr' | 'de' | 'es', prompt: string, templateId: string];

export const PROMPTS = JSON.parse(
  fs.readFileSync(new URL('../../fixtures/prompts.json', import.meta.url), 'utf8'),
) as PromptCase[];
