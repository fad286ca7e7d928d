// npm run bench -- offline [--runs N]
// The offline engine, description → HTML: createGame over the prompt table (tests/fixtures/
// prompts.json, four languages) with every template loaded, N rounds after a warm-up round.
// Reports p50/p95 per call overall and per language, and the table's accuracy per language.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateSpec } from '../game/templates/spec.ts';
import { createGame, type TemplateSource } from '../game/offline/index.ts';
import { intArg, percentile } from './measure.ts';

const root = join(import.meta.dirname, '..');
const round = (n: number): number => Math.round(n * 1000) / 1000;

function templates(): TemplateSource[] {
  return readdirSync(join(root, 'templates')).sort().map((id) => {
    const spec = templateSpec.parse(JSON.parse(readFileSync(join(root, 'templates', id, 'template.json'), 'utf8')));
    const code = readFileSync(join(root, 'templates', id, spec.entry), 'utf8');
    return { ...spec, version: 1, code };
  });
}

export function benchOffline(args: string[]): Record<string, unknown> {
  const runs = intArg(args, '--runs', 5, 100);
  const library = templates();
  const prompts = JSON.parse(readFileSync(join(root, 'tests/fixtures/prompts.json'), 'utf8')) as
    [string, string, string][];
  const samples = new Map<string, number[]>();
  const right = new Map<string, number>();
  for (let round_ = 0; round_ <= runs; round_++) {
    for (const [language, prompt, expected] of prompts) {
      const started = performance.now();
      const made = createGame(prompt, library);
      const ms = performance.now() - started;
      if (round_ === 0) {
        if (made.template_id === expected) right.set(language, (right.get(language) ?? 0) + 1);
        continue; // the warm-up round only counts accuracy
      }
      for (const key of ['all', language]) samples.set(key, [...(samples.get(key) ?? []), ms]);
    }
  }
  const stats = (key: string) => {
    const s = [...(samples.get(key) ?? [])].sort((a, b) => a - b);
    return { calls: s.length, p50_ms: round(percentile(s, 50)), p95_ms: round(percentile(s, 95)) };
  };
  const languages = [...new Set(prompts.map(([l]) => l))];
  return {
    benchmark: 'offline', templates: library.length, prompts: prompts.length, runs,
    description_to_html: stats('all'),
    per_language: Object.fromEntries(languages.map((l) => {
      const total = prompts.filter(([x]) => x === l).length;
      return [l, { ...stats(l), accuracy: `${right.get(l) ?? 0}/${total}` }];
    })),
  };
}
