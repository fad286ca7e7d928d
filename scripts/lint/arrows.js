// Lists the import arrows between top-level folders, with how many imports each carries:
// `node scripts/lint/arrows.js`. What lint allows is in layers.js; this shows what is there.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const files = execFileSync('git', ['ls-files', '*.ts'], { cwd: root, encoding: 'utf8' })
  .split('\n').filter((f) => f && !f.startsWith('tests/fixtures/'));
const top = (path) => (path.includes('/') ? path.split('/')[0] : path);
const counts = new Map();
// Static imports and re-exports (`from '…'`), side-effect imports and dynamic import('…').
const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.\.?\/[^']+)'/g;
for (const file of files) {
  const source = readFileSync(join(root, file), 'utf8');
  for (const [, spec] of source.matchAll(specifier)) {
    const target = relative(root, resolve(root, dirname(file), spec));
    if (top(target) === top(file)) continue;
    const arrow = `${top(file)} → ${top(target)}`;
    counts.set(arrow, (counts.get(arrow) ?? 0) + 1);
  }
}
for (const [arrow, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) console.log(`${arrow}\t${n}`);
