// `npm start -- --api 2 --workers 2`: two API nodes on consecutive ports and two workers on one
// task queue, sharing one Temporal, PostgreSQL and Redis. A job posted to node 1 is watched to
// its end by a Socket.IO client of node 2 (the worker publishes through Redis; node 2's adapter
// delivers), and the console answers on both nodes.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { GiveUp, portOpen, waitFor } from '../../scripts/stack/processes.ts';
import { collectJobEvents } from '../helpers/events.ts';

const root = join(import.meta.dirname, '../..');
const dataDir = join(root, '.data/test/scale-e2e');
const ports = { api: 3185, api2: 3186, pg: 54386, redis: 63886, temporal: 7286, ui: 8286 };
const START_ARGS = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', 'scripts/stack.main.ts', 'start'];
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH, HOME: process.env.HOME,
  PORT: String(ports.api), PLAYFORGE_DATA_DIR: dataDir, PLAYFORGE_PG_PORT: String(ports.pg),
  PLAYFORGE_REDIS_PORT: String(ports.redis), PLAYFORGE_TEMPORAL_PORT: String(ports.temporal),
  TEMPORAL_UI_PORT: String(ports.ui), LOG_LEVEL: 'warn', BCRYPT_COST: '4',
  // The job's path across nodes is under test, not the browser playtest (tested on its own).
  LLM_PROVIDERS: 'offline', BROWSER_PLAYTEST: 'false',
};

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (c) => r(c)));

const logTails = (): string => {
  const dir = join(dataDir, 'logs');
  const names = existsSync(dir) ? readdirSync(dir) : [];
  return names.map((n) => `--- ${n}\n${readFileSync(join(dir, n), 'utf8').slice(-1500)}`).join('\n');
};

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start -- --api N --workers N', () => {
  it.each([
    [['--api', '0'], /^--api needs a whole number from 1 to 8 \(got 0\)$/],
    [['--workers', 'two'], /^--workers needs a whole number from 1 to 8 \(got two\)$/],
    [['--api'], /^--api needs a whole number from 1 to 8 \(got nothing\)$/],
    [['--nodes', '2'], /^unknown option --nodes; npm start takes --api N and --workers N$/],
  ])('refuses %j with one line naming the flag, before starting anything', (flags, message) => {
    const r = spawnSync(process.execPath, [...START_ARGS, ...flags], {
      cwd: root, env, encoding: 'utf8', timeout: 30_000,
    });
    expect(r.status).toBe(64);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(r.stdout).toBe('');
  });

  it('runs two API nodes and two workers: both nodes ready, the console on each, and a job posted to ' +
    'node 1 watched to completion from node 2', async () => {
    let out = '';
    const child = spawn(process.execPath, [...START_ARGS, '--api', '2', '--workers', '2'], {
      cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor('start --api 2 --workers 2', 180, () => {
        if (child.exitCode !== null) throw new GiveUp(`start exited early:\n${out}`);
        return out.includes('Press Ctrl-C to stop.');
      });
      expect(out).toMatch(new RegExp(`Node api-1 +http://localhost:${ports.api}/ `));
      expect(out).toMatch(new RegExp(`Node api-2 +http://localhost:${ports.api2}/ `));
      expect(out).toContain('Workers      2 on task queue');
      const [one, two] = [ports.api, ports.api2].map((p) => `http://127.0.0.1:${p}`) as [string, string];
      for (const base of [one, two]) {
        expect((await fetch(`${base}/api/health/readiness`)).status).toBe(200);
        // The console's login page (AdminJS) on every node.
        const admin = await fetch(`${base}/admin/login`);
        expect(admin.status).toBe(200);
        expect(await admin.text()).toMatch(/<html/i);
      }

      const reg = await fetch(`${one}/api/auth/register`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'scale_user', email: 'scale_user@example.com', password: 'Scale-Pass-123' }),
      });
      const { access_token: token } = await reg.json() as { access_token: string };
      expect(reg.status).toBe(201);
      const socket = io(two, { auth: { token }, transports: ['websocket'] });
      try {
        const events = collectJobEvents(socket);
        await new Promise<void>((r) => socket.once('connect', () => r()));
        const posted = await fetch(`${one}/api/games/generate`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ description: 'a snake game that eats red apples' }),
        });
        const { job_id: jobId } = await posted.json() as { job_id: string };
        expect(posted.status).toBe(202);
        const ack = await socket.emitWithAck('subscribe', { job_id: jobId }) as { ok: boolean; snapshot: unknown };
        expect(ack).toMatchObject({ ok: true, snapshot: { job_id: jobId } });
        const final = await events.until(jobId, 120_000);
        expect(final).toMatchObject({ name: 'job:completed', payload: { job_id: jobId, state: 'completed' } });
        const seqs = events.progress(jobId).map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      } finally {
        socket.close();
      }
    } finally {
      child.kill('SIGINT');
      const code = await exited(child);
      // On failure, what the stack said and its services' last lines tell which part ended it.
      expect({ code, said: code === 0 ? '' : `${out.slice(-3000)}\n${logTails()}` }).toEqual({ code: 0, said: '' });
    }
    for (const port of Object.values(ports)) expect(await portOpen(port)).toBe(false);
  }, 300_000);
});
