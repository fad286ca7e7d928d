// The workflow threads' setup (worker/workflowThread.ts, loaded by WORKER_NODE_FLAGS): a thread
// that inherits the worker's flags installs the SDK's global handlers as a workflow thread does;
// the stack-trace promise hook is left out unless the worker asked for stack traces, and the
// main thread is never touched.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKER_NODE_FLAGS, WORKFLOW_STACK_TRACES_DATA } from '../../lib/workerFlags.ts';

const root = join(import.meta.dirname, '../..');
const vmShared = join(root, 'node_modules/@temporalio/worker/lib/workflow/vm-shared.js');

function hookInstalled(stackTraces: boolean | undefined): { main: boolean; thread: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'pf-wft-'));
  try {
    // What the SDK's workflow thread does first: load vm-shared and install its handlers.
    writeFileSync(join(dir, 'thread.cjs'), `
      const { parentPort } = require('node:worker_threads');
      const { globalHandlers } = require(${JSON.stringify(vmShared)});
      globalHandlers.install();
      parentPort.postMessage(globalHandlers.promiseHookInstalled);`);
    writeFileSync(join(dir, 'main.mjs'), `
      import { Worker, setEnvironmentData } from 'node:worker_threads';
      import { createRequire } from 'node:module';
      const stackTraces = ${JSON.stringify(stackTraces ?? null)};
      if (stackTraces !== null) setEnvironmentData(${JSON.stringify(WORKFLOW_STACK_TRACES_DATA)}, stackTraces);
      const { globalHandlers } = createRequire(import.meta.url)(${JSON.stringify(vmShared)});
      globalHandlers.install();
      new Worker(${JSON.stringify(join(dir, 'thread.cjs'))}).once('message', (thread) => {
        process.stdout.write(JSON.stringify({ main: globalHandlers.promiseHookInstalled, thread }));
      });`);
    const r = spawnSync(process.execPath, [...WORKER_NODE_FLAGS, join(dir, 'main.mjs')], {
      cwd: root, encoding: 'utf8', timeout: 30_000,
    });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { main: boolean; thread: boolean };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('workflow threads of the worker process', () => {
  it('collect no promise stack traces when the worker turned them off (WORKFLOW_STACK_TRACES=false)', () => {
    expect(hookInstalled(false)).toEqual({ main: true, thread: false });
  });

  it('keep the SDK default when stack traces are asked for, or when nothing was said', () => {
    expect(hookInstalled(true)).toEqual({ main: true, thread: true });
    expect(hookInstalled(undefined)).toEqual({ main: true, thread: true });
  });
});
