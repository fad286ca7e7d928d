// The smoke-run child process: runs one game at a time in a fresh isolated-vm isolate with a
// memory cap and a CPU budget, against the DOM/canvas shim in ./shim (plain JS that lives
// entirely inside the isolate). Nothing from this process is handed to the game: setup data
// goes in as JSON source text, results come out as a JSON string. The next isolate is
// prepared while the process is idle, so a scan does not wait for isolate creation.
// Started by pool.ts with `node --no-node-snapshot` (isolated-vm requires it).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ivm from 'isolated-vm';
import type { SmokeError, SmokeForbidden, SmokeJob, SmokeOutcome, SmokeReply } from './protocol.ts';

const SHIM_FILES = [
  'runtime.js', 'dom.js', 'attributes.js', 'elements.js', 'media.js', 'storage.js', 'player.js', 'guard.js',
  'window.js',
];
const SHIM_SOURCE = `globalThis.__pf_boot = (function () {\n'use strict';\n${
  SHIM_FILES.map((f) => readFileSync(new URL(`./shim/${f}`, import.meta.url), 'utf8')).join('\n')
}\nreturn install;\n})();\n`;
// Running a tiny game once while the snapshot is made leaves the shim's functions compiled
// in it, so each smoke run starts with a ready shim instead of compiling it again.
const WARMUP =
  `__pf_boot({ elements: [{ tag: 'html', parent: -1, attrs: [] }, { tag: 'body', parent: 0, attrs: [] }, ` +
    `{ tag: 'canvas', parent: 1, attrs: [['id', 'c']] }], api: '__warm' });\n` +
  `const c = document.getElementById('c').getContext('2d'); addEventListener('keydown', () => {}); ` +
    `document.querySelector('#c').addEventListener('pointerdown', () => {});\n` +
  `requestAnimationFrame(function f() { c.fillRect(0, 0, 1, 1); c.fillText('x', 0, 0); setTimeout(() => {}, 1); ` +
    `requestAnimationFrame(f); }); __warm.loaded(); void __warm.run(120, 10000);`;
const SNAPSHOT = ivm.Isolate.createSnapshot([{ code: SHIM_SOURCE, filename: 'playforge-shim.js' }], WARMUP);

// The vendored engine (what /play/vendor/phaser.min.js serves), read once; its compiled code is
// cached on first use so each engine game's isolate skips most of the compile.
const ENGINE_FILE = createRequire(import.meta.url).resolve('phaser/dist/phaser.min.js');
const ENGINE_SOURCE = readFileSync(ENGINE_FILE, 'utf8');
let engineCache: ivm.ExternalCopy<ArrayBuffer> | undefined;

function engineScript(isolate: ivm.Isolate): ivm.Script {
  const origin = { filename: 'phaser.min.js' };
  if (engineCache) return isolate.compileScriptSync(ENGINE_SOURCE, { ...origin, cachedData: engineCache });
  const script = isolate.compileScriptSync(ENGINE_SOURCE, { ...origin, produceCachedData: true }) as
    ivm.Script & ivm.CachedDataResult;
  engineCache = script.cachedData;
  return script;
}

/** What loading the engine may take on a loaded machine (it takes ~150 ms). */
const ENGINE_LOAD_MS = 3000;

interface Warm { isolate: ivm.Isolate; context: ivm.Context; memoryLimitMb: number }

let warm: Promise<Warm> | undefined;

async function prepare(memoryLimitMb: number): Promise<Warm> {
  const isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb, snapshot: SNAPSHOT });
  const context = await isolate.createContext();
  return { isolate, context, memoryLimitMb };
}

async function takeWarm(memoryLimitMb: number): Promise<Warm> {
  const pending = warm;
  warm = undefined;
  if (pending) {
    const w = await pending.catch(() => undefined);
    if (w && w.memoryLimitMb === memoryLimitMb && !w.isolate.isDisposed) return w;
    if (w && !w.isolate.isDisposed) w.isolate.dispose();
  }
  return prepare(memoryLimitMb);
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Errors come out of the isolate as copies (name, message, stack strings) or as primitives. */
function errorText(e: unknown): string {
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const err = e !== null && typeof e === 'object'
    ? (e as { name?: unknown; message?: unknown; stack?: unknown })
    : undefined;
  const at = /game\.html:(\d+):(\d+)/.exec(text(err?.stack));
  const base = err ? `${text(err.name) || 'Error'}: ${text(err.message)}` : `Uncaught ${String(e)}`;
  return (base + (at ? ` (line ${at[1]}:${at[2]})` : '')).slice(0, 400);
}

/** A forbidden call as the shim reported it, re-typed field by field (the shim is untrusted). */
function forbiddenCall(x: unknown): SmokeForbidden {
  const o = (x ?? {}) as Record<string, unknown>;
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { api: String(o.api).slice(0, 120), ms: n(o.ms), frame: n(o.frame), line: n(o.line), column: n(o.column) };
}

const isTimeout = (e: unknown): boolean => /Script execution timed out/.test(messageOf(e));
const isDisposed = (e: unknown): boolean => /Isolate (was|is) disposed|isolate is disposed/i.test(messageOf(e));

interface Progress { marked: number; loadedDone: boolean; frame: number; frameSyncDone: number }

function readProgress(context: ivm.Context, api: string): Progress | undefined {
  try {
    return JSON.parse(String(context.evalSync(`${api}.progress()`, { timeout: 100, copy: true }))) as Progress;
  } catch {
    return undefined;
  }
}

/** After a timeout: had the synchronous part of the step finished? Then the time went to an
 *  endless chain of microtasks (promise loop), otherwise to an endless loop. */
function timeoutKind(
  context: ivm.Context, api: string, phase: { step: string; index: number },
): 'cpu' | 'microtask' {
  const p = readProgress(context, api);
  if (!p) return 'cpu';
  const syncDone = phase.step === 'script' ? p.marked === phase.index
    : phase.step === 'loaded' ? p.loadedDone
    : phase.step === 'run' ? p.frameSyncDone === p.frame
    : false;
  return syncDone ? 'microtask' : 'cpu';
}

async function runJob(job: SmokeJob): Promise<SmokeOutcome> {
  const started = performance.now();
  const outcome: SmokeOutcome = {
    status: 'ok', frames: 0, rafUsed: false, draws: 0, errors: [], consoleErrors: [], flood: '', ms: 0,
  };
  const { isolate, context } = await takeWarm(job.memoryLimitMb);
  let wallExpired = false;
  // Wall-clock watchdog inside the child; the parent keeps its own, which kills this process.
  const watchdog = setTimeout(() => {
    wallExpired = true;
    if (!isolate.isDisposed) isolate.dispose();
  }, job.wallTimeoutMs);
  let deadline = started + job.cpuTimeoutMs;
  const budget = (): number => Math.max(1, Math.round(deadline - performance.now()));
  const api = `__pf_${randomBytes(6).toString('hex')}`;
  const loadErrors: SmokeError[] = [];
  let phase: { step: 'boot' | 'script' | 'loaded' | 'run'; index: number } = { step: 'boot', index: -1 };
  try {
    // Synchronous calls until the frame loop: each async call costs a thread hop, and the
    // isolate's timeout still applies (the parent's watchdog covers anything beyond it).
    const { elements, scripts } = job.documentJson
      ? JSON.parse(job.documentJson) as Pick<SmokeJob, 'elements' | 'scripts'>
      : job;
    const setup = { elements, api, controls: job.controls ?? null };
    context.evalSync(`__pf_boot(${JSON.stringify(setup)}); delete globalThis.__pf_boot;`, {
      timeout: budget(),
    });
    for (const [index, s] of scripts.entries()) {
      phase = { step: 'script', index };
      // The mark after the code (on its own line, so a trailing // comment cannot swallow it)
      // records that the script's synchronous part finished.
      const source = s.handler
        ? `${api}.handler(${s.handler.element}, ${JSON.stringify(s.handler.attr)}, ` +
          `function (event) {\n${s.code}\n});${api}.mark(${index});`
        : `${s.code}\n;${api}.mark(${index});`;
      const origin = {
        filename: 'game.html', lineOffset: s.line - (s.handler ? 2 : 1), columnOffset: s.handler ? 0 : s.column - 1,
      };
      try {
        if (s.engine) {
          // The engine is trusted code: the time it takes to set itself up is not the game's.
          const engineStarted = performance.now();
          engineScript(isolate).runSync(context, { timeout: ENGINE_LOAD_MS, release: true });
          context.evalSync(`${api}.mark(${index})`, { timeout: budget() });
          deadline += performance.now() - engineStarted;
        } else if (s.module) {
          const mod = isolate.compileModuleSync(source, origin);
          mod.instantiateSync(context, () => { throw new Error('import is not allowed in a game'); });
          mod.evaluateSync({ timeout: budget() });
        } else {
          isolate.compileScriptSync(source, origin).runSync(context, { timeout: budget(), release: true });
        }
      } catch (e) {
        if (isTimeout(e) || isDisposed(e)) throw e;
        // Past the mark, the error is an unhandled promise rejection: in a browser that is a
        // console error, not a script that stopped loading.
        const settled = readProgress(context, api)?.marked === index;
        loadErrors.push({ phase: settled ? 'promise' : 'load', text: errorText(e), count: 1, frame: -1 });
      }
    }
    phase = { step: 'loaded', index: -1 };
    try {
      context.evalSync(`${api}.loaded()`, { timeout: budget() });
    } catch (e) {
      if (isTimeout(e) || isDisposed(e)) throw e;
      loadErrors.push({ phase: 'promise', text: errorText(e), count: 1, frame: -1 });
    }
    phase = { step: 'run', index: -1 };
    try {
      // The frames never wait on anything but resolved promises, so the loop completes within
      // this call; a rejection here is an unhandled one from the game, reported afterwards.
      const late = Math.max(0, Math.floor(job.lateUntilMs));
      const frames = Math.max(0, Math.floor(job.frames));
      await context.eval(`${api}.run(${frames}, ${late})`, { timeout: budget(), promise: true });
    } catch (e) {
      if (isTimeout(e) || isDisposed(e)) throw e;
      loadErrors.push({
        phase: 'promise', text: errorText(e), count: 1, frame: readProgress(context, api)?.frame ?? -1,
      });
    }
    const json = context.evalSync(`${api}.report()`, { timeout: 200, copy: true }) as unknown;
    const report = JSON.parse(typeof json === 'string' ? json : '{}') as Partial<SmokeOutcome>;
    outcome.frames = Number(report.frames) || 0;
    outcome.rafUsed = report.rafUsed === true;
    outcome.draws = Number(report.draws) || 0;
    outcome.errors = Array.isArray(report.errors) ? report.errors.slice(0, 20) : [];
    outcome.consoleErrors = Array.isArray(report.consoleErrors) ? report.consoleErrors.slice(0, 10).map(String) : [];
    outcome.flood = typeof report.flood === 'string' ? report.flood : '';
    outcome.forbidden = Array.isArray(report.forbidden) ? report.forbidden.slice(0, 12).map(forbiddenCall) : [];
  } catch (e) {
    if (wallExpired) {
      outcome.status = 'timeout';
      outcome.timeoutKind = 'wall';
    } else if (/memory limit/i.test(messageOf(e)) || (isDisposed(e) && !wallExpired)) {
      outcome.status = 'memory';
    } else if (isTimeout(e)) {
      outcome.status = 'timeout';
      outcome.timeoutKind = timeoutKind(context, api, phase);
    } else {
      outcome.status = 'error';
      outcome.detail = messageOf(e).slice(0, 300);
    }
  } finally {
    clearTimeout(watchdog);
    if (!isolate.isDisposed) isolate.dispose();
  }
  outcome.errors = [...loadErrors, ...outcome.errors];
  outcome.ms = Math.round(performance.now() - started);
  return outcome;
}

process.on('message', (message: SmokeJob) => {
  if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return;
  void runJob(message).then(
    (outcome) => outcome,
    (e: unknown): SmokeOutcome => ({
      status: 'error', detail: messageOf(e), frames: 0, rafUsed: false, draws: 0, errors: [], consoleErrors: [],
      flood: '', ms: 0,
    }),
  ).then((outcome) => {
    const reply: SmokeReply = { id: message.id, outcome };
    process.send?.(reply);
    warm = prepare(message.memoryLimitMb);
    warm.catch(() => { warm = undefined; });
  });
});
// The parent went away (or closed the pool): nothing left to do.
process.on('disconnect', () => process.exit(0));
// Warm the first isolate now, with the pool's memory limit (argv), before any job arrives.
const initialLimit = Number(process.argv[2]);
if (initialLimit > 0) {
  warm = prepare(initialLimit);
  warm.catch(() => { warm = undefined; });
}
// Compile the engine once now, so no engine game pays for it.
{
  const isolate = new ivm.Isolate({ memoryLimit: 64 });
  try { engineScript(isolate).release(); } finally { isolate.dispose(); }
}
// Start-up (loading isolated-vm, making the snapshot, the engine's code cache) is over: job
// clocks may start now.
process.send?.({ ready: true });
