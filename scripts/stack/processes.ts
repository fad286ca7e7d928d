// Child-process supervision for the local stack. Children run in their own process
// groups so that Ctrl-C reaches only the supervisor, which then stops them in reverse
// start order (API before worker before Temporal before the databases). Pid files let the
// next start clean up after a supervisor that was killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Signal that asks this program for a clean shutdown. */
  stopSignal?: NodeJS.Signals;
  /** Seconds to wait after stopSignal before SIGKILL. */
  stopTimeout?: number;
  /** Mirror output to the terminal (otherwise only to the log file). */
  echo?: boolean;
}

// Children see this and stop when the supervisor is gone (lib/process.ts).
const STACK_MARKER = 'PLAYFORGE_STACK_RUN_DIR';

interface Running {
  spec: ServiceSpec;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Stopped on purpose (stop()), so its exit is not reported as a crash. */
  expected?: boolean;
}

export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;
  readonly runDir: string;
  readonly logDir: string;

  private readonly log: (msg: string) => void;

  constructor(dataDir: string, log: (msg: string) => void) {
    this.log = log;
    this.runDir = join(dataDir, 'run');
    this.logDir = join(dataDir, 'logs');
    mkdirSync(this.runDir, { recursive: true });
    mkdirSync(this.logDir, { recursive: true });
  }

  /**
   * One supervisor per data folder: refuse to start while another live one owns it (its
   * children must not be mistaken for leftovers), otherwise claim it.
   */
  claim(): void {
    const lock = join(this.runDir, 'supervisor.pid');
    if (existsSync(lock)) {
      const [pidText = '', started = ''] = readFileSync(lock, 'utf8').trim().split(' ');
      const pid = Number(pidText);
      if (pid !== process.pid && started !== '' && startTime(pid) === started) {
        throw new Error(
          `another Playforge stack (pid ${pid}) is using ${this.runDir}; stop it first or wait for it to finish`,
        );
      }
    }
    writeFileSync(lock, `${process.pid} ${startTime(process.pid) ?? ''}`);
  }

  release(): void {
    const lock = join(this.runDir, 'supervisor.pid');
    try {
      if (Number(readFileSync(lock, 'utf8').split(' ')[0]) === process.pid) rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  }

  /** Kill leftovers of an earlier supervisor that died without stopping its children. */
  async reapStale(): Promise<void> {
    this.claim();
    // The app's nodes (api-2, worker-1, …) before the services they use.
    const order = ['api', 'worker', 'temporal', 'redis', 'postgres'];
    const rank = (name: string) => order.findIndex((o) => name === o || name.startsWith(`${o}-`));
    const names = readdirSync(this.runDir).filter((f) => f.endsWith('.pid') && f !== 'supervisor.pid')
      .map((f) => f.slice(0, -'.pid'.length)).filter((n) => rank(n) >= 0).sort((a, b) => rank(a) - rank(b));
    for (const name of names) {
      const pidFile = join(this.runDir, `${name}.pid`);
      const [pidText = '', started = ''] = readFileSync(pidFile, 'utf8').trim().split(' ');
      const pid = Number(pidText);
      rmSync(pidFile, { force: true });
      // Pids get reused: only a process with the recorded start time is ours.
      if (!Number.isInteger(pid) || pid <= 1 || started === '' || startTime(pid) !== started) continue;
      this.log(`stopping stale ${name} (pid ${pid}) left by an earlier run`);
      await killGroup(pid, 'SIGTERM', 10);
    }
  }

  start(spec: ServiceSpec): Running {
    const logFile = join(this.logDir, `${spec.name}.log`);
    // Opened before the spawn, not by the stream later: a log directory removed meanwhile (a
    // test's cleanup) cannot fail the open; the file is closed once the child's output ends.
    const out = createWriteStream('', { fd: openSync(logFile, 'a') });
    out.on('error', (err) => this.log(`${spec.name}'s log: ${err.message}`));
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...(spec.env ?? process.env), [STACK_MARKER]: this.runDir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        out.write(chunk);
        if (spec.echo) process.stdout.write(chunk);
      });
    }
    child.on('close', () => out.end());
    const exited = new Promise<number | null>((resolve) => {
      child.on('exit', (code, signal) => {
        rmSync(join(this.runDir, `${spec.name}.pid`), { force: true });
        if (!this.stopping && !running.expected) {
          this.log(`${spec.name} exited unexpectedly (code ${code ?? signal}); see ${logFile}`);
        }
        resolve(code);
      });
      child.on('error', (err) => {
        this.log(`${spec.name} failed to start: ${err.message}`);
        resolve(-1);
      });
    });
    if (child.pid !== undefined) {
      writeFileSync(join(this.runDir, `${spec.name}.pid`), `${child.pid} ${startTime(child.pid) ?? ''}`);
    }
    const running: Running = { spec, child, exited };
    this.running.push(running);
    return running;
  }

  /** Resolves with the name of the first service that exits on its own. */
  firstExit(): Promise<string> {
    return Promise.race(this.running.map((r) => r.exited.then(() => r.spec.name)));
  }

  isStopping(): boolean {
    return this.stopping;
  }

  /** The latest run of the service called `name` (a restarted one replaces its earlier run). */
  private latest(name: string): Running | undefined {
    return this.running.findLast((r) => r.spec.name === name);
  }

  /** Stops one service as stopAll would (SIGKILL for a crash); resolves once it has exited. */
  async stop(name: string, signal?: NodeJS.Signals): Promise<void> {
    const r = this.latest(name);
    if (!r || r.child.pid === undefined || r.child.exitCode !== null || r.child.signalCode !== null) return;
    const timeout = signal === 'SIGKILL' ? 5 : r.spec.stopTimeout ?? 15;
    const pid = r.child.pid;
    r.expected = true;
    try {
      process.kill(-pid, signal ?? r.spec.stopSignal ?? 'SIGTERM');
    } catch {
      return;
    }
    const done = await Promise.race([r.exited.then(() => true), sleep(timeout * 1000).then(() => false)]);
    if (!done) await killGroup(pid, 'SIGKILL', 5);
    await r.exited;
  }

  /** Starts a stopped service again with the spec it last ran with. */
  restart(name: string): Running {
    const old = this.latest(name);
    if (!old) throw new Error(`no service called ${name} was started`);
    const fresh = this.start(old.spec);
    // In the old run's place, so that stopAll keeps the reverse start order.
    this.running.pop();
    this.running.splice(this.running.indexOf(old), 1, fresh);
    return fresh;
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const r of [...this.running].reverse()) {
      if (r.child.exitCode !== null || r.child.signalCode !== null || r.child.pid === undefined) continue;
      const signal = r.spec.stopSignal ?? 'SIGTERM';
      try {
        process.kill(-r.child.pid, signal);
      } catch {
        continue;
      }
      const timeout = (r.spec.stopTimeout ?? 15) * 1000;
      const done = await Promise.race([r.exited.then(() => true), sleep(timeout).then(() => false)]);
      if (!done) {
        this.log(`${r.spec.name} did not stop within ${timeout / 1000}s; killing it`);
        await killGroup(r.child.pid, 'SIGKILL', 5);
      }
    }
    this.running.length = 0;
    this.release();
  }
}


async function killGroup(pid: number, signal: NodeJS.Signals, waitSeconds: number): Promise<void> {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
  }
  for (let i = 0; i < waitSeconds * 10; i++) {
    if (!processAlive(pid)) return;
    await sleep(100);
  }
  if (signal !== 'SIGKILL') await killGroup(pid, 'SIGKILL', 2);
}

/** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22). */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The process exists (signal 0 reaches it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Thrown by a `waitFor` check when waiting longer cannot help (the process being waited on has exited). */
export class GiveUp extends Error {
  override name = 'GiveUp';
}

/** Poll `check` until it returns true, at most `seconds`; throws with `what` on timeout. A check
 *  that throws is retried (the thing is not up yet), except with GiveUp, which ends the wait. */
export async function waitFor(what: string, seconds: number, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const ready = await Promise.resolve().then(check).catch((err: unknown) => {
      if (err instanceof GiveUp) throw err;
      return false;
    });
    if (ready) return;
    await sleep(150);
  }
  throw new Error(`${what} was not ready within ${seconds}s`);
}
