// Builds the Temporal worker that hosts workflows/ and activities/. Shared by the worker
// process and by tests, which run the same worker in-process against the real server.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { createActivities, type ActivityDeps } from '../activities/index.ts';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export async function createPlayforgeWorker(opts: {
  cfg: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>;
  deps: ActivityDeps;
  connection?: NativeConnection;
  overrides?: Partial<WorkerOptions>;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = opts.connection ?? (await NativeConnection.connect({ address: opts.cfg.TEMPORAL_ADDRESS }));
  const worker = await Worker.create({
    connection,
    namespace: opts.cfg.TEMPORAL_NAMESPACE,
    taskQueue: opts.cfg.TEMPORAL_TASK_QUEUE,
    workflowsPath,
    activities: createActivities(opts.deps),
    ...opts.overrides,
  });
  return { worker, connection };
}
