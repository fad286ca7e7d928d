// The summary line of `npm test` tells the truth about this run: counts from this run's jest
// only, a failure when jest wrote nothing, and a hang stopped by the time limit and failed.
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJest } from '../../scripts/stack/jestRun.ts';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures/jest-run');
const jestBin = join(root, 'node_modules/jest/bin/jest.js');

function fixtureRun(match: string, limitMs: number, results: string) {
  const config = JSON.stringify({ rootDir: fixtures, testMatch: [`**/${match}`], transform: {} });
  return runJest({
    args: [jestBin, '--config', config, '--ci', '--silent'], results, cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME }, limitMs, output: 'ignore',
  });
}

const staleResults = (): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'jest-run-')), 'results.json');
  writeFileSync(file, JSON.stringify({ numPassedTests: 999, numFailedTests: 0, numRuntimeErrorTestSuites: 0 }));
  return file;
};

describe('the jest run behind the summary line', () => {
  it('counts this run only: a stale results file from a previous run is not reported', async () => {
    const results = staleResults();
    const run = await fixtureRun('one-pass-one-fail.fixture.cjs', 60_000, results);
    expect(run).toMatchObject({ passed: 1, failed: 1, timedOut: false });
    expect(run.exitCode).not.toBe(0);
    expect(JSON.parse(readFileSync(results, 'utf8')).numPassedTests).toBe(1);
  }, 90_000);

  it('a jest that dies before writing results is a failure, not the last run\'s counts', async () => {
    const results = staleResults();
    const run = await runJest({
      args: [jestBin, '--config', '{"rootDir": "/nonexistent-folder-for-this-test"}'], results, cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME }, limitMs: 60_000, output: 'ignore',
    });
    expect(existsSync(results)).toBe(false);
    expect(run).toMatchObject({ passed: 0, failed: 1, timedOut: false });
    expect(run.exitCode).not.toBe(0);
  }, 90_000);

  it('an open handle that keeps jest alive is stopped at the limit and counted as a failure', async () => {
    const started = Date.now();
    const run = await fixtureRun('passes-then-hangs.fixture.cjs', 8_000, staleResults());
    // Its one test passed before the hang: the counts are kept, plus one failure for the hang.
    expect(run).toMatchObject({ passed: 1, failed: 1, timedOut: true, exitCode: 124 });
    // Stopped at the limit, not at jest's own pace (it would wait for ever).
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
