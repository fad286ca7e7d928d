// The static scan runs in a small pool of worker threads, never on the caller's event loop:
// the game is hostile input, and a pattern or a loop that escapes the scan budget (budget.ts)
// would otherwise stall every activity and heartbeat of the process. Each job has a wall-clock
// watchdog; past it (or when the thread dies, e.g. out of memory) the thread is terminated, a
// new one is started for the next job, and the scan ends with what a stopped scan reports:
// `scan.budget_exceeded` (review). Threads rather than processes: a round trip costs a third
// of an IPC one, and a replacement thread starts in a fraction of a second where a smoke child
// must rebuild its isolate snapshot. Idle threads do not keep the process alive.
import { Worker } from 'node:worker_threads';
import { budgetFinding } from '../budget.ts';
import type { StaticJob, StaticReply } from './protocol.ts';
import type { ValidationReport } from '../../validate/index.ts';
import type { Finding } from '../../vocabulary.ts';

export interface StaticPoolOptions {
  size: number;
  /** Wall-clock limit of one job once a thread has it (the scan's own budget is 500 ms). */
  wallMs: number;
  /** Heap limit of a thread. */
  memoryMb: number;
}

export interface StaticResult { findings: Finding[]; apis: Set<string>; expectLoop: boolean; stopped?: string }

export interface StaticRun {
  /** The validation asked for, first of all; undefined when not asked for or stopped first. */
  validation: Promise<ValidationReport | undefined>;
  /** The smoke run's input as JSON text (smoke/input.ts), as soon as the document is read;
   *  undefined if the scan stopped first. */
  doc: Promise<string | undefined>;
  result: Promise<StaticResult>;
}

export interface StaticPool {
  /** With `validate`, an invalid document is not scanned (its result has no findings). */
  run(html: string, opts?: { validate?: { maxBytes: number } }): StaticRun;
  close(): Promise<void>;
  /** Threads started so far (replacements included). */
  spawned(): number;
}

interface Job {
  id: number;
  html: string;
  validate?: { maxBytes: number };
  validated(v: ValidationReport | undefined): void;
  doc(d: string | undefined): void;
  done(r: StaticResult): void;
  fail(e: Error): void;
  timer?: NodeJS.Timeout;
}
interface Slot { worker: Worker | null; ready: boolean; job?: Job }

const WORKER = new URL('./worker.main.ts', import.meta.url);
/** A new thread must load the scanner's modules within this time. */
const STARTUP_MS = 20_000;

function stoppedResult(why: string): StaticResult {
  return { findings: [budgetFinding(why)], apis: new Set(), expectLoop: false, stopped: why };
}

export function createStaticPool(opts: StaticPoolOptions): StaticPool {
  const slots: Slot[] = Array.from({ length: Math.max(1, opts.size) }, () => ({ worker: null, ready: false }));
  const queue: Job[] = [];
  let nextId = 1;
  let spawned = 0;
  let closed = false;

  const settle = (slot: Slot, finish: (job: Job) => void): void => {
    const job = slot.job;
    if (!job) return;
    clearTimeout(job.timer);
    slot.job = undefined;
    slot.worker?.unref();
    finish(job);
    // Whatever the thread did not send by the end (each settles once; later calls do nothing).
    job.validated(undefined);
    job.doc(undefined);
    pump();
  };

  /** The thread is stuck or dead: drop it and end its job as a stopped scan. */
  const stop = (slot: Slot, why: string): void => {
    const worker = slot.worker;
    slot.worker = null;
    slot.ready = false;
    if (worker) void worker.terminate();
    settle(slot, (job) => { job.doc(undefined); job.done(stoppedResult(why)); });
  };

  const arm = (slot: Slot, ms: number, why: string): void => {
    const job = slot.job;
    if (!job) return;
    clearTimeout(job.timer);
    job.timer = setTimeout(() => stop(slot, why), ms);
  };

  const spawn = (slot: Slot): Worker => {
    const worker = new Worker(WORKER, {
      resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb },
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    spawned++;
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (msg: StaticReply) => {
      if (slot.worker !== worker) return;
      if ('ready' in msg) {
        slot.ready = true;
        if (slot.job) arm(slot, opts.wallMs, `wall clock, ${opts.wallMs} ms`);
        return;
      }
      const job = slot.job;
      if (!job || msg.id !== job.id) return;
      if (msg.kind === 'validated') job.validated(msg.report);
      else if (msg.kind === 'doc') job.doc(msg.smokeJson);
      else if (msg.kind === 'done') {
        settle(slot, (j) => j.done({ findings: msg.findings, apis: new Set(msg.apis), expectLoop: msg.expectLoop }));
      } else settle(slot, (j) => { j.doc(undefined); j.fail(new Error(`static scan failed: ${msg.message}`)); });
    });
    worker.on('error', (e: unknown) => {
      if (slot.worker !== worker) return;
      const message = e instanceof Error ? e.message : String(e);
      stop(slot, /memory/i.test(message) ? 'memory' : `the scan thread failed (${message.slice(0, 120)})`);
    });
    worker.on('exit', () => {
      if (slot.worker === worker) stop(slot, 'the scan thread exited');
    });
    return worker;
  };

  const start = (slot: Slot, job: Job): void => {
    const worker = slot.worker ?? spawn(slot);
    slot.job = job;
    worker.ref();
    // The job's clock starts once the thread is ready; until then only a start-up limit applies.
    if (slot.ready) arm(slot, opts.wallMs, `wall clock, ${opts.wallMs} ms`);
    else arm(slot, STARTUP_MS, 'the scan thread did not start');
    const message: StaticJob = { id: job.id, html: job.html, ...(job.validate ? { validate: job.validate } : {}) };
    worker.postMessage(message);
  };

  function pump(): void {
    for (const slot of slots) {
      if (closed || queue.length === 0) return;
      if (!slot.job) start(slot, queue.shift()!);
    }
  }

  return {
    run(html, runOpts = {}) {
      let doc!: (d: string | undefined) => void;
      let validated!: (v: ValidationReport | undefined) => void;
      const docPromise = new Promise<string | undefined>((resolve) => { doc = resolve; });
      const validation = new Promise<ValidationReport | undefined>((resolve) => { validated = resolve; });
      const result = new Promise<StaticResult>((done, fail) => {
        if (closed) { doc(undefined); validated(undefined); fail(new Error('the scanner is closed')); return; }
        queue.push({ id: nextId++, html, validate: runOpts.validate, validated, doc, done, fail });
        pump();
      });
      return { validation, doc: docPromise, result };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) {
        job.doc(undefined);
        job.validated(undefined);
        job.fail(new Error('the scanner was closed'));
      }
      await Promise.all(slots.map(async (slot) => {
        const worker = slot.worker;
        slot.worker = null;
        if (slot.job) settle(slot, (job) => { job.doc(undefined); job.fail(new Error('the scanner was closed')); });
        if (worker) await worker.terminate();
      }));
    },
    spawned: () => spawned,
  };
}
