// A small pool of smoke child processes, reused across scans. The isolate limits (memory,
// CPU) are enforced inside each child; this side adds the last line of defence: a wall-clock
// watchdog that kills a child that does not answer in time, and a respawn on the next job
// whenever a child has died. Idle children do not keep the parent's event loop alive.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SmokeJob, SmokeOutcome, SmokeReply } from './protocol.ts';

export interface SmokePoolOptions {
  poolSize: number;
  memoryLimitMb: number;
  cpuTimeoutMs: number;
  wallTimeoutMs: number;
}

export interface SmokePool {
  run(job: Omit<SmokeJob, 'id' | 'memoryLimitMb' | 'cpuTimeoutMs' | 'wallTimeoutMs'>): Promise<SmokeOutcome>;
  close(): Promise<void>;
  /** Child processes started so far (respawns included), for tests and diagnostics. */
  spawned(): number;
}

interface Pending {
  job: SmokeJob;
  resolve(o: SmokeOutcome): void;
  reject(e: Error): void;
  timer?: NodeJS.Timeout;
  startedAt?: number;
}
interface Slot { child: ChildProcess | null; job?: Pending; stderr: string; killedByWatchdog: boolean; ready: boolean }

const CHILD = fileURLToPath(new URL('./child.main.ts', import.meta.url));
/** The child's own watchdog fires at wallTimeoutMs; the parent waits this much longer. */
const GRACE_MS = 1000;
/** A new child must load isolated-vm and build its snapshot within this time. */
const STARTUP_MS = 20_000;

function failed(
  status: SmokeOutcome['status'], detail: string, ms: number, timeoutKind?: SmokeOutcome['timeoutKind'],
): SmokeOutcome {
  return {
    status, timeoutKind, detail, frames: 0, rafUsed: false, draws: 0, errors: [], consoleErrors: [], flood: '', ms,
  };
}

export function createSmokePool(opts: SmokePoolOptions): SmokePool {
  const slots: Slot[] = Array.from({ length: Math.max(1, opts.poolSize) }, () => ({
    child: null, stderr: '', killedByWatchdog: false, ready: false,
  }));
  const queue: Pending[] = [];
  let nextId = 1;
  let spawned = 0;
  let closed = false;

  const setRef = (slot: Slot, on: boolean): void => {
    const c = slot.child;
    if (!c) return;
    if (on) { c.ref(); c.channel?.ref(); } else { c.unref(); c.channel?.unref(); }
  };

  const finish = (slot: Slot, outcome: SmokeOutcome): void => {
    const pending = slot.job;
    if (!pending) return;
    clearTimeout(pending.timer);
    slot.job = undefined;
    setRef(slot, false);
    pending.resolve(outcome);
    pump();
  };

  const spawnChild = (slot: Slot): ChildProcess => {
    const child = fork(CHILD, [String(opts.memoryLimitMb)], {
      // --max-opt=1: no optimizing compiler (baseline code only). Each game gets a fresh isolate
      // that lives a few ms, so optimizing its hot functions never paid back: per smoke run,
      // CPU 14.5 -> 12.5 ms for a small canvas game, 178 -> 151 ms for a Phaser one.
      execArgv: ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', '--max-opt=1'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    spawned++;
    slot.stderr = '';
    slot.killedByWatchdog = false;
    slot.ready = false;
    child.stderr?.on('data', (chunk: Buffer) => { slot.stderr = (slot.stderr + chunk.toString()).slice(-2000); });
    child.on('message', (msg: SmokeReply | { ready: true }) => {
      if (slot.child !== child) return;
      if ('ready' in msg) {
        slot.ready = true;
        if (slot.job) armWatchdog(slot, child, opts.wallTimeoutMs + GRACE_MS);
      } else if (slot.job && msg.id === slot.job.job.id) {
        finish(slot, msg.outcome);
      }
    });
    child.on('exit', (code, signal) => {
      if (slot.child !== child) return;
      slot.child = null;
      const started = slot.job?.startedAt ?? Date.now();
      if (slot.killedByWatchdog && !slot.ready) {
        finish(slot, failed('error', `the smoke process did not start within ${STARTUP_MS} ms`, Date.now() - started));
      } else if (slot.killedByWatchdog) {
        finish(slot, failed('timeout',
          `no answer within ${opts.wallTimeoutMs + GRACE_MS} ms: the smoke process was killed`,
          opts.wallTimeoutMs + GRACE_MS, 'wall'));
      } else {
        finish(slot, failed('error',
          `the smoke process exited (${signal ?? `code ${code}`}) ${slot.stderr.trim().split('\n').pop() ?? ''}`.trim(),
          Date.now() - started));
      }
    });
    child.on('error', () => { /* reported through 'exit' */ });
    slot.child = child;
    return child;
  };

  const armWatchdog = (slot: Slot, child: ChildProcess, ms: number): void => {
    const pending = slot.job;
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.startedAt = Date.now();
    pending.timer = setTimeout(() => {
      slot.killedByWatchdog = true;
      child.kill('SIGKILL');
    }, ms);
  };

  const start = (slot: Slot, pending: Pending): void => {
    const child = slot.child && slot.child.exitCode === null && !slot.child.killed ? slot.child : spawnChild(slot);
    slot.job = pending;
    setRef(slot, true);
    // The job's clock starts once the child is ready; until then only a start-up limit applies.
    armWatchdog(slot, child, slot.ready ? opts.wallTimeoutMs + GRACE_MS : STARTUP_MS);
    child.send(pending.job);
  };

  function pump(): void {
    for (const slot of slots) {
      if (closed || queue.length === 0) return;
      if (!slot.job) start(slot, queue.shift()!);
    }
  }

  return {
    run(job) {
      if (closed) return Promise.reject(new Error('the scanner is closed'));
      return new Promise<SmokeOutcome>((resolve, reject) => {
        queue.push({
          job: {
            ...job, id: nextId++,
            memoryLimitMb: opts.memoryLimitMb, cpuTimeoutMs: opts.cpuTimeoutMs, wallTimeoutMs: opts.wallTimeoutMs,
          },
          resolve, reject,
        });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error('the scanner was closed'));
      await Promise.all(slots.map(async (slot) => {
        const child = slot.child;
        if (!child) return;
        const exited = new Promise<void>((resolve) => { child.once('exit', () => resolve()); });
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 1000);
        await exited;
        clearTimeout(force);
      }));
    },
    spawned: () => spawned,
  };
}
