// What every benchmark measures with: integer arguments, percentiles, a process's memory.
import { readdirSync, readFileSync } from 'node:fs';

/** `--name N` from the arguments, else `fallback`; N must be an integer from 1 to `max`. */
export function intArg(args: string[], name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new Error(max === Number.MAX_SAFE_INTEGER
      ? `--${name} must be a positive integer`
      : `--${name} must be an integer 1-${max}`);
  }
  return v;
}

/** The p-th percentile (nearest rank) of ascending `sorted`; 0 when there are no samples. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

/** Resident memory of a process, in MB (Linux /proc). */
export const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** CPU time (ms) each process has used so far, with its parent and command line (Linux /proc). */
function processCpu(): Map<number, { ppid: number; cmd: string; ms: number }> {
  const out = new Map<number, { ppid: number; cmd: string; ms: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: state, ppid, ... utime (12th), stime (13th).
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const ms = ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
      out.set(Number(name), { ppid: Number(f[1]), cmd, ms });
    } catch {
      // The process ended while it was read.
    }
  }
  return out;
}
const TICKS_PER_SECOND = 100;

type CpuGroup = 'worker' | 'worker_children' | 'temporal' | 'postgres' | 'redis' | 'bench_and_api';

/** Which part of the stack a process is: the worker and the processes it started, the services,
 *  and this process (the API, the socket client and the fake model). */
function groupOf(pid: number, all: ReturnType<typeof processCpu>, workerPid: number): CpuGroup | undefined {
  if (pid === workerPid) return 'worker';
  if (pid === process.pid) return 'bench_and_api';
  const cmd = all.get(pid)?.cmd ?? '';
  if (/\btemporal\b.*\bstart-dev\b/.test(cmd)) return 'temporal';
  if (/^postgres\b|\/postgres\b/.test(cmd)) return 'postgres';
  if (/redis-server/.test(cmd)) return 'redis';
  for (let p = all.get(pid)?.ppid, hops = 0; p && hops < 16; p = all.get(p)?.ppid, hops++) {
    if (p === workerPid) return 'worker_children';
  }
  return undefined;
}

/** Starts counting CPU by part of the stack; the returned function gives ms used since, per part. */
export function cpuMeter(workerPid: number): () => Partial<Record<CpuGroup | 'total', number>> {
  const before = processCpu();
  return () => {
    const after = processCpu();
    const sums: Partial<Record<CpuGroup | 'total', number>> = { total: 0 };
    for (const [pid, p] of after) {
      const group = groupOf(pid, after, workerPid);
      if (!group) continue;
      const used = p.ms - (before.get(pid)?.ms ?? 0);
      sums[group] = (sums[group] ?? 0) + used;
      sums.total = (sums.total ?? 0) + used;
    }
    return sums;
  };
}
