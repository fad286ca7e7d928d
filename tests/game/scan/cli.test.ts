// The scan CLI, spawned the way `npm run scan` runs it: JSON lines or a table, and the exit
// code (0 all pass, 1 some review, 2 some block, 3 error), one scanner pool for a directory.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadManifest } from '../../../bench/corpus.ts';

const root = join(import.meta.dirname, '../../..');

function scan(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [
    '--no-node-snapshot', '--disable-warning=ExperimentalWarning', 'cli/scan.main.ts', ...args,
  ], {
    cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, INIT_CWD: root },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run scan', () => {
  it('exits 0 when every game passes, with a readable table', () => {
    const r = scan('templates/basic_puzzle/game.html', 'tests/fixtures/games/benign/modern-classes.html');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS\s+sec 100\s+qual\s+\d+\s+templates\/basic_puzzle\/game\.html$/m);
    expect(r.stdout).toMatch(/2 file\(s\) in \d+ ms: 2 pass, 0 review, 0 block, 0 error/);
  }, 60_000);

  it('exits 1 for review and 2 for block, with JSON lines the model can act on', () => {
    expect(scan('--json', 'tests/fixtures/games/hostile/navigation/history-push.html').code).toBe(1);
    const r = scan('--json',
      'tests/fixtures/games/hostile/network/fetch-basic.html', 'tests/fixtures/games/benign/dom-grid.html');
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      file: 'tests/fixtures/games/hostile/network/fetch-basic.html', verdict: 'block',
      code_quality: expect.any(Number), security_score: expect.any(Number),
    });
    expect((lines[0]!.findings as unknown[])).toContainEqual({
      rule: 'network.fetch', severity: 'block', message: expect.stringContaining('fetch'), line: 22, column: 1,
    });
    expect(lines[1]).toMatchObject({ verdict: 'pass', security_score: expect.any(Number) });
  }, 60_000);

  it('exits 3 on errors and bad arguments', () => {
    expect(scan('tests/fixtures/games/does-not-exist.html').code).toBe(3);
    expect(scan().code).toBe(3);
    expect(scan('--frames', 'many', 'templates').code).toBe(3);
  }, 60_000);

  it('scans a whole directory with one pool: one line per file, in order', () => {
    const expected = [...loadManifest()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const r = scan('--json', 'tests/fixtures/games');
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; verdict: string });
    expect(lines.map((l) => l.file)).toEqual(expected.map(([k]) => `tests/fixtures/games/${k}`));
    expect(lines.map((l) => l.verdict)).toEqual(expected.map(([, v]) => v.verdict));
  }, 120_000);
});
