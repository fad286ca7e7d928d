// Gemini joins the providers a job, a version and an attempt may name.
import { sql } from './types.ts';

const TABLES = [
  ['jobs', 'jobs_provider_check'], ['game_versions', 'game_versions_provider_check'],
  ['provider_attempts', 'provider_attempts_provider_check'], ['provider_usage', 'provider_usage_provider_check'],
] as const;

const allow = (providers: string) => TABLES.map(([table, check]) => `
ALTER TABLE ${table} DROP CONSTRAINT ${check};
ALTER TABLE ${table} ADD CONSTRAINT ${check} CHECK (provider IN (${providers}));`).join('\n');

export const up = sql(allow(`'openai', 'anthropic', 'gemini', 'offline'`));

export const down = sql(allow(`'openai', 'anthropic', 'offline'`));
