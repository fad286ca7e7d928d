// One jest run for `npm test`: its results file cleared first (a jest that dies before writing
// must not be reported with the last run's counts), a time limit on the whole run (an open
// handle or a stuck suite fails it instead of hanging CI), and the plain summary line's counts.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

export interface JestRun {
  passed: number;
  failed: number;
  /** jest's exit code; 124 when the time limit stopped it, 130 when the run was interrupted. */
  exitCode: number;
  timedOut: boolean;
}

export interface JestRunOptions {
  /** node's arguments: the jest entry, then jest's own (results go to `results` via --outputFile). */
  args: string[];
  results: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  limitMs: number;
  /** Resolves when the run should stop early (a signal to the stack). */
  interrupted?: Promise<unknown>;
  /** jest's own output: the terminal's (npm test) or none. */
  output?: 'inherit' | 'ignore';
}

export async function runJest(opts: JestRunOptions): Promise<JestRun> {
  rmSync(opts.results, { force: true });
  const jest = spawn(process.execPath, [...opts.args, '--json', `--outputFile=${opts.results}`], {
    cwd: opts.cwd, env: opts.env, stdio: opts.output ?? 'inherit', detached: true,
  });
  // Its own process group, so stopping it takes jest's workers along.
  const stopGroup = (): void => {
    try {
      process.kill(-jest.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    new Promise<number>((resolve) => jest.once('exit', (code) => resolve(code ?? 1))),
    (opts.interrupted ?? new Promise<never>(() => undefined)).then(() => 130),
    new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), opts.limitMs); }),
  ]).finally(() => clearTimeout(timer));
  if (ended !== 0) {
    stopGroup();
    if (jest.exitCode === null && jest.signalCode === null) await new Promise((r) => jest.once('exit', r));
  }
  const counts = readSummary(opts.results);
  const timedOut = ended === 'timeout';
  // The run that hit the limit is counted as one more failure, whatever it had passed.
  return { ...counts, failed: counts.failed + (timedOut ? 1 : 0), exitCode: timedOut ? 124 : ended, timedOut };
}

function readSummary(file: string): { passed: number; failed: number } {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as {
      numPassedTests: number; numFailedTests: number; numRuntimeErrorTestSuites: number;
    };
    // A suite that fails to load has no failed test of its own; count it so it is seen.
    return { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites };
  } catch {
    // No results at all: jest did not get to write them, which is a failure of its own.
    return { passed: 0, failed: 1 };
  }
}
