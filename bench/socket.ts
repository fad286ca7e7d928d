// npm run bench -- socket [--clients 1000 --rooms 100 --rounds 30 --procs 2 --spread-ms 250]
// Socket.IO fan-out: one real API process (api/main.ts, spawned, so its RSS is its own),
// N job rooms, C socket.io-client connections in child processes (each subscribed, as the
// job's owner, to one room). Progress events are published the way the worker does it
// (presentProgress + @socket.io/redis-emitter, as activities/notify.ts) with the send time in
// the message; latency is emit → receipt on every client.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Emitter } from '@socket.io/redis-emitter';
import { presentProgress } from '../activities/notify.ts';
import { issueAccessToken } from '../api/auth/tokens.ts';
import { parseConfig } from '../config.ts';
import { createDatabase } from '../db/index.ts';
import { createRedis } from '../lib/redis.ts';
import { waitFor } from '../scripts/stack/processes.ts';
import { intArg, percentile, rssMb } from './measure.ts';
import { now, type FromChild, type ToChild } from './socketProtocol.ts';

const root = join(import.meta.dirname, '..');
const NODE_FLAGS = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning'];
const CLIENT_PROCESS = join(import.meta.dirname, 'socketClients.main.ts');

const round1 = (n: number): number => Math.round(n * 10) / 10;
/** User + system CPU seconds a process has used so far. */
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const fds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;
const nofile = (pid: number): string =>
  /Max open files\s+(\S+)\s+(\S+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.slice(1).join('/') ?? '?';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

type Message<T extends FromChild['type']> = Extract<FromChild, { type: T }>;

/** The child's next `type` message that `match`es, or undefined after `ms`. */
function onMessage<T extends FromChild['type']>(
  child: ChildProcess, type: T, match: (m: Message<T>) => boolean, ms: number,
): Promise<Message<T> | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('message', listener);
      resolve(undefined);
    }, ms);
    const listener = (m: FromChild): void => {
      if (m.type === type && match(m as Message<T>)) {
        clearTimeout(timer);
        child.off('message', listener);
        resolve(m as Message<T>);
      }
    };
    child.on('message', listener);
  });
}

export async function benchSocket(args: string[]): Promise<Record<string, unknown>> {
  const clients = intArg(args, 'clients', 1000, 20_000);
  const rooms = intArg(args, 'rooms', 100, clients);
  const rounds = intArg(args, 'rounds', 30, 1000);
  const procs = intArg(args, 'procs', 2, 16);
  const spread = intArg(args, 'spread-ms', 250, 60_000);
  const warmup = 3;
  const port = await freePort();
  const env = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ADMIN_JS_SKIP_BUNDLE: 'true',
    API_REQUESTS_PER_MINUTE: '1000000',
  };
  const cfg = parseConfig(env);
  const base = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, [...NODE_FLAGS, 'api/main.ts'], {
    cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const db = createDatabase(cfg.DATABASE_URL, { poolMax: 4 });
  const redis = createRedis(cfg.REDIS_URL, 'bench-emitter');
  const children: ChildProcess[] = [];
  try {
    await waitFor('API', 90, async () => (await fetch(`${base}/api/health/liveness`)).ok);
    const user = await db.models.User.create({
      username: `bench_socket_${Date.now()}`, email: `bench_socket_${Date.now()}@example.com`, passwordHash: 'x',
      displayName: null, avatarUrl: null, bio: null, role: 'user', lastLoginAt: null,
    });
    // Rows only: subscribing checks ownership in `jobs`; no workflow is needed for fan-out.
    const jobs = await db.models.Job.bulkCreate(Array.from({ length: rooms }, () => ({
      kind: 'create' as const, userId: user.id, gameId: null, sessionId: null, baseVersion: null, workflowId: null,
      idempotencyKey: null, templateId: null, provider: null, errorCode: null, errorDetail: null, resultVersionId: null,
      startedAt: new Date(), finishedAt: null, state: 'generating' as const,
    })));
    const token = issueAccessToken(cfg, { id: user.id, role: 'user' });
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = round1(rssMb(api.pid!));

    const connectStarted = performance.now();
    // Client i listens to room i % rooms and lives in process i % procs.
    const clientIds = Array.from({ length: clients }, (_, i) => i);
    const shares = Array.from({ length: procs }, (_, p) =>
      clientIds.filter((i) => i % procs === p).map((i) => jobs[i % rooms]!.id));
    const ready = await Promise.all(shares.map(async (share) => {
      const child = spawn(process.execPath, [...NODE_FLAGS, CLIENT_PROCESS], {
        cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
      const answer = onMessage(child, 'ready', () => true, 180_000);
      child.send({ type: 'connect', base, token, rooms: share } satisfies ToChild);
      return (await answer) ?? { type: 'ready' as const, connected: 0, failed: share.length };
    }));
    const connected = ready.reduce((n, r) => n + r.connected, 0);
    const connectSeconds = round1((performance.now() - connectStarted) / 1000);
    await new Promise((r) => setTimeout(r, 1000));
    const rssConnected = round1(rssMb(api.pid!));
    const apiFds = fds(api.pid!);

    const emitter = new Emitter(redis);
    const cpu = (): number[] => [api.pid!, ...children.map((c) => c.pid!)].map(cpuSeconds);
    let roundNo = 0;
    /** `rounds` rounds of one progress event per room, spread over `spreadMs` (0: back to back). */
    const scenario = async (spreadMs: number): Promise<Record<string, unknown>> => {
      const latencies: number[] = [];
      let lost = 0;
      let cpuAtStart: number[] = [];
      for (let i = 1; i <= warmup + rounds; i++) {
        const r = ++roundNo;
        const measured = i > warmup;
        if (i === warmup + 1) cpuAtStart = cpu();
        const results = children.map(async (c, k) => {
          const m = await onMessage(c, 'round', (x) => x.round === r, 5000 + spreadMs);
          if (m) return m.values;
          // Late or lost: ask for what did arrive and count the rest as lost.
          const partial = onMessage(c, 'round', (x) => x.round === r, 2000);
          c.send({ type: 'flush', round: r } satisfies ToChild);
          const values = (await partial)?.values ?? [];
          if (measured) lost += ready[k]!.connected - values.length;
          return values;
        });
        const t0 = performance.now();
        for (const [n, job] of jobs.entries()) {
          if (spreadMs > 0) {
            const due = t0 + (n * spreadMs) / jobs.length;
            while (performance.now() < due - 1) await new Promise((res) => setTimeout(res, 1));
          } else if (n % 50 === 49) await new Promise((res) => setImmediate(res));
          const event = presentProgress({
            job_id: job.id, seq: r, state: 'generating', step: 'generate:bench', status: 'started',
            message: `bench:${r}:${now().toFixed(3)}`, percent: Math.min(99, i), at: new Date().toISOString(),
            kind: 'create', game_id: '', repair_rounds: 0,
          });
          emitter.to(`job:${job.id}`).emit('job:progress', event);
        }
        const got = await Promise.all(results);
        if (measured) latencies.push(...got.flat());
        await new Promise((res) => setTimeout(res, 100));
      }
      const cpuUsed = cpu().map((c, k) => c - cpuAtStart[k]!);
      const clientCpu = cpuUsed.slice(1).reduce((a, b) => a + b, 0);
      latencies.sort((a, b) => a - b);
      return {
        events_per_round: rooms, spread_ms: spreadMs, deliveries_measured: latencies.length, lost,
        fanout_latency_ms: {
          p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)),
          p99: round1(percentile(latencies, 99)), max: round1(latencies.at(-1) ?? 0),
          mean: round1(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
        },
        // Where the time goes: on one machine the clients share the cores with the API.
        cpu_ms_per_round: {
          api: Math.round((cpuUsed[0]! * 1000) / rounds), clients: Math.round((clientCpu * 1000) / rounds),
        },
      };
    };
    // Every room's event at once (the worst case), then the same load spread over a round.
    const burst = await scenario(0);
    const paced = await scenario(spread);
    const p95 = (x: Record<string, unknown>): number => (x.fanout_latency_ms as { p95: number }).p95;
    const clean = (x: Record<string, unknown>): boolean => x.lost === 0 && connected === clients;
    return {
      bench: 'socket',
      clients, connected, connect_failed: clients - connected, rooms, client_processes: procs, rounds,
      warmup_rounds: warmup, connect_seconds: connectSeconds, deliveries_per_round: connected,
      burst, paced,
      api_rss_mb: {
        before_connect: rssBefore, after_connect: rssConnected, after_rounds: round1(rssMb(api.pid!)),
        per_connection_kb: Math.round(((rssConnected - rssBefore) * 1024) / Math.max(1, connected)),
      },
      api_open_fds: apiFds, api_nofile_limit_soft_hard: nofile(api.pid!),
      target: { p95_ms: 50, met_burst: p95(burst) <= 50 && clean(burst), met_paced: p95(paced) <= 50 && clean(paced) },
      method: 'API = spawned api/main.ts; clients in child processes over WebSocket on the same machine; '
        + 'events via @socket.io/redis-emitter with presentProgress (as notify.ts); '
        + 'latency = receipt time - send time carried in the event (same host clock)',
    };
  } finally {
    for (const c of children) {
      c.send({ type: 'close' } satisfies ToChild);
      setTimeout(() => c.kill('SIGKILL'), 3000).unref();
    }
    api.kill('SIGTERM');
    await new Promise((r) => (api.exitCode === null ? api.once('exit', r) : r(null)));
    await db.close();
    redis.disconnect();
  }
}
