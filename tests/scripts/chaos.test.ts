// The short chaos run (bench/chaos.ts, `npm run bench -- chaos` at full length): a stack of its
// own with two API nodes and two workers, jobs posted to both nodes and watched from both, while
// workers are SIGKILLed every 10 s and restarted, one API node, Redis and PostgreSQL restarted.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { portOpen } from '../../scripts/stack/processes.ts';

const root = join(import.meta.dirname, '../..');
const dataDir = join(root, '.data/test/chaos');
const ports = { api: 3187, api2: 3188, pg: 54387, redis: 63887, temporal: 7287, ui: 8287 };

interface Report {
  jobs: number;
  completed: number;
  versions: number;
  lost: number;
  duplicates: number;
  kills: number;
  failed: Record<string, number>;
  recover_ms: Record<string, number | number[]>;
  clients: Record<string, number>;
}

function runChaos(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [
    '--no-node-snapshot', '--disable-warning=ExperimentalWarning', 'bench/main.ts', 'chaos', ...args,
  ], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, PLAYFORGE_DATA_DIR: dataDir, PORT: String(ports.api),
      PLAYFORGE_PG_PORT: String(ports.pg), PLAYFORGE_REDIS_PORT: String(ports.redis),
      PLAYFORGE_TEMPORAL_PORT: String(ports.temporal), TEMPORAL_UI_PORT: String(ports.ui), BCRYPT_COST: '4',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('chaos: 2 API nodes and 2 workers under worker kills and service restarts', () => {
  it('ends every job completed with exactly one version; clients see events in seq order, ' +
    'nothing duplicated, and the restarted node\'s clients reconnect', async () => {
    const run = await runChaos(['--seconds', '30', '--submit-ms', '1500', '--kill-every', '10']);
    rmSync(dataDir, { recursive: true, force: true });
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const r = JSON.parse(run.stdout) as Report;
    expect(r.jobs).toBeGreaterThanOrEqual(10);
    expect(r.lost).toBe(0);
    expect(r.duplicates).toBe(0);
    expect(r.failed).toEqual({});
    expect(r.completed).toBe(r.jobs);
    expect(r.versions).toBe(r.jobs);
    expect(r.kills).toBe(2);
    // Every fault recovered within the run's wait (-1 marks one that did not).
    expect(Object.values(r.recover_ms).flat().every((ms) => ms >= 0)).toBe(true);
    expect(r.clients).toMatchObject({ duplicate_events: 0, out_of_order: 0, unfinished: 0 });
    // The three users' clients of the restarted node came back.
    expect(r.clients.reconnects).toBeGreaterThanOrEqual(3);
    for (const port of Object.values(ports)) expect(await portOpen(port)).toBe(false);
  }, 240_000);
});
