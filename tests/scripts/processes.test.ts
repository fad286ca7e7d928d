// The supervisor behind `npm start`: what it starts, it stops; leftovers of a killed
// supervisor are found by pid file *and* start time, so a reused pid is never killed.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GiveUp, Supervisor, waitFor } from '../../scripts/stack/processes.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pf-sup-'));
}

describe('Supervisor', () => {
  it('stops its children in reverse order, escalating to SIGKILL when one ignores SIGTERM', async () => {
    const dir = tempDir();
    const order: string[] = [];
    const sup = new Supervisor(dir, (m) => order.push(m));
    try {
      const a = sup.start({ name: 'postgres', command: 'sleep', args: ['30'] });
      // A child that ignores SIGTERM must still go, after its stop timeout.
      const b = sup.start({
        name: 'api', command: 'bash', args: ['-c', "trap '' TERM; echo armed; sleep 30"], stopTimeout: 1,
      });
      // Only once the trap is set does SIGTERM get ignored.
      await waitFor('children', 5, () =>
        alive(a.child.pid!) && readFileSync(join(dir, 'logs', 'api.log'), 'utf8').includes('armed'));
      await sup.stopAll();
      expect(alive(a.child.pid!)).toBe(false);
      expect(alive(b.child.pid!)).toBe(false);
      expect(order.some((m) => m.includes('api did not stop'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reaps a leftover whose pid file matches, and spares a pid whose start time differs', async () => {
    const dir = tempDir();
    const first = new Supervisor(dir, () => undefined);
    const leftover = first.start({ name: 'redis', command: 'sleep', args: ['30'] });
    const pidFile = join(dir, 'run', 'redis.pid');
    const recorded = readFileSync(pidFile, 'utf8');
    // An unrelated process whose pid file carries a wrong start time (a reused pid).
    const stranger = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    writeFileSync(join(dir, 'run', 'worker.pid'), `${stranger.pid} 1`);
    try {
      const second = new Supervisor(dir, () => undefined);
      await second.reapStale();
      expect(recorded).toMatch(/^\d+ \d+$/);
      expect(alive(leftover.child.pid!)).toBe(false);
      expect(alive(stranger.pid!)).toBe(true);
    } finally {
      stranger.kill('SIGKILL');
      await first.stopAll();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Supervisor with several nodes of a kind', () => {
  it('stops one service with a chosen signal and restarts it, quietly, in its place', async () => {
    const dir = tempDir();
    const said: string[] = [];
    const sup = new Supervisor(dir, (m) => said.push(m));
    try {
      sup.start({ name: 'redis', command: 'sleep', args: ['30'] });
      const first = sup.start({ name: 'worker-2', command: 'sleep', args: ['30'] });
      await sup.stop('worker-2', 'SIGKILL');
      expect(first.child.signalCode).toBe('SIGKILL');
      const again = sup.restart('worker-2');
      expect(alive(again.child.pid!)).toBe(true);
      expect(readFileSync(join(dir, 'run', 'worker-2.pid'), 'utf8')).toMatch(new RegExp(`^${again.child.pid} `));
      // A stop on purpose is not reported as a crash.
      expect(said.filter((m) => m.includes('exited unexpectedly'))).toEqual([]);
      await sup.stopAll();
      expect(alive(again.child.pid!)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reaps numbered leftovers (api-2, worker-1) too', async () => {
    const dir = tempDir();
    const first = new Supervisor(dir, () => undefined);
    const leftovers = ['api-2', 'worker-1'].map((name) => first.start({ name, command: 'sleep', args: ['30'] }));
    try {
      await new Supervisor(dir, () => undefined).reapStale();
      for (const l of leftovers) expect(alive(l.child.pid!)).toBe(false);
    } finally {
      await first.stopAll();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('waitFor', () => {
  it('keeps polling through a check that throws, and ends at once when the check gives up', async () => {
    let calls = 0;
    await waitFor('flaky', 10, () => {
      calls++;
      if (calls < 3) throw new Error('not up yet');
      return true;
    });
    expect(calls).toBe(3);
    const started = Date.now();
    await expect(waitFor('a process that exited', 30, () => {
      throw new GiveUp('it exited early');
    })).rejects.toThrow('it exited early');
    // Not after its 30 s: an early exit is reported when it happens.
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
