// npm run bench -- chaos [--seconds S] [--submit-ms M] [--kill-every S]
// Two API nodes and two workers of a stack of the run's own, under a steady stream of jobs
// (offline engine; no browser playtest, as in the test suite) posted to both nodes, each
// watched by its user's clients on both nodes. Meanwhile a worker is SIGKILLed every
// --kill-every seconds and started again, one API node is restarted, then Redis, then
// PostgreSQL. At the end every accepted job must have completed with exactly one version.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createDatabase, type Database } from '../db/index.ts';
import { plan } from '../scripts/stack/plan.ts';
import { GiveUp, processAlive, Supervisor, waitFor } from '../scripts/stack/processes.ts';
import { startServices } from '../scripts/stack/services.ts';
import { ensureDatabase } from '../scripts/stack/database.ts';
import { prepareDatabase } from '../scripts/stack/prepare.ts';
import { apiReady, apiUrl, appNodes, startNodes } from '../scripts/stack/nodes.ts';
import { intArg, percentile } from './measure.ts';
import { Watcher } from './chaosClients.ts';
import { countOutcomes } from './chaosOutcome.ts';

const root = resolve(import.meta.dirname, '..');
const log = (msg: string): void => void process.stderr.write(`[chaos] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PROMPTS = [
  'a blue platformer where I jump to a golden coin', 'a snake game that eats red apples',
  'breakout with a green paddle and rainbow bricks', 'a space shooter with asteroids',
];
const USERS = 3;

interface Fault {
  fault: string;
  at_s: number;
  recover_ms?: number;
  /** A killed worker: until its new process polls the task queue. */
  polling_ms?: number;
}

export async function benchChaos(args: string[]): Promise<Record<string, unknown>> {
  const seconds = intArg(args, 'seconds', 90, 3600);
  const submitMs = intArg(args, 'submit-ms', 1500, 60_000);
  const killEvery = intArg(args, 'kill-every', 10, 600);
  const p = plan('test');
  Object.assign(p.env, { LLM_PROVIDERS: 'offline', BROWSER_PLAYTEST: 'false', LOG_LEVEL: 'warn' });
  const sup = new Supervisor(p.dataDir, log);
  await sup.reapStale();
  // Stopped from outside (Ctrl-C, a test's timeout): take the stack down with it.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => void sup.stopAll().finally(() => process.exit(130)));
  }
  const watchers: Watcher[] = [];
  let connection: Connection | undefined;
  let db: Database | undefined;
  try {
    // Redis is restarted as a production one is: it saves on shutdown and loads at start (the
    // redis image's default), so what the app keeps there survives; none of an earlier run's.
    rmSync(join(p.dataDir, 'redis', 'dump.rdb'), { force: true });
    await startServices(p, sup, log, { persistRedis: true });
    await ensureDatabase(p.cfg.DATABASE_URL, { fresh: true });
    await prepareDatabase(p.cfg, root, log, { admin: false });
    const nodes = appNodes(p.env, p.cfg.PORT, { api: 2, workers: 2 });
    await startNodes(sup, nodes, 120);
    const ports = nodes.flatMap((n) => (n.port === undefined ? [] : [n.port]));
    log(`2 API nodes (${ports.join(', ')}) and 2 workers ready`);
    connection = await Connection.connect({ address: p.cfg.TEMPORAL_ADDRESS });
    const workflowService = connection.workflowService;
    // Temporal names a poller `<pid>@<host>` by default: the new process is seen by its pid.
    const polling = async (f: Fault, pid: number, started: number) => {
      await waitFor(`worker ${pid} polling`, 120, async () => {
        // Killed again before it got going: that kill has its own record.
        if (!processAlive(pid)) throw new GiveUp(`worker ${pid} was killed before it polled`);
        const tq = await workflowService.describeTaskQueue({
          namespace: p.cfg.TEMPORAL_NAMESPACE, taskQueue: { name: p.cfg.TEMPORAL_TASK_QUEUE }, taskQueueType: 1,
        });
        return (tq.pollers ?? []).some((x) => x.identity?.startsWith(`${pid}@`));
      });
      f.polling_ms = Math.round(performance.now() - started);
      upSince.set(f.fault.slice('worker_kill:'.length), performance.now());
    };

    // Each user registers on one node and watches from both.
    let lastCompletion = 0;
    let phase = 'before any fault';
    const ends = new Map<string, number>();
    const onFinal = (jobId: string, state: string, bySnapshot: boolean) => {
      // Recovery is a job seen completing live, not one found finished on a reconnect.
      if (!bySnapshot && state === 'completed') lastCompletion = performance.now();
      if (!ends.has(jobId) && state === 'completed') ends.set(jobId, performance.now());
    };
    const users = await Promise.all(Array.from({ length: USERS }, async (_, u) => {
      const token = await register(apiUrl(ports[u % 2]!), `chaos_${u}_${Date.now().toString(36)}`);
      const mine = ports.map((port, i) => new Watcher(apiUrl(port), token, i + 1, onFinal, () => phase));
      watchers.push(...mine);
      await Promise.all(mine.map((w) => w.connected()));
      return { token, watchers: mine };
    }));

    const t0 = performance.now();
    const at = () => Math.round((performance.now() - t0) / 100) / 10;
    const accepted = new Map<string, number>();
    const submit = { accepted: 0, retried: 0, gave_up: 0 };
    let running = true;
    const submitter = (async () => {
      for (let i = 0; running; i++) {
        const user = users[i % USERS]!;
        const posted = performance.now();
        // A refused or unanswered POST is tried again with the same key, on either node: a job
        // that was accepted although its answer was lost comes back, never a second one.
        let jobId: string | undefined;
        for (let t = 0; !jobId && t < 60; t++) {
          const base = apiUrl(ports[(i + t) % 2]!);
          jobId = await postJob(base, user.token, PROMPTS[i % PROMPTS.length]!, `chaos-job-${i}`);
          if (!jobId) {
            submit.retried++;
            await sleep(500);
          }
        }
        if (jobId) {
          submit.accepted++;
          accepted.set(jobId, posted);
          for (const w of user.watchers) void w.watch(jobId);
        } else submit.gave_up++;
        await sleep(submitMs);
      }
    })();

    // The faults, in time order; after each, how long until every node is ready again and a
    // client has seen a job complete.
    const faults: Fault[] = [];
    const recovered = async (f: Fault, started: number) => {
      await Promise.all(ports.map((port) => apiReady(port, 120)));
      await waitFor(`a completion after ${f.fault}`, 120, () => lastCompletion > started);
      f.recover_ms = Math.round(performance.now() - started);
    };
    const schedule = [
      { at: seconds * 0.25, fault: 'api_restart' }, { at: seconds * 0.45, fault: 'redis_restart' },
      { at: seconds * 0.7, fault: 'postgres_restart' },
      ...Array.from({ length: Math.floor((seconds - 1) / killEvery) }, (_, k) =>
        ({ at: (k + 1) * killEvery, fault: `worker_kill:worker-${(k % 2) + 1}` })),
    ].sort((a, b) => a.at - b.at);
    const pending: Promise<void>[] = [];
    // A kill hits a worker that is working: the one polling longest. On a loaded machine a
    // worker takes longer to start than the kill interval, and killing it again while it starts
    // would test nothing.
    const upSince = new Map([['worker-1', 0], ['worker-2', 0]]);
    for (const step of schedule) {
      await sleep(Math.max(0, step.at * 1000 - (performance.now() - t0)));
      if (step.fault.startsWith('worker_kill:') && upSince.size > 0) {
        step.fault = `worker_kill:${[...upSince].sort((a, b) => a[1] - b[1])[0]![0]}`;
      }
      const started = performance.now();
      const f: Fault = { fault: step.fault, at_s: at() };
      phase = `${f.fault}@${f.at_s}s`;
      faults.push(f);
      log(`${f.at_s}s: ${f.fault}`);
      if (step.fault.startsWith('worker_kill:')) {
        const name = step.fault.slice('worker_kill:'.length);
        upSince.delete(name);
        await sup.stop(name, 'SIGKILL');
        const pid = sup.restart(name).child.pid!;
        pending.push(polling(f, pid, started).catch((err: unknown) => log((err as Error).message)));
      } else {
        const name = { api_restart: 'api-2', redis_restart: 'redis', postgres_restart: 'postgres' }[step.fault]!;
        await sup.stop(name);
        sup.restart(name);
      }
      pending.push(recovered(f, started).catch((err: unknown) => log(`${f.fault}: ${(err as Error).message}`)));
    }
    await sleep(Math.max(0, seconds * 1000 - (performance.now() - t0)));
    running = false;
    await submitter;
    await Promise.all(pending);

    // Drain: every accepted job reaches its end, seen by both of its user's clients.
    log(`${submit.accepted} jobs accepted; waiting for them to end`);
    await waitFor('every job seen ending', 180, () => watchers.every((w) => w.unfinished().length === 0))
      .catch(() => undefined);
    // A final event published while Redis or PostgreSQL was down is gone (progress is best
    // effort; the workflow is the truth): a client asks for the snapshot, as after a reconnect.
    let caughtUp = 0;
    for (const w of watchers) caughtUp += await w.catchUp();

    const temporal = new Client({ connection, namespace: p.cfg.TEMPORAL_NAMESPACE });
    db = createDatabase(p.cfg.DATABASE_URL, { poolMax: 2 });
    const outcome = await countOutcomes(db, temporal, [...accepted.keys()]);
    const latencies = [...ends].flatMap(([id, end]) => {
      const posted = accepted.get(id);
      return posted === undefined ? [] : [end - posted];
    }).sort((a, b) => a - b);
    const sum = (k: keyof Watcher['counts']) => watchers.reduce((s, w) => s + w.counts[k], 0);
    // -1: not recovered within the wait.
    const recoverOf = (prefix: string) =>
      faults.filter((f) => f.fault.startsWith(prefix)).map((f) => f.recover_ms ?? -1);
    return {
      bench: 'chaos', seconds, api_nodes: 2, workers: 2, engine: 'offline', browser_playtest: false,
      ...outcome.summary,
      duplicates: outcome.duplicateVersions + sum('duplicates'),
      kills: faults.filter((f) => f.fault.startsWith('worker_kill')).length,
      restarts: { api: 1, redis: 1, postgres: 1, worker: faults.filter((f) => f.fault.startsWith('worker')).length },
      recover_ms: {
        worker_kill: recoverOf('worker_kill'),
        worker_polling_again: faults.flatMap((f) => (f.fault.startsWith('worker_kill') ? [f.polling_ms ?? -1] : [])),
        api_restart: recoverOf('api')[0], redis_restart: recoverOf('redis')[0],
        postgres_restart: recoverOf('postgres')[0],
      },
      faults,
      submissions: { ...submit, refusals: Object.fromEntries(refusals) },
      job_ms: {
        p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)),
        max: Math.round(latencies.at(-1) ?? 0),
      },
      clients: {
        count: watchers.length, events: sum('events'), duplicate_events: sum('duplicates'),
        duplicate_events_after: mergeCounts(watchers.map((w) => w.duplicatesAfter)),
        out_of_order: sum('out_of_order'), seq_gaps: sum('gaps'), reconnects: sum('reconnects'),
        snapshots: sum('snapshots'), finals_by_snapshot: watchers.reduce((s, w) => s + w.finalsBySnapshot(), 0),
        caught_up_at_end: caughtUp, unfinished: watchers.reduce((s, w) => s + w.unfinished().length, 0),
      },
    };
  } finally {
    for (const w of watchers) w.close();
    await connection?.close();
    await db?.close();
    await sup.stopAll();
  }
}

function mergeCounts(maps: Map<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of maps) for (const [k, v] of m) out[k] = (out[k] ?? 0) + v;
  return out;
}

const refusals = new Map<string, number>();
/** Each new reason a node refused a job is logged once: the faults explain most of them. */
function refusal(why: string): void {
  if (!refusals.has(why)) log(`a submission was refused: ${why}`);
  refusals.set(why, (refusals.get(why) ?? 0) + 1);
}

async function register(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@example.com`, password: 'Chaos-Pass-123' }),
  });
  const body = await res.json() as { access_token?: string; detail?: string };
  if (res.status !== 201 || !body.access_token) throw new Error(`register: ${res.status} ${body.detail}`);
  return body.access_token;
}

/** The accepted job's id, or undefined when the node refused or could not be reached (not accepted). */
async function postJob(base: string, token: string, description: string, key: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${base}/api/games/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ description }), signal: AbortSignal.timeout(10_000),
    });
    const body = await res.json() as { job_id?: string; error_code?: string };
    if (!res.ok) refusal(`${res.status} ${body.error_code}`);
    return res.ok ? body.job_id : undefined;
  } catch (err) {
    refusal((err as Error).message);
    return undefined;
  }
}
