// The `scan` step: static rules over markup, CSS and every script (see static.ts), run in a
// pooled worker thread so no game can stall the caller's event loop (offloop/pool.ts), plus a
// smoke run of the game in an isolated-vm isolate inside a pooled child process (see
// smoke/pool.ts). One Scanner is meant to live as long as the worker: create it once, call
// checkGame (or scanGame) per game, close() it on shutdown.
import { SCAN_BUDGET } from './budget.ts';
import { browserCompatibility } from './compat.ts';
import { createStaticPool, type StaticResult, type StaticRun } from './offloop/pool.ts';
import { smokeFindings, summarize, type SmokeSummary } from './smoke/findings.ts';
import { createSmokePool } from './smoke/pool.ts';
import type { SmokeControls, SmokeOutcome } from './smoke/protocol.ts';
import { analyzeStatic, dedupeFindings } from './static.ts';
import { securityScore, verdictOf, type Verdict } from './verdict.ts';
import { DEFAULT_MAX_BYTES, type ValidationReport } from '../validate/index.ts';
import type { Finding } from '../vocabulary.ts';

export { overallVerdict, securityScore, verdictOf, type Verdict } from './verdict.ts';
export { smokeInput } from './smoke/input.ts';

export interface ScanReport {
  verdict: Verdict;
  security_score: number; // 0..100
  findings: Finding[]; // static + smoke findings
  smoke: SmokeSummary;
  browser_compatibility: string[];
  duration_ms: number;
}

export interface CheckReport {
  validation: ValidationReport;
  /** Absent when the validation blocked the game. */
  scan?: ScanReport;
}

export interface ScannerOptions {
  poolSize?: number;
  memoryLimitMb?: number;
  cpuTimeoutMs?: number;
  wallTimeoutMs?: number;
  /** Wall-clock limit of the static scan's thread for one game (its own budget is 500 ms). */
  staticWallMs?: number;
}

export interface ScanGameOptions {
  smoke?: boolean;
  /** Frames played one by one at the start of the smoke run. */
  frames?: number;
  /** Game time the smoke run reaches in coarse steps after those frames (0: none). */
  lateUntilMs?: number;
  /** The game's declared controls (templates declare them), pressed first by the smoke player. */
  controls?: SmokeControls;
}

export interface Scanner {
  scanGame(html: string, opts?: ScanGameOptions): Promise<ScanReport>;
  /** validate, then scan only a valid game: one read of the document for both. */
  checkGame(html: string, opts?: ScanGameOptions & { maxBytes?: number }): Promise<CheckReport>;
  close(): Promise<void>;
}

export const SCANNER_DEFAULTS = {
  poolSize: 2, memoryLimitMb: 64, cpuTimeoutMs: 1000, wallTimeoutMs: 4000, frames: 120,
  // Past the first minute: a hog or an abusive call held back for a minute is still seen.
  lateUntilMs: 90_000,
  // The scan's own budget plus much room for a loaded machine (a thread that waits for a core
  // is not stuck): only a runaway the budget does not see (one regex, one native call) is
  // stopped by this.
  staticWallMs: SCAN_BUDGET.ms + 4500, staticMemoryMb: 512,
} as const;

/** Static rules only: pure and synchronous. */
export function staticScan(html: string): { findings: Finding[] } {
  return { findings: analyzeStatic(html).findings };
}

/** The thread was stopped before it had validated (a document built to stall the reader). */
function stoppedValidation(html: string, result: StaticResult): ValidationReport {
  return {
    ok: false, code_quality: 0, size_bytes: Buffer.byteLength(html), scripts: [],
    structure: { has_canvas_or_root: false, has_game_loop: false, has_input: false },
    findings: [{
      rule: 'validate.stopped', severity: 'block',
      message: `The game could not be read within the checker's limits (${result.stopped ?? 'stopped'}): ` +
        'simplify the document.',
    }],
  };
}

export function createScanner(opts: ScannerOptions = {}): Scanner {
  const limits = {
    poolSize: opts.poolSize ?? SCANNER_DEFAULTS.poolSize,
    memoryLimitMb: opts.memoryLimitMb ?? SCANNER_DEFAULTS.memoryLimitMb,
    cpuTimeoutMs: opts.cpuTimeoutMs ?? SCANNER_DEFAULTS.cpuTimeoutMs,
    wallTimeoutMs: opts.wallTimeoutMs ?? SCANNER_DEFAULTS.wallTimeoutMs,
  };
  const pool = createSmokePool(limits);
  const statics = createStaticPool({
    size: limits.poolSize, wallMs: opts.staticWallMs ?? SCANNER_DEFAULTS.staticWallMs,
    memoryMb: SCANNER_DEFAULTS.staticMemoryMb,
  });

  /** The smoke run and the rules of one static run, merged into the scan's report. */
  async function finishScan(run: StaticRun, started: number, scanOpts: ScanGameOptions): Promise<ScanReport> {
    // Everything that reads the game happens in a static-scan thread; the document comes
    // back first, so the smoke child works while the thread runs the rules.
    const input = await run.doc;
    const smokeRun: Promise<SmokeOutcome> | undefined = scanOpts.smoke === false || !input
      ? undefined
      : pool.run({
        elements: [], scripts: [], documentJson: input, frames: scanOpts.frames ?? SCANNER_DEFAULTS.frames,
        lateUntilMs: scanOpts.lateUntilMs ?? SCANNER_DEFAULTS.lateUntilMs,
        ...(scanOpts.controls ? { controls: scanOpts.controls } : {}),
      });
    // Settled before any await below can throw, so a failed scan leaves no unhandled rejection.
    smokeRun?.catch(() => undefined);
    const result = await run.result;
    const findings = [...result.findings];
    let smoke: SmokeSummary = { status: 'skipped', frames: 0, errors: [], ms: 0 };
    if (smokeRun) {
      const outcome = await smokeRun;
      smoke = summarize(outcome);
      findings.push(...smokeFindings(outcome, limits, result.expectLoop));
    }
    const all = dedupeFindings(findings);
    return {
      verdict: verdictOf(all),
      security_score: securityScore(all),
      findings: all,
      smoke,
      browser_compatibility: browserCompatibility(result.apis),
      duration_ms: Math.round(performance.now() - started),
    };
  }

  return {
    scanGame(html, scanOpts = {}) {
      return finishScan(statics.run(html), performance.now(), scanOpts);
    },
    async checkGame(html, checkOpts = {}) {
      const started = performance.now();
      const { maxBytes = DEFAULT_MAX_BYTES, ...scanOpts } = checkOpts;
      const run = statics.run(html, { validate: { maxBytes } });
      run.result.catch(() => undefined);
      const validation = await run.validation ?? stoppedValidation(html, await run.result);
      if (!validation.ok) return { validation };
      return { validation, scan: await finishScan(run, started, scanOpts) };
    },
    close: async () => { await Promise.all([pool.close(), statics.close()]); },
  };
}
