// npm run scan -- <file.html|dir>... [--json] [--no-smoke] [--frames N] [--pool N]
// validate + scan of games, the same code path as the pipeline's activities (validateGame +
// createScanner().scanGame), one scanner pool for the whole run however many files.
// Exit code: 0 all pass, 1 some review, 2 some block, 3 error (bad arguments, unreadable file).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { assessGame, type Assessment } from '../game/scan/assess.ts';
import { createScanner } from '../game/scan/index.ts';

const USAGE = 'usage: npm run scan -- <file.html|dir>... [--json] [--no-smoke] [--frames N] [--pool N]';

interface Options { paths: string[]; json: boolean; smoke: boolean; frames?: number; pool?: number }

function parseArgs(argv: string[]): Options {
  const opts: Options = { paths: [], json: false, smoke: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const number = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0 || v > 100_000) throw new Error(`${a} needs a whole number`);
      return v;
    };
    if (a === '--json') opts.json = true;
    else if (a === '--no-smoke') opts.smoke = false;
    else if (a === '--frames') opts.frames = number();
    else if (a === '--pool') opts.pool = Math.max(1, number());
    else if (a === '--help' || a === '-h') throw new Error(USAGE);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else opts.paths.push(a);
  }
  if (!opts.paths.length) throw new Error(USAGE);
  return opts;
}

/** Files to scan: the files given, and every .html/.htm under the directories given. */
function collect(paths: string[], base: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(base, p);
    if (statSync(abs).isDirectory()) {
      const found = readdirSync(abs, { recursive: true, encoding: 'utf8' }).filter((f) => /\.html?$/i.test(f)).sort();
      out.push(...found.map((f) => resolve(abs, f)));
    } else {
      out.push(abs);
    }
  }
  return out;
}

type Row = { file: string; result: Assessment } | { file: string; error: string };

function jsonLine(row: Row): string {
  if ('error' in row) return JSON.stringify({ file: row.file, error: row.error });
  const r = row.result;
  return JSON.stringify({
    file: row.file, verdict: r.verdict, security_score: r.security_score, code_quality: r.code_quality,
    findings: r.findings.map((f) => ({
      rule: f.rule, severity: f.severity, message: f.message, line: f.line ?? null, column: f.column ?? null,
    })),
  });
}

function tableLines(row: Row): string[] {
  if ('error' in row) return [`ERROR   ${row.file}: ${row.error}`];
  const r = row.result;
  const scores = `sec ${String(r.security_score).padStart(3)}  qual ${String(r.code_quality).padStart(3)}`;
  const head = `${r.verdict.toUpperCase().padEnd(7)} ${scores}  ${row.file}`;
  const details = r.findings.map((f) => {
    const at = `${f.line ?? '-'}:${f.column ?? '-'}`.padEnd(9);
    return `    ${at} ${f.severity.padEnd(6)} ${f.rule.padEnd(34)} ${f.message}`;
  });
  return [head, ...details];
}

async function main(): Promise<number> {
  let opts: Options;
  let files: string[];
  // npm runs scripts from the package root; paths on the command line are the caller's.
  const base = process.env.INIT_CWD ?? process.cwd();
  try {
    opts = parseArgs(process.argv.slice(2));
    files = collect(opts.paths, base);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 3;
  }
  if (!files.length) {
    process.stderr.write('no .html files found\n');
    return 3;
  }
  const scanner = createScanner(opts.pool ? { poolSize: opts.pool } : {});
  const counts = { pass: 0, review: 0, block: 0, error: 0 };
  const started = Date.now();
  const scanOne = async (abs: string): Promise<Row> => {
    const file = relative(base, abs) || abs;
    try {
      const result = await assessGame(readFileSync(abs, 'utf8'), scanner, { smoke: opts.smoke, frames: opts.frames });
      return { file, result };
    } catch (e) {
      return { file, error: (e as Error).message };
    }
  };
  try {
    // Keep the pool busy (a few files in flight) but print in input order.
    const inFlight: Promise<Row>[] = [];
    const window = Math.max(2, (opts.pool ?? 2) * 2);
    let next = 0;
    while (next < files.length && inFlight.length < window) inFlight.push(scanOne(files[next++]!));
    while (inFlight.length) {
      const row = await inFlight.shift()!;
      if (next < files.length) inFlight.push(scanOne(files[next++]!));
      if ('error' in row) counts.error++; else counts[row.result.verdict]++;
      process.stdout.write(`${opts.json ? jsonLine(row) : tableLines(row).join('\n')}\n`);
    }
  } finally {
    await scanner.close();
  }
  if (!opts.json) {
    const tally = `${counts.pass} pass, ${counts.review} review, ${counts.block} block, ${counts.error} error`;
    process.stdout.write(`\n${files.length} file(s) in ${Date.now() - started} ms: ${tally}\n`);
  }
  return counts.error ? 3 : counts.block ? 2 : counts.review ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`scan failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 3;
});
