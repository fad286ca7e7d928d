// SIGKILL the worker process while each job is held inside a different step, each step seen
// from outside (the job's row, the model's requests, the workflow's history), never guessed
// with a sleep: planning (its job row locked), waiting on the model (the call hangs), checking
// and storing before the insert (the game row locked; the check, a local step, is recorded only
// with the workflow task that ends after the store), and after the insert with the completion
// lost on its way to Temporal (the worker's connection held, then cut). A new worker finishes
// every job, each with exactly one version — for the last, the one written before the kill.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Transaction } from 'sequelize';
import { startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { activitySteps } from '../../lib/workflowHistory.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { testConfig } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.ts';
import { FAKE_OPENAI_KEY, startFakeOpenAI, type FakeLlmServer } from '../../fakes/llmServers.ts';

const root = join(import.meta.dirname, '../..');
let s: Services;
let openai: FakeLlmServer;
let jobs: JobDeps;
let env: NodeJS.ProcessEnv;
let proxy: TcpProxy;

function startWorkerProcess(temporalAddress: string): ChildProcess {
  const args = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', 'worker/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root, env: { ...env, TEMPORAL_ADDRESS: temporalAddress }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', () => undefined);
  return child;
}

async function untilPollers(present: boolean): Promise<void> {
  await waitFor(`worker pollers ${present ? 'present' : 'gone'}`, 30, async () => {
    const tq = await s.temporal.workflowService.describeTaskQueue({
      namespace: jobs.cfg.TEMPORAL_NAMESPACE, taskQueue: { name: jobs.cfg.TEMPORAL_TASK_QUEUE }, taskQueueType: 1,
    });
    return (tq.pollers?.length ?? 0) > 0 === present;
  });
}

/** Model requests made for one job, told apart by its prompt. */
const requestsFor = (tag: string) => openai.requests.filter((r) => r.rawBody.includes(tag)).length;

/** A lock on one row, held until released: the job that needs the row waits inside its step. */
async function lockRow(model: 'Game' | 'Job', id: string): Promise<Transaction> {
  const t = await s.db.sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED });
  const options = { transaction: t, lock: t.LOCK.UPDATE };
  await (model === 'Game' ? s.db.models.Game.findByPk(id, options) : s.db.models.Job.findByPk(id, options));
  return t;
}

/** The steps Temporal has recorded for a job (read by the test's own client, not the worker's). */
async function recordedSteps(workflowId: string): Promise<string[]> {
  const history = await s.client.workflow.getHandle(workflowId).fetchHistory();
  return activitySteps(history).map((step) => step.type);
}

beforeAll(async () => {
  s = await connectServices();
  openai = await startFakeOpenAI();
  const cfg = testConfig(s, {
    LLM_PROVIDERS: 'openai', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
    LLM_TIMEOUT_SECONDS: '30',
  });
  jobs = { cfg, db: s.db, temporal: s.client };
  env = {
    ...process.env, TEMPORAL_TASK_QUEUE: cfg.TEMPORAL_TASK_QUEUE, LLM_PROVIDERS: 'openai',
    OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL, LOG_LEVEL: 'warn',
  };
  const [host, port] = cfg.TEMPORAL_ADDRESS.split(':');
  proxy = await startTcpProxy({ host: host!, port: Number(port) });
}, 30_000);

afterAll(async () => {
  await proxy?.close();
  await openai?.close();
  await s?.close();
});

describe('durability', () => {
  it('every job completes with exactly one version after the worker is SIGKILLed inside each step', async () => {
    const owner = await createUser(s);
    const caller = { id: owner.user.id, role: 'user' as const, username: owner.user.username };
    const start = async (prompt: string) => (await startJob(jobs, caller, { kind: 'create', prompt })).job;
    const locks: Transaction[] = [];
    // P is started before any worker polls, so its row is locked before its first step runs.
    const p = await start('job P: a puzzle game');
    locks.push(await lockRow('Job', p.id));
    let worker = startWorkerProcess(proxy.address);
    try {
      await untilPollers(true);
      // P: inside prepareJob, which waits to mark the job started.
      await waitFor('job P planning', 20, async () => (await s.client.workflow.getHandle(p.workflowId!)
        .fetchHistory()).events!.some((e) => e.workflowTaskStartedEventAttributes));
      // A: waiting on the model, whose first call hangs until the worker dies.
      openai.script([{ kind: 'hang' }]);
      const a = await start('job A: a blue platformer');
      await waitFor('job A at the model', 20, () => requestsFor('job A') === 1);
      // B and D: inside storeVersion, before the insert (their game rows are locked).
      const b = await start('job B: a racing game');
      const d = await start('job D: a space shooter');
      const lockB = await lockRow('Game', b.gameId!);
      const lockD = await lockRow('Game', d.gameId!);
      locks.push(lockB, lockD);
      for (const j of [b, d]) {
        await waitFor(`job ${j.id} versioning`, 20, async () => (await j.reload()).state === 'versioning');
      }
      // D: the worker's link to Temporal is held, then D's insert goes through: the version is
      // written and its step completed in the worker, but Temporal never hears of it.
      proxy.hold();
      await lockD.commit();
      await waitFor('job D version written', 20, async () =>
        (await s.db.models.GameVersion.count({ where: { jobId: d.id } })) === 1);
      const written = await s.db.models.GameVersion.findOne({ where: { jobId: d.id } });

      // What each job had done when the kill landed, as Temporal and the database knew it.
      expect((await p.reload()).startedAt).toBeNull();
      expect(await recordedSteps(p.workflowId!)).toEqual([]);
      expect(await recordedSteps(a.workflowId!)).toEqual(['prepareJob', 'generateWithOpenAI']);
      expect(await s.db.models.GameVersion.count({ where: { jobId: b.id } })).toBe(0);
      // Local steps are recorded with the workflow task that ran them: for Temporal, B and D are
      // still inside their checks (checkDraft ran in the worker; no marker of it exists yet).
      expect(await recordedSteps(b.workflowId!)).toEqual(['prepareJob', 'generateWithOpenAI']);
      expect(await recordedSteps(d.workflowId!)).toEqual(['prepareJob', 'generateWithOpenAI']);

      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
      proxy.cut();
      proxy.release();
      for (const lock of [locks[0]!, lockB]) await lock.commit();
      worker = startWorkerProcess(jobs.cfg.TEMPORAL_ADDRESS);

      const all = [p, a, b, d];
      const results = await Promise.all(all.map(async (j) =>
        (await s.client.workflow.getHandle(j.workflowId!).result()) as GameJobResult));
      expect(results.map((r) => r.state)).toEqual(all.map(() => 'completed'));
      for (const j of all) {
        expect(await s.db.models.GameVersion.count({ where: { gameId: j.gameId! } })).toBe(1);
        expect(await s.db.models.GameVersion.count({ where: { jobId: j.id } })).toBe(1);
      }
      // A's model call was made again by the new worker (the hanging one was its only call before).
      expect(requestsFor('job A')).toBe(2);
      // D's step ran again and found its version: the one written before the kill, not a second.
      const dResult = results[3]!;
      expect(dResult.version_id).toBe(written!.id);
      expect(await recordedSteps(d.workflowId!)).toContain('storeVersion');
      for (const j of [b, d]) expect(await recordedSteps(j.workflowId!)).toContain('checkDraft');
    } finally {
      // A failed expectation must not leave a row locked under a worker that waits for it to stop.
      proxy.release();
      for (const lock of locks) if (!(lock as unknown as { finished?: string }).finished) await lock.rollback();
      worker.kill('SIGTERM');
      await new Promise((r) => (worker.exitCode !== null ? r(null) : worker.once('exit', r)));
    }
  }, 150_000);
});
