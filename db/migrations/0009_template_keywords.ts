// Words that suggest a template in a player's description (the offline engine's matcher).
import { sql } from './types.ts';

export const up = sql(`
ALTER TABLE templates ADD COLUMN keywords jsonb NOT NULL DEFAULT '[]';
ALTER TABLE templates ADD CONSTRAINT templates_keywords_array CHECK (jsonb_typeof(keywords) = 'array');
`);

export const down = sql(`
ALTER TABLE templates DROP COLUMN keywords;
`);
