// The worker process: hosts the game pipeline's workflows and activities.
import { Runtime } from '@temporalio/worker';
import { setEnvironmentData } from 'node:worker_threads';
import { loadConfigOrExit } from '../config.ts';
import { createDatabase } from '../db/index.ts';
import { createLogger } from '../lib/logger.ts';
import { createRedis } from '../lib/redis.ts';
import { createPlayforgeWorker } from './createWorker.ts';
import { bundleWorkflowsInChild } from './bundle.ts';
import { exitWithParent } from '../lib/process.ts';
import { WORKFLOW_STACK_TRACES_DATA } from '../lib/workerFlags.ts';
import { providerChain } from '../game/providers/chain.ts';
import { createScanner } from '../game/scan/index.ts';
import { createWarmBrowser } from '../game/scan/playtest/warm.ts';

const cfg = loadConfigOrExit();
const log = createLogger(cfg, 'worker');
// Temporal's runtime turns SIGINT/SIGTERM into a graceful worker shutdown.
Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });

const db = createDatabase(cfg.DATABASE_URL, { poolMax: cfg.DATABASE_POOL_MAX });
const redis = createRedis(cfg.REDIS_URL, 'worker', { autoPipelining: true });
const chain = providerChain(cfg);
for (const s of chain.skipped) log.info({ provider: s.name, reason: s.reason }, 'provider skipped');
const scanner = createScanner();
const browsers = cfg.BROWSER_PLAYTEST && cfg.CHROMIUM_PATH
  ? createWarmBrowser({ executablePath: cfg.CHROMIUM_PATH })
  : undefined;
// Read by worker/workflowThread.ts in each workflow thread the SDK starts below.
setEnvironmentData(WORKFLOW_STACK_TRACES_DATA, cfg.WORKFLOW_STACK_TRACES);
const { worker, connection } = await createPlayforgeWorker({
  cfg, deps: { cfg, db, redis, chain, scanner, browsers },
  overrides: {
    workflowBundle: await bundleWorkflowsInChild(),
    // Completed jobs leave the cache at once; this bounds the ones waiting (for a moderator).
    maxCachedWorkflows: 500,
  },
});
exitWithParent(() => worker.shutdown());
log.info(
  {
    taskQueue: cfg.TEMPORAL_TASK_QUEUE, namespace: cfg.TEMPORAL_NAMESPACE, providers: chain.order,
    email: cfg.SMTP_HOST ? `${cfg.SMTP_HOST}:${cfg.SMTP_PORT}` : 'off',
  },
  'worker started',
);
try {
  await worker.run();
} finally {
  await connection.close();
  await scanner.close();
  await browsers?.close();
  await db.close();
  redis.disconnect();
  log.info('worker stopped');
}
