// What every benchmark measures with: integer arguments, percentiles, a process's memory.
import { readFileSync } from 'node:fs';

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
