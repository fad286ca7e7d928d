// `npm start` as a newcomer runs it (minus the npm wrapper): a whole development stack on
// ports of its own, ready with all three dependencies healthy, and nothing left after SIGINT.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GiveUp, portOpen, waitFor } from '../../scripts/stack/processes.ts';

const root = join(import.meta.dirname, '../..');
const dataDir = join(root, '.data/test/start-e2e');
const ports = { api: 3097, pg: 54351, redis: 63811, temporal: 7263, ui: 8263 };
const START_ARGS = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', 'scripts/stack.main.ts', 'start'];

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

const startEnv = cleanEnv({
  PORT: String(ports.api), PLAYFORGE_DATA_DIR: dataDir, PLAYFORGE_PG_PORT: String(ports.pg),
  PLAYFORGE_REDIS_PORT: String(ports.redis), PLAYFORGE_TEMPORAL_PORT: String(ports.temporal),
  TEMPORAL_UI_PORT: String(ports.ui), LOG_LEVEL: 'warn', BCRYPT_COST: '4',
});

function runStart(cwd = root, env = startEnv): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, START_ARGS, {
    cwd, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (c) => r(c)));

function ourProcesses(): string[] {
  // Any process whose command line mentions the e2e data folder (postgres, redis, temporal).
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return cmd.includes(dataDir) ? [cmd] : [];
    } catch {
      return [];
    }
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start (scripts/stack.main.ts start)', () => {
  it('reaches readiness, serves Temporal UI, and SIGINT leaves no process or port behind; ' +
    'the second start reuses .data', async () => {
    for (let round = 1; round <= 2; round++) {
      const { child, output } = runStart();
      try {
        await waitFor(`start round ${round}`, 120, () => {
          if (child.exitCode !== null) throw new GiveUp(`start exited early:\n${output()}`);
          return output().includes('Playforge is ready');
        });
        expect(output()).toContain(`http://localhost:${ports.api}/admin`);
        expect(output()).toContain(`Play         http://localhost:${ports.api}/\n`);
        expect((await fetch(`http://127.0.0.1:${ports.api}/`)).headers.get('content-type')).toMatch(/^text\/html/);
        if (round === 1) {
          // The generated password goes to a file only its owner reads, never to the log.
          const file = join(dataDir, 'secrets', 'admin-password');
          expect(output()).toContain(`its generated password is in ${file}`);
          expect(statSync(file).mode & 0o777).toBe(0o600);
          expect(output()).not.toContain(readFileSync(file, 'utf8').trim());
        }
        else expect(output()).not.toContain('created admin');
        const detailed = await fetch(`http://127.0.0.1:${ports.api}/api/health/detailed`);
        const body = (await detailed.json()) as { services: Record<string, { status: string }> };
        expect(detailed.status).toBe(200);
        expect(Object.fromEntries(Object.entries(body.services).map(([k, v]) => [k, v.status]))).toEqual({
          database: 'healthy', redis: 'healthy', temporal: 'healthy',
        });
        expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
      } finally {
        child.kill('SIGINT');
        expect(await exited(child)).toBe(0);
      }
      for (const port of Object.values(ports)) expect(await portOpen(port)).toBe(false);
      expect(ourProcesses()).toEqual([]);
    }
  }, 300_000);

  it('a malformed DATABASE_URL stops start-up with one line naming it, and starts nothing', () => {
    const r = spawnSync(process.execPath, START_ARGS, {
      cwd: root, env: { ...startEnv, DATABASE_URL: 'nonsense' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(r.status).toBe(78);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: DATABASE_URL /)]);
    expect(r.stderr).not.toContain('nonsense');
    expect(ourProcesses()).toEqual([]);
  }, 90_000);

  it('starts from a clone in a private (0700) folder, its PostgreSQL kept where the postgres user reaches it',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'pf-clone-'));
      chmodSync(folder, 0o700);
      const clone = join(folder, 'playforge');
      const cloned = spawnSync('git', ['clone', '--quiet', root, clone], { encoding: 'utf8', timeout: 60_000 });
      expect(cloned.stderr).toBe('');
      // The dependencies and tools as `npm start` would have fetched them (not what is tested here).
      symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
      symlinkSync(join(root, '.tools'), join(clone, '.tools'));
      const own = { api: 3098, pg: 54352, redis: 63812, temporal: 7264, ui: 8264 };
      const env = cleanEnv({
        PORT: String(own.api), PLAYFORGE_PG_PORT: String(own.pg), PLAYFORGE_REDIS_PORT: String(own.redis),
        PLAYFORGE_TEMPORAL_PORT: String(own.temporal), TEMPORAL_UI_PORT: String(own.ui), LOG_LEVEL: 'warn',
        BCRYPT_COST: '4',
      });
      const { child, output } = runStart(clone, env);
      let cluster: string | undefined;
      try {
        await waitFor('start from a private clone', 150, () => {
          if (child.exitCode !== null) throw new GiveUp(`start exited early:\n${output()}`);
          return output().includes('Playforge is ready');
        });
        const detailed = await fetch(`http://127.0.0.1:${own.api}/api/health/detailed`);
        const body = (await detailed.json()) as { services: Record<string, { status: string }> };
        expect(body.services.database?.status).toBe('healthy');
        const location = readFileSync(join(clone, '.data', 'postgres', 'LOCATION'), 'utf8');
        cluster = /kept in (\S+)/.exec(location)?.[1];
        expect(cluster).toMatch(/^\/var\/lib\/playforge\/cluster-/);
      } finally {
        child.kill('SIGINT');
        expect(await exited(child)).toBe(0);
        rmSync(folder, { recursive: true, force: true });
        if (cluster) rmSync(cluster, { recursive: true, force: true });
      }
      for (const port of Object.values(own)) expect(await portOpen(port)).toBe(false);
    }, 240_000);
});
