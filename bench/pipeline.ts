// npm run bench -- pipeline [--jobs N --concurrency C] [--real] [--gap-ms G]
// Jobs from start to the `job:completed` event on a real socket, through the real worker
// (its own process), Temporal, Postgres and Redis; the model is an instant fake OpenAI, or with
// --real the offline engine, with the browser playtest, each job posted to the HTTP API.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { io as connect } from 'socket.io-client';
import { parseConfig } from '../config.ts';
import { createDatabase, type Database } from '../db/index.ts';
import { createLogger } from '../lib/logger.ts';
import { createRedis } from '../lib/redis.ts';
import { startJob } from '../api/services/jobs.ts';
import { issueAccessToken } from '../api/auth/tokens.ts';
import { waitFor } from '../scripts/stack/processes.ts';
import { listenApi } from './apiServer.ts';
import { cpuMeter, intArg, percentile, rssMb } from './measure.ts';
import { FAKE_OPENAI_KEY, startFakeOpenAI } from '../fakes/llmServers.ts';
import { activitySteps, millis } from '../lib/workflowHistory.ts';
import { WORKER_ENV, WORKER_NODE_FLAGS } from '../lib/workerFlags.ts';

const root = join(import.meta.dirname, '..');

/** Prompts of the real run: one per genre family, so the offline engine fills different templates. */
const REAL_PROMPTS = [
  'a blue platformer where I jump to a golden coin', 'a snake game that eats red apples',
  'breakout with a green paddle and rainbow bricks', 'a space shooter with asteroids',
  'a memory match card game', 'an endless runner jumping over cactus',
];

export async function benchPipeline(args: string[]): Promise<Record<string, unknown>> {
  // --real: the offline engine and the browser playtest, each job posted to the HTTP API.
  const real = args.includes('--real');
  const total = intArg(args, 'jobs', real ? 50 : 200, 100_000);
  const concurrency = intArg(args, 'concurrency', real ? 1 : 10, 100_000);
  // A pause after each job (a player looking at their game before the next prompt): not timed.
  const gapMs = args.includes('--gap-ms') ? intArg(args, 'gap-ms', 1, 60_000) : 0;
  const warmup = Math.min(real ? 5 : 20, total);
  const openai = await startFakeOpenAI();
  const benchEnv = {
    ...(real
      ? { LLM_PROVIDERS: 'offline', BROWSER_PLAYTEST: 'true' }
      : { LLM_PROVIDERS: 'openai', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL }),
    TEMPORAL_TASK_QUEUE: `bench-${Date.now()}`, LOG_LEVEL: 'warn', GENERATIONS_PER_DAY: '1000000',
  };
  const cfg = parseConfig({ ...process.env, ...benchEnv });
  if (real && !cfg.CHROMIUM_PATH) throw new Error('--real needs CHROMIUM_PATH (npm run bench sets it)');
  const nodeFlags = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', ...WORKER_NODE_FLAGS];
  const worker = spawn(process.execPath, [...nodeFlags, 'worker/main.ts'], {
    cwd: root, stdio: 'ignore', env: { ...process.env, ...benchEnv, ...WORKER_ENV },
  });
  const db = createDatabase(cfg.DATABASE_URL, { poolMax: 10 });
  const redis = createRedis(cfg.REDIS_URL, 'bench');
  const connection = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });
  const logger = createLogger({ LOG_LEVEL: 'silent' }, 'bench');
  const api = await listenApi({ cfg, db, redis, temporal: client, logger });
  // A worker that dies ends the run at once, with why, instead of each job's timeout.
  const workerGone = new Promise<never>((_, reject) => {
    worker.once('exit', (code, signal) => reject(new Error(`the worker exited (${code ?? signal}) during the run`)));
  });
  workerGone.catch(() => undefined);
  let socket: ReturnType<typeof connect> | undefined;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const user = await db.models.User.create({
      username: `bench_${Date.now()}`, email: `bench_${Date.now()}@example.com`, passwordHash: 'x',
      displayName: null, avatarUrl: null, bio: null, role: 'user', lastLoginAt: null,
    });
    const session = await db.models.Session.create({
      userId: user.id, status: 'active', currentGameId: null, expiresAt: null,
    });
    const token = issueAccessToken(cfg, { id: user.id, role: 'user' });
    const listener = connect(api.base, { auth: { token }, transports: ['websocket'] });
    socket = listener;
    await new Promise<void>((r) => listener.once('connect', r));
    await listener.emitWithAck('subscribe', { session_id: session.id });
    // A job can finish before its start call returns: completions are kept until claimed.
    type End = { at: number; failed?: string };
    const ended = new Map<string, End>();
    const waiting = new Map<string, (end: End) => void>();
    const end = (jobId: string, e: End) => {
      const waiter = waiting.get(jobId);
      if (waiter) waiter(e);
      else ended.set(jobId, e);
    };
    listener.on('job:completed', (e: { job_id: string }) => end(e.job_id, { at: performance.now() }));
    // When each progress event reached the client: where a job's time goes, seen from outside.
    const arrivals = new Map<string, { step: string; at: number }[]>();
    const timeline = new Map<string, { total: number; count: number }>();
    let timed = false;
    const startCall: number[] = [];
    listener.on('job:progress', (e: { job_id: string; step: string; status: string }) => {
      const list = arrivals.get(e.job_id) ?? [];
      if (list.length < 64) list.push({ step: `${e.step}:${e.status}`, at: performance.now() });
      arrivals.set(e.job_id, list);
    });
    listener.on('job:failed', (e: { job_id: string; error_code?: string; detail?: string }) =>
      end(e.job_id, { at: performance.now(), failed: `${e.error_code ?? ''} ${e.detail ?? ''}` }));
    const endOf = (jobId: string): Promise<End> => {
      const known = ended.get(jobId);
      ended.delete(jobId);
      return known ? Promise.resolve(known) : new Promise((r) => waiting.set(jobId, r));
    };

    const deps = { cfg, db, temporal: client };
    const caller = { id: user.id, role: 'user' as const, username: user.username };
    let posted = 0;
    const startOne = async (): Promise<string> => {
      if (!real) {
        const { job } = await startJob(deps, caller, {
          kind: 'create', prompt: 'a blue platformer with a golden coin', sessionId: session.id,
        });
        return job.id;
      }
      const res = await fetch(`${api.base}/api/games/generate`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ description: REAL_PROMPTS[posted++ % REAL_PROMPTS.length], session_id: session.id }),
      });
      const body = await res.json() as { job_id?: string; detail?: string };
      if (res.status !== 202 || !body.job_id) throw new Error(`POST /api/games/generate: ${res.status} ${body.detail}`);
      return body.job_id;
    };
    const oneJob = async (): Promise<number> => {
      const t0 = performance.now();
      const jobId = await startOne();
      if (timed) startCall.push(performance.now() - t0);
      let timer: NodeJS.Timeout | undefined;
      const over = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`job ${jobId} took over 120 s`)), 120_000);
      });
      const e = await Promise.race([endOf(jobId), over, workerGone]).finally(() => clearTimeout(timer));
      waiting.delete(jobId);
      if (e.failed) throw new Error(`job ${jobId} failed: ${e.failed}`);
      for (const a of timed ? arrivals.get(jobId) ?? [] : []) {
        const acc = timeline.get(a.step) ?? { total: 0, count: 0 };
        timeline.set(a.step, { total: acc.total + (a.at - t0), count: acc.count + 1 });
      }
      arrivals.delete(jobId);
      return e.at - t0;
    };
    const runBatch = async (n: number): Promise<number[]> => {
      const latencies: number[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
        while (next < n) {
          next++;
          latencies.push(await oneJob());
          if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
        }
      }));
      return latencies;
    };

    await waitFor('worker', 60, async () => {
      const tq = await connection.workflowService.describeTaskQueue({
        namespace: cfg.TEMPORAL_NAMESPACE, taskQueue: { name: cfg.TEMPORAL_TASK_QUEUE }, taskQueueType: 1,
      });
      return (tq.pollers?.length ?? 0) > 0;
    });
    const idleRss = rssMb(worker.pid!);
    await runBatch(warmup); // worker bundle, connection pools, JIT
    timed = true;
    const started = performance.now();
    const cpuUsed = cpuMeter(worker.pid!);
    let peakRss = rssMb(worker.pid!);
    sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(worker.pid!))), 200);
    const latencies = (await runBatch(total)).sort((a, b) => a - b);
    clearInterval(sampler);
    const cpu = cpuUsed();
    const seconds = (performance.now() - started) / 1000;
    return {
      bench: 'pipeline', mode: real ? 'real: offline engine + browser playtest, via HTTP' : 'instant fake model',
      jobs: total, concurrency, warmup_jobs: warmup, gap_ms: gapMs,
      latency_ms: {
        p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)),
        p99: Math.round(percentile(latencies, 99)),
        max: Math.round(latencies.at(-1) ?? 0),
      },
      jobs_per_second: Math.round((total / seconds) * 10) / 10,
      // CPU of the stack's parts over the timed jobs, per job (processes that ended meanwhile uncounted).
      cpu_ms_per_job: Object.fromEntries(Object.entries(cpu).map(([k, ms]) => [k, Math.round((ms / total) * 10) / 10])),
      worker_rss_mb: { idle: Math.round(idleRss), end: Math.round(rssMb(worker.pid!)), peak: Math.round(peakRss) },
      where_time_goes: await timeBreakdown(client, db, total),
      start_call_ms: Math.round(startCall.reduce((a, b) => a + b, 0) / Math.max(1, startCall.length)),
      // Mean ms from the start call to each progress event's arrival, in the order they arrive.
      progress_arrival_ms: Object.fromEntries([...timeline].map(([k, v]) => [k, Math.round(v.total / v.count)] as const)
        .sort((a, b) => a[1] - b[1])),
      targets: real ? { p50_ms: 1000 } : { p50_ms: 100, p95_ms: 250, jobs_per_second: 20 },
    };
  } finally {
    clearInterval(sampler);
    socket?.close();
    // Its graceful shutdown ends before the services it uses are stopped (bounded: 20 s).
    if (worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000).unref())]);
    }
    await api.close();
    await connection.close();
    await db.close();
    redis.disconnect();
    await openai.close();
  }
}

/** Mean ms per regular activity and per workflow over the last jobs' histories; `per_job`
 *  counts each kind of step (local ones prefixed `local:`) and the workflow tasks per job. */
async function timeBreakdown(client: Client, db: Database, n: number): Promise<Record<string, unknown>> {
  const jobs = await db.models.Job.findAll({
    order: [['createdAt', 'DESC']], limit: Math.min(n, 30), attributes: ['workflowId'],
  });
  const sums = new Map<string, { total: number; timed: number; count: number }>();
  const add = (key: string, ms: number | undefined) => {
    const acc = sums.get(key) ?? { total: 0, timed: 0, count: 0 };
    const timed = ms === undefined ? 0 : 1;
    sums.set(key, { total: acc.total + (ms ?? 0), timed: acc.timed + timed, count: acc.count + 1 });
  };
  let workflowTasks = 0;
  // Mean ms from the run's first event to each event, named by kind and occurrence.
  const offsets = new Map<string, { total: number; count: number }>();
  for (const j of jobs) {
    const history = await client.workflow.getHandle(j.workflowId!).fetchHistory();
    const seen = new Map<string, number>();
    const start = millis(history.events?.[0]?.eventTime);
    for (const e of history.events ?? []) {
      const kind = Object.keys(e).find((k) => k.endsWith('EventAttributes') && e[k as keyof typeof e]);
      const at = millis(e.eventTime);
      if (!kind || at === undefined || start === undefined) continue;
      const n = (seen.get(kind) ?? 0) + 1;
      seen.set(kind, n);
      const key = `${kind.replace(/EventAttributes$/, '')}#${n}`;
      const acc = offsets.get(key) ?? { total: 0, count: 0 };
      offsets.set(key, { total: acc.total + at - start, count: acc.count + 1 });
    }
    for (const step of activitySteps(history)) add(`${step.local ? 'local:' : ''}${step.type}`, step.ms);
    workflowTasks += (history.events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes).length;
    const first = history.events?.[0]?.eventTime;
    const last = history.events?.at(-1)?.eventTime;
    if (first && last) {
      add('workflow_total', (Number(last.seconds) - Number(first.seconds)) * 1000
        + ((last.nanos ?? 0) - (first.nanos ?? 0)) / 1e6);
    }
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    // Local activities have no duration in the history (lib/workflowHistory.ts): counted only.
    mean_ms: Object.fromEntries([...sums].filter(([, v]) => v.timed > 0)
      .map(([k, v]) => [k, round(v.total / v.timed)])),
    per_job: {
      ...Object.fromEntries([...sums].filter(([k]) => k !== 'workflow_total')
        .map(([k, v]) => [k, round(v.count / jobs.length)])),
      workflow_tasks: round(workflowTasks / jobs.length),
    },
    history_offsets_ms: Object.fromEntries([...offsets].map(([k, v]) => [k, round(v.total / v.count)] as const)
      .sort((a, b) => a[1] - b[1])),
  };
}
