// What one static scan may spend. The scan runs on the worker's event loop and a generated
// game is hostile input: a page built to make the scanner loop, backtrack or allocate must end
// the scan early (verdict `review`, finding `scan.budget_exceeded`), never stall the worker.
// Two limits: the scanning thread's CPU time, checked every few hundred steps, and the
// characters plus array items the resolver may build (its memo keeps every value it computes,
// so this bounds its memory). CPU time rather than wall time: on a loaded machine an ordinary
// game must not run out of budget while it waits for a core; a thread that never gets one is
// ended by the wall-clock watchdog around the scan instead.
import type { Finding } from '../vocabulary.ts';

export interface BudgetLimits { ms: number; units: number }

/** Generous for real games (a 40 KB game scans in ~10 ms), small enough to keep a worker live. */
export const SCAN_BUDGET: BudgetLimits = { ms: 500, units: 8_000_000 };

export class BudgetExceeded extends Error {
  constructor(what: string) {
    super(`scan budget exceeded: ${what}`);
  }
}

interface Active { deadline: number; units: number; steps: number; exhausted?: string }

/** Milliseconds of CPU this thread has used. */
function cpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

let active: Active | undefined;

/** Run `fn` under a budget. `exhausted` says which limit ran out (the result is then partial). */
export function withBudget<T>(limits: BudgetLimits, fn: () => T): { result?: T; exhausted?: string } {
  const outer = active;
  const mine: Active = { deadline: cpuMs() + limits.ms, units: limits.units, steps: 0 };
  active = mine;
  try {
    const result = fn();
    return { result, exhausted: mine.exhausted };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { exhausted: mine.exhausted ?? e.message };
    // Nesting deep enough to overflow the stack is the same attack as a slow input.
    if (e instanceof RangeError && /call stack/i.test(e.message)) return { exhausted: 'nesting too deep' };
    throw e;
  } finally {
    active = outer;
  }
}

/** One unit of work; throws BudgetExceeded once the time is up (the clock is read every 256 steps). */
export function tick(): void {
  if (!active || (++active.steps & 255) !== 0) return;
  if (cpuMs() > active.deadline) {
    active.exhausted ??= 'time';
    throw new BudgetExceeded('time');
  }
}

/** Reserve `n` characters/items for a value about to be built; false (and remembered) when
 *  that would go over, so the caller gives up on the value instead of building it. */
export function reserve(n: number): boolean {
  if (!active) return true;
  if (active.units < n) {
    active.exhausted ??= 'size';
    return false;
  }
  active.units -= n;
  return true;
}

export function budgetFinding(exhausted: string): Finding {
  return {
    rule: 'scan.budget_exceeded', severity: 'review',
    message: `The static scan stopped early (${exhausted}): the game is too large or too convoluted to check ` +
      'fully. Simplify it: fewer generated strings and arrays, less nesting.',
  };
}
