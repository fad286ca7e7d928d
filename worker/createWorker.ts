// Builds the Temporal worker that hosts workflows/ and activities/. Shared by the worker
// process and by tests, which run the same worker in-process against the real server.
import { NativeConnection, Runtime, Worker, type InjectedSinks, type WorkerOptions } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { createActivities, type ActivityDeps } from '../activities/index.ts';
import { createProgressPublisher } from '../activities/notify.ts';
import type { ProgressSinks } from '../workflows/messages.ts';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export async function createPlayforgeWorker(opts: {
  cfg: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>;
  deps: ActivityDeps;
  connection?: NativeConnection;
  overrides?: Partial<WorkerOptions>;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = opts.connection ?? (await NativeConnection.connect({ address: opts.cfg.TEMPORAL_ADDRESS }));
  const progress = createProgressPublisher(opts.deps);
  const sinks: InjectedSinks<ProgressSinks> = {
    progress: {
      publish: {
        // Best effort, like every progress event: a failure is logged, the job goes on.
        fn: (info, delivery) => progress.publish(delivery).catch((e: unknown) => {
          Runtime.instance().logger.warn('progress event not published', {
            workflowId: info.workflowId, seq: delivery.event.seq, error: e instanceof Error ? e.message : String(e),
          });
        }),
        // Replay rebuilds a workflow's state; its events were sent when they happened.
        callDuringReplay: false,
      },
    },
  };
  const worker = await Worker.create({
    connection,
    namespace: opts.cfg.TEMPORAL_NAMESPACE,
    taskQueue: opts.cfg.TEMPORAL_TASK_QUEUE,
    // A bundle built beforehand (worker/main.ts) or, in tests, bundled here from the sources.
    ...(opts.overrides?.workflowBundle ? {} : { workflowsPath }),
    activities: createActivities(opts.deps, progress),
    sinks,
    ...opts.overrides,
  });
  return { worker, connection };
}
