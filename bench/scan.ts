// npm run bench -- scan [--runs N]
// 1. Latency of static + smoke scan (scanGame) of a ~20 KB game (the largest template):
//    p50/p95 over N runs after a warm-up, each run on a distinct string (a trailing comment)
//    so no parse cache helps; the smoke run alone, with and without its late phase; the
//    static scan in this process and through its worker thread.
// 2. The hostile + benign corpus through ESLint with eslint-plugin-security (programmatic
//    API, on the scripts extracted from each page) against our static scan: time ratio,
//    recall on the hostile files, false positives on the benign ones.
// 3. The worst of the seeded pathological pages (bench/stall.ts): ms and MB, target ≤ 1 s.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { assessGame } from '../game/scan/assess.ts';
import { createScanner, staticScan } from '../game/scan/index.ts';
import { readGame } from '../game/validate/document.ts';
import { validateGame } from '../game/validate/index.ts';
import { intArg, percentile } from './measure.ts';
import { benchStall } from './stall.ts';
import { loadManifest } from './corpus.ts';
import { buildRealGame, loadRealGames } from './realGames.ts';

const root = join(import.meta.dirname, '..');
const corpusDir = join(root, 'tests/fixtures/games');
const security = createRequire(import.meta.url)('eslint-plugin-security') as {
  configs: { recommended: Linter.Config };
};

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;
function stats(samples: number[]): { p50: number; p95: number; mean: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    min: round(s[0] ?? 0), max: round(s[s.length - 1] ?? 0),
  };
}

async function time(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

interface CorpusFile { name: string; html: string; hostile: boolean; cls: string }

function corpus(): CorpusFile[] {
  const files = [...loadManifest(corpusDir).keys()].map((name) => ({
    name, html: readFileSync(join(corpusDir, name), 'utf8'), hostile: name.startsWith('hostile/'),
    cls: name.split('/')[1] ?? '',
  }));
  const templates = readdirSync(join(root, 'templates')).sort().map((id) => ({
    name: `templates/${id}`, html: readFileSync(join(root, 'templates', id, 'game.html'), 'utf8'), hostile: false,
    cls: 'template',
  }));
  // Real published games (npm devDependencies) count as benign: a finding on them is a false
  // positive on code people actually write.
  const real = loadRealGames().games.map((g) => ({
    name: `real/${g.package}@${g.version}`, html: buildRealGame(g), hostile: false, cls: 'real',
  }));
  return [...templates, ...files, ...real];
}

/** The code ESLint gets for a page: every script the page can run, as separate files (on*
 *  handlers inside the same `function (event) {…}` wrapper we parse them with). */
function scriptsOf(html: string): { code: string; module: boolean }[] {
  return readGame(html).scripts.filter((s) => s.src === undefined).map((s) => ({ code: s.code, module: s.module }));
}

interface EslintPass {
  ms: number;
  lintMs: number;
  flagged: Set<string>;
  parseErrors: number;
  rules: Record<string, number>;
}

/** ESLint cannot read HTML: the scripts are extracted first (timed as `ms - lintMs`). */
async function eslintPass(eslint: ESLint, files: CorpusFile[], salt: string): Promise<EslintPass> {
  const flagged = new Set<string>();
  const rules: Record<string, number> = {};
  let parseErrors = 0;
  const started = performance.now();
  const extracted = files.map((f) => ({ f, scripts: scriptsOf(`${f.html}<!-- ${salt} -->`) }));
  const lintStarted = performance.now();
  for (const { f, scripts } of extracted) {
    for (const [i, s] of scripts.entries()) {
      const filePath = join(root, 'bench-corpus', `${f.name}.${i}.${s.module ? 'mjs' : 'js'}`);
      const [result] = await eslint.lintText(s.code, { filePath });
      for (const m of result?.messages ?? []) {
        if (m.fatal) { parseErrors++; continue; }
        if (!m.ruleId?.startsWith('security/')) continue;
        flagged.add(f.name);
        rules[m.ruleId] = (rules[m.ruleId] ?? 0) + 1;
      }
    }
  }
  const now = performance.now();
  return { ms: now - started, lintMs: now - lintStarted, flagged, parseErrors, rules };
}

function oursPass(files: CorpusFile[], salt: string): { ms: number; flagged: Set<string> } {
  const flagged = new Set<string>();
  const started = performance.now();
  for (const f of files) {
    const { findings } = staticScan(`${f.html}<!-- ${salt} -->`);
    if (findings.some((x) => x.severity !== 'info')) flagged.add(f.name);
  }
  return { ms: performance.now() - started, flagged };
}

function quality(files: CorpusFile[], flagged: Set<string>): Record<string, unknown> & { recall: number } {
  const hostile = files.filter((f) => f.hostile);
  const benign = files.filter((f) => !f.hostile);
  const byClass: Record<string, string> = {};
  for (const cls of [...new Set(hostile.map((f) => f.cls))].sort()) {
    const inClass = hostile.filter((f) => f.cls === cls);
    byClass[cls] = `${inClass.filter((f) => flagged.has(f.name)).length}/${inClass.length}`;
  }
  const detected = hostile.filter((f) => flagged.has(f.name)).length;
  const missed = hostile.filter((f) => !flagged.has(f.name)).map((f) => f.name);
  return {
    recall: round(detected / hostile.length, 3), detected, hostile: hostile.length,
    false_positives: benign.filter((f) => flagged.has(f.name)).length, benign: benign.length,
    by_class: byClass, missed: missed.length <= 15 ? missed : `${missed.length} files`,
  };
}

export async function benchScan(args: string[]): Promise<Record<string, unknown>> {
  const runs = intArg(args, 'runs', 200);
  const warmup = 20;
  // The largest template (~20 KB), the size of a typical generated game.
  const gameFile = readdirSync(join(root, 'templates')).map((id) => `templates/${id}/game.html`)
    .sort((a, b) => statSync(join(root, b)).size - statSync(join(root, a)).size || (a < b ? -1 : 1))[0]!;
  const game = readFileSync(join(root, gameFile), 'utf8');
  const scanner = createScanner();
  const full: number[] = [];
  const smokeMs: number[] = [];
  const earlyOnly: number[] = [];
  const offLoopStatic: number[] = [];
  const statics: number[] = [];
  const validates: number[] = [];
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const html = `${game}<!-- run ${i} -->`;
      let report: Awaited<ReturnType<typeof scanner.scanGame>> | undefined;
      const ms = await time(async () => { report = await scanner.scanGame(html); });
      if (i >= warmup) { full.push(ms); smokeMs.push(report?.smoke.ms ?? 0); }
      // The smoke run as it was before the late phase (the first 2 s only), for comparison.
      const early = await scanner.scanGame(`${html}<!-- early -->`, { lateUntilMs: 0 });
      // The static scan alone, through its worker thread (what scanGame pays for it).
      const threaded = await time(() => scanner.scanGame(`${html}<!-- static -->`, { smoke: false }));
      if (i >= warmup) { earlyOnly.push(early.smoke.ms); offLoopStatic.push(threaded); }
    }
    for (let i = 0; i < warmup + runs; i++) {
      const a = await time(() => staticScan(`${game}<!-- static ${i} -->`));
      const b = await time(() => validateGame(`${game}<!-- validate ${i} -->`));
      if (i >= warmup) { statics.push(a); validates.push(b); }
    }

    const files = corpus();
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { ...security.configs.recommended, files: ['**/*.js', '**/*.mjs'] },
        { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'script' } },
        { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
      ],
    });
    // Whole-corpus passes: one warm-up each, then the median of five timed passes.
    await eslintPass(eslint, files, 'warm-up');
    oursPass(files, 'warm-up');
    const theirsPasses: EslintPass[] = [];
    const oursPasses: ReturnType<typeof oursPass>[] = [];
    for (let i = 0; i < 5; i++) {
      theirsPasses.push(await eslintPass(eslint, files, `timed ${i}`));
      oursPasses.push(oursPass(files, `timed ${i}`));
    }
    const median = <T extends { ms: number }>(xs: T[]): T =>
      [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)]!;
    const theirs = median(theirsPasses);
    const ours = median(oursPasses);
    // The whole pipeline check (validate + static + smoke run) on the same corpus, for recall.
    const overall = new Set<string>();
    const overallStarted = performance.now();
    for (const f of files) if ((await assessGame(f.html, scanner)).verdict !== 'pass') overall.add(f.name);
    const overallMs = performance.now() - overallStarted;

    const stall = benchStall([1, 2, 3, 4, 5]);
    const scanStats = stats(full);
    const speedup = round(theirs.ms / ours.ms, 1);
    const eslintQuality = quality(files, theirs.flagged);
    const oursQuality = quality(files, ours.flagged);
    return {
      game: { file: gameFile, bytes: Buffer.byteLength(game) },
      runs, warmup,
      // scanGame end to end: the static scan in its thread, then the smoke run to 90 s of game time.
      scan_ms: scanStats,
      smoke_run_ms: stats(smokeMs),
      smoke_run_first_2s_only_ms: stats(earlyOnly),
      // In this process (the library function) and through the thread pool (scanGame, no smoke).
      static_ms: stats(statics),
      static_off_loop_ms: stats(offLoopStatic),
      validate_ms: stats(validates),
      comparison: {
        corpus: { files: files.length, hostile: eslintQuality.hostile, benign: eslintQuality.benign },
        eslint_security: {
          ms_total: round(theirs.ms), ms_lint_only: round(theirs.lintMs), ms_per_file: round(theirs.ms / files.length),
          parse_errors: theirs.parseErrors, rules_fired: theirs.rules, ...eslintQuality,
          false_positive_files: files.filter((f) => !f.hostile && theirs.flagged.has(f.name)).map((f) => f.name),
        },
        ours_static: { ms_total: round(ours.ms), ms_per_file: round(ours.ms / files.length), ...oursQuality },
        ours_validate_scan_smoke: { ms_total: round(overallMs), ...quality(files, overall) },
        // End to end (ESLint timed with the script extraction it needs) and lint-only.
        speedup_vs_eslint: speedup,
        speedup_vs_eslint_lint_only: round(theirs.lintMs / ours.ms, 1),
      },
      stall_worst: stall,
      targets: {
        scan_p50_le_30ms: scanStats.p50 <= 30,
        stall_worst_le_1s: stall.target_le_1s,
        static_5x_faster_than_eslint: speedup >= 5,
        recall_at_least_eslint: oursQuality.recall >= eslintQuality.recall,
      },
    };
  } finally {
    await scanner.close();
  }
}
