// The worker process's V8 limits, passed as node flags wherever a worker is started (the stack,
// the benchmarks, docker-compose's command). Measured (npm run bench -- pipeline, 10 jobs at a
// time): with Node's defaults each isolate of the worker — the main one, the workflow thread,
// the scan threads — grows its young generation to tens of MB and the process peaked at
// ~650 MB; with these it peaked under 370 MB at the same throughput.
// The --import runs worker/workflowThread.ts in the workflow threads (stack traces, see there).
export const WORKER_NODE_FLAGS = [
  '--max-semi-space-size=4', '--max-old-space-size=320', '--import=./worker/workflowThread.ts',
] as const;

/** Environment data (worker_threads) telling the workflow threads whether to keep stack traces. */
export const WORKFLOW_STACK_TRACES_DATA = 'playforge.workflowStackTraces';

// And its allocator: glibc gives each thread that allocates an arena of its own, and the worker's
// threads (V8's, the Temporal core's, libuv's) left the process ~25 MB larger under load. Two
// arenas: peak RSS at 10 jobs at a time 383 -> 357 MB, same throughput.
export const WORKER_ENV = { MALLOC_ARENA_MAX: '2' } as const;
