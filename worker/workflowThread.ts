// Loaded with --import (WORKER_NODE_FLAGS) into the worker process's threads that inherit its
// flags: the main thread and Temporal's workflow threads (the scan threads start with flags of
// their own). In a workflow thread it turns off the SDK's collection of pending-promise stack
// traces unless the worker asked for them (WORKFLOW_STACK_TRACES): for every promise a workflow
// creates, the SDK captures a stack, source-maps each frame and keeps it, only to answer the
// `__stack_trace` query (Temporal UI's Stack Trace tab). Measured (npm run bench -- pipeline,
// 10 jobs at a time): 4-5 ms of CPU per job, 5% of the whole stack's. The SDK supports running
// without them (that query then answers that stack traces are not enabled on this worker).
import { createRequire } from 'node:module';
import { getEnvironmentData, isMainThread } from 'node:worker_threads';
import { WORKFLOW_STACK_TRACES_DATA } from '../lib/workerFlags.ts';

interface GlobalHandlers { setPromiseHook?: () => void }

if (!isMainThread && getEnvironmentData(WORKFLOW_STACK_TRACES_DATA) === false) {
  // The module the SDK's workflow thread loads next (same file, so the same instance): its
  // install() sets the stack-trace hook on the first workflow bundle, after this has run.
  const vmShared = createRequire(import.meta.url)('@temporalio/worker/lib/workflow/vm-shared.js') as {
    globalHandlers?: GlobalHandlers;
  };
  const handlers = vmShared.globalHandlers;
  if (typeof handlers?.setPromiseHook !== 'function') {
    throw new Error('@temporalio/worker changed: its workflow stack traces cannot be turned off here ' +
      '(worker/workflowThread.ts)');
  }
  handlers.setPromiseHook = () => undefined;
}
