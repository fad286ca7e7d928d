// The `scan` step: static rules over markup, CSS and every script (see static.ts), plus a
// smoke run of the game in an isolated-vm isolate inside a pooled child process (see
// smoke/pool.ts). One Scanner is meant to live as long as the worker: create it once, call
// scanGame per game, close() it on shutdown.
import { readGame, type GameDocument } from '../validate/document.ts';
import { HANDLER_PREFIX, HANDLER_SUFFIX } from '../validate/parse-script.ts';
import { analyzeStructure, isEnginePath } from '../validate/structure.ts';
import { browserCompatibility } from './compat.ts';
import { smokeFindings, summarize, type SmokeSummary } from './smoke/findings.ts';
import { createSmokePool } from './smoke/pool.ts';
import type { SmokeControls, SmokeElement, SmokeOutcome, SmokeScript } from './smoke/protocol.ts';
import { analyzeStatic, dedupeFindings } from './static.ts';
import { securityScore, verdictOf, type Verdict } from './verdict.ts';
import type { Finding } from '../vocabulary.ts';

export { overallVerdict, securityScore, verdictOf, type Verdict } from './verdict.ts';

export interface ScanReport {
  verdict: Verdict;
  security_score: number; // 0..100
  findings: Finding[]; // static + smoke findings
  smoke: SmokeSummary;
  browser_compatibility: string[];
  duration_ms: number;
}

export interface ScannerOptions {
  poolSize?: number;
  memoryLimitMb?: number;
  cpuTimeoutMs?: number;
  wallTimeoutMs?: number;
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
  close(): Promise<void>;
}

export const SCANNER_DEFAULTS = {
  poolSize: 2, memoryLimitMb: 64, cpuTimeoutMs: 1000, wallTimeoutMs: 4000, frames: 120,
  // Past the first minute: a hog or an abusive call held back for a minute is still seen.
  lateUntilMs: 90_000,
} as const;

/** Static rules only: pure and synchronous. */
export function staticScan(html: string): { findings: Finding[] } {
  return { findings: analyzeStatic(html).findings };
}

/** The document as the smoke child needs it: elements (minus srcdoc documents) and the code
 *  the page runs on load (inline blocks in order, on* handlers, the vendored engine where the
 *  page loads it); other external scripts are not loaded. */
export function smokeInput(doc: GameDocument): { elements: SmokeElement[]; scripts: SmokeScript[] } {
  const remap = new Map<number, number>();
  const elements: SmokeElement[] = [];
  for (const el of doc.elements) {
    if (el.inSrcdoc) continue;
    remap.set(el.index, elements.length);
    const runsAsCode = el.tag === 'script' && doc.scripts.some((s) => s.element === el.index && s.kind === 'inline');
    elements.push({
      tag: el.tag, parent: remap.get(el.parent) ?? -1, attrs: Object.entries(el.attrs),
      ...(el.text && !runsAsCode ? { text: el.text } : {}),
    });
  }
  const scripts: SmokeScript[] = [];
  for (const s of doc.scripts) {
    const element = remap.get(s.element);
    if (element === undefined) continue;
    if (s.kind === 'inline') scripts.push({ code: s.code, line: s.line, column: s.column, module: s.module });
    if (s.kind === 'external' && s.src !== undefined && isEnginePath(s.src)) {
      scripts.push({ code: '', line: s.line, column: s.column, module: s.module, engine: true });
    }
    if (s.kind === 'handler' && s.attr) {
      scripts.push({
        code: s.code.slice(HANDLER_PREFIX.length, s.code.length - HANDLER_SUFFIX.length),
        line: s.line, column: s.column, module: false, handler: { element, attr: s.attr.toLowerCase() },
      });
    }
  }
  // Module scripts are deferred: they run after the classic ones, in order.
  return { elements, scripts: [...scripts.filter((s) => !s.module), ...scripts.filter((s) => s.module)] };
}

export function createScanner(opts: ScannerOptions = {}): Scanner {
  const limits = {
    poolSize: opts.poolSize ?? SCANNER_DEFAULTS.poolSize,
    memoryLimitMb: opts.memoryLimitMb ?? SCANNER_DEFAULTS.memoryLimitMb,
    cpuTimeoutMs: opts.cpuTimeoutMs ?? SCANNER_DEFAULTS.cpuTimeoutMs,
    wallTimeoutMs: opts.wallTimeoutMs ?? SCANNER_DEFAULTS.wallTimeoutMs,
  };
  const pool = createSmokePool(limits);

  return {
    async scanGame(html, scanOpts = {}) {
      const started = performance.now();
      const doc = readGame(html); // markup only: scripts are parsed lazily, after the job is sent
      const skip = scanOpts.smoke === false;
      // Start the smoke run first: the child works while this process runs the static rules.
      const smokeRun: Promise<SmokeOutcome> | undefined = skip
        ? undefined
        : pool.run({
          ...smokeInput(doc), frames: scanOpts.frames ?? SCANNER_DEFAULTS.frames,
          lateUntilMs: scanOpts.lateUntilMs ?? SCANNER_DEFAULTS.lateUntilMs,
          ...(scanOpts.controls ? { controls: scanOpts.controls } : {}),
        });
      const structure = analyzeStructure(doc);
      const statics = analyzeStatic(html);
      const findings = [...statics.findings];
      let smoke: SmokeSummary = { status: 'skipped', frames: 0, errors: [], ms: 0 };
      if (smokeRun) {
        const outcome = await smokeRun;
        smoke = summarize(outcome);
        findings.push(...smokeFindings(outcome, limits, structure.loop === 'raf'));
      }
      const all = dedupeFindings(findings);
      return {
        verdict: verdictOf(all),
        security_score: securityScore(all),
        findings: all,
        smoke,
        browser_compatibility: browserCompatibility(statics.apis),
        duration_ms: Math.round(performance.now() - started),
      };
    },
    close: () => pool.close(),
  };
}
