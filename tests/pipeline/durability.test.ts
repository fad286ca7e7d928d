// SIGKILL the worker process while jobs are in different steps (waiting on the model,
// writing the version, validating and scanning); a new worker finishes every job, and each
// has exactly one version.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Transaction } from 'sequelize';
import { startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { testConfig } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import { FAKE_OPENAI_KEY, startFakeOpenAI, type FakeLlmServer } from '../../fakes/llmServers.ts';

const root = join(import.meta.dirname, '../..');
let s: Services;
let openai: FakeLlmServer;
let jobs: JobDeps;
let env: NodeJS.ProcessEnv;

function startWorkerProcess(): ChildProcess {
  const args = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', 'worker/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'],
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
}, 30_000);

afterAll(async () => {
  await openai?.close();
  await s?.close();
});

describe('durability', () => {
  it('every job completes with exactly one version after the worker is SIGKILLed mid-step', async () => {
    const owner = await createUser(s);
    const caller = { id: owner.user.id, role: 'user' as const, username: owner.user.username };
    let worker = startWorkerProcess();
    try {
      await untilPollers(true);
      // Job A waits on the model: the first call hangs until the worker dies.
      openai.script([{ kind: 'hang' }]);
      const a = (await startJob(jobs, caller, { kind: 'create', prompt: 'job A: a blue platformer' })).job;
      await waitFor('job A at the model', 20, () => openai.requests.length === 1);

      // Job B is held inside storeVersion by a lock on its game row.
      const b = (await startJob(jobs, caller, { kind: 'create', prompt: 'job B: a racing game' })).job;
      const lock = await s.db.sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED });
      await s.db.models.Game.findByPk(b.gameId!, { transaction: lock, lock: lock.LOCK.UPDATE });
      await waitFor('job B versioning', 20, async () => (await b.reload()).state === 'versioning');

      // Jobs C… are somewhere in generate/validate/scan/notify when the kill lands.
      const more = await Promise.all([1, 2, 3].map((i) =>
        startJob(jobs, caller, { kind: 'create', prompt: `job C${i}: a space shooter` })));
      await new Promise((r) => setTimeout(r, 150));

      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
      await lock.commit();
      worker = startWorkerProcess();

      const all = [a, b, ...more.map((m) => m.job)];
      const results = await Promise.all(all.map(async (j) =>
        (await s.client.workflow.getHandle(j.workflowId!).result()) as GameJobResult));
      expect(results.map((r) => r.state)).toEqual(all.map(() => 'completed'));
      for (const j of all) {
        expect(await s.db.models.GameVersion.count({ where: { gameId: j.gameId! } })).toBe(1);
        expect(await s.db.models.GameVersion.count({ where: { jobId: j.id } })).toBe(1);
      }
      // Job A's model call was made again by the new worker.
      expect(openai.requests.length).toBeGreaterThanOrEqual(2);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => (worker.exitCode !== null ? r(null) : worker.once('exit', r)));
    }
  }, 120_000);
});
