// Starting the Temporal dev server and making sure a namespace with our search attributes
// exists — on the dev server we start and on any external server named by TEMPORAL_ADDRESS.
import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { msToTs } from '@temporalio/common/lib/time.js';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTES } from '../../workflows/searchAttributes.ts';
import type { ServiceSpec } from './processes.ts';
import { waitFor } from './processes.ts';

const GRPC_NOT_FOUND = 5;

export function temporalDevServer(opts: {
  binary: string;
  dataRoot: string;
  port: number;
  uiPort: number;
  namespace: string;
  persist: boolean;
}): ServiceSpec {
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1', '--port', String(opts.port), '--ui-port', String(opts.uiPort),
    '--namespace', opts.namespace, '--log-level', 'warn',
    // Eager activities: the worker that schedules an activity gets it back in the answer to its
    // workflow task's completion, with no trip through matching. Measured with one job at a
    // time (npm run bench -- pipeline --concurrency 1): p50 199 ms without, 146 ms with.
    '--dynamic-config-value', 'system.enableActivityEagerExecution=true',
    '--dynamic-config-value', 'history.transferProcessorMaxPollRPS=1000',
    ...SEARCH_ATTRIBUTES.flatMap((k) => [
      '--search-attribute', `${k.name}=${k.type === 'KEYWORD' ? 'Keyword' : k.type}`,
    ]),
  ];
  // A db file keeps runs (and their history in Temporal UI) across restarts; tests start empty.
  if (opts.persist) args.push('--db-filename', join(opts.dataRoot, 'temporal', 'dev.db'));
  return { name: 'temporal', command: opts.binary, args, stopSignal: 'SIGTERM', stopTimeout: 15 };
}

export async function connectTemporal(address: string, seconds: number): Promise<Connection> {
  let connection: Connection | undefined;
  await waitFor(`Temporal at ${address}`, seconds, async () => {
    connection ??= await Connection.connect({ address, connectTimeout: 1000 });
    await connection.workflowService.getSystemInfo({});
    return true;
  });
  return connection!;
}

/** Idempotent: registers the namespace and the search attributes when missing. */
export async function ensureNamespace(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (err) {
    if ((err as { code?: number }).code !== GRPC_NOT_FOUND) throw err;
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('7 days'),
    });
  }
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTES.filter((k) => !(k.name in (customAttributes ?? {})));
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!]),
      ),
    });
  }
  // A namespace registered just now takes a moment to reach every frontend cache.
  await waitFor(`namespace ${namespace}`, 30, async () => {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  });
}
