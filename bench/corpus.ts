// The corpus manifest: `expected.json` plus any `expected.<part>.json` beside it (one per
// family of fixtures, so families grow without touching one shared file). Keys are paths
// relative to this folder; keys starting with `$` are comments.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Expectation { verdict: 'pass' | 'review' | 'block'; rules: string[]; note: string }

export const CORPUS_DIR = join(import.meta.dirname, '../tests/fixtures/games');

export function loadManifest(dir: string = CORPUS_DIR): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  const files = readdirSync(dir).filter((f) => /^expected(\.[a-z0-9-]+)?\.json$/.test(f)).sort();
  for (const file of files) {
    const entries = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Expectation | string>;
    for (const [name, e] of Object.entries(entries)) {
      if (name.startsWith('$') || typeof e !== 'object') continue;
      if (out.has(name)) throw new Error(`${file}: ${name} is already listed in another manifest`);
      out.set(name, e);
    }
  }
  return out;
}
