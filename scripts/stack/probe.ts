// Runs the stackProbe workflow through the real worker: the stack is ready only when a
// workflow round trip reaches the worker and its dependencies.
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../../config.ts';
import { stackProbe, type StackProbeResult } from '../../workflows/diagnostics.ts';

export async function runProbe(cfg: Config, seconds: number): Promise<StackProbeResult> {
  const connection = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });
    return await client.workflow.execute(stackProbe, {
      taskQueue: cfg.TEMPORAL_TASK_QUEUE,
      workflowId: `stack-probe-${Date.now()}`,
      workflowExecutionTimeout: `${seconds} seconds`,
    });
  } finally {
    await connection.close();
  }
}
