// stackProbe: a short run that `npm start` uses to prove the worker serves the task queue
// and reaches its dependencies before the stack is reported ready.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DiagnosticActivities, DependencyProbe } from '../activities/diagnostics.ts';

const { probeDependencies } = proxyActivities<DiagnosticActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3, initialInterval: '200 milliseconds' },
});

export interface StackProbeResult extends DependencyProbe {
  task_queue: string;
  workflow_id: string;
}

export async function stackProbe(): Promise<StackProbeResult> {
  const probe = await probeDependencies();
  const info = workflowInfo();
  return { ...probe, task_queue: info.taskQueue, workflow_id: info.workflowId };
}
