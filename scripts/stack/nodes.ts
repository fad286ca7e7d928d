// The app's own processes in a local stack: N API nodes on consecutive ports (PORT, PORT+1, …)
// and N workers on one task queue, all sharing the stack's Temporal, PostgreSQL and Redis.
// Socket.IO's Redis adapter lets any API node deliver what any worker publishes.
import { resolve } from 'node:path';
import { WORKER_ENV, WORKER_NODE_FLAGS } from '../../lib/workerFlags.ts';
import { waitFor, type ServiceSpec, type Supervisor } from './processes.ts';

const root = resolve(import.meta.dirname, '../..');

export interface Scale {
  api: number;
  workers: number;
}

/** At most this many of each: every node is a Node process on a 2-core development machine. */
export const MAX_NODES = 8;

export class FlagError extends Error {
  override name = 'FlagError';
}

/** `--api N --workers N` (also `--api=N`); anything else, or a count outside 1..MAX_NODES, names the flag. */
export function parseScaleFlags(args: readonly string[]): Scale {
  const scale: Scale = { api: 1, workers: 1 };
  const keys: Record<string, keyof Scale> = { '--api': 'api', '--workers': 'workers' };
  for (let i = 0; i < args.length; i++) {
    const [flag = '', inline] = args[i]!.split(/=(.*)/s, 2);
    const key = keys[flag];
    if (!key) throw new FlagError(`unknown option ${flag}; npm start takes --api N and --workers N`);
    const value = inline ?? args[++i];
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_NODES) {
      throw new FlagError(`${flag} needs a whole number from 1 to ${MAX_NODES} (got ${value ?? 'nothing'})`);
    }
    scale[key] = Number(value);
  }
  return scale;
}

export interface AppNode {
  name: string;
  spec: ServiceSpec;
  /** The API node's port; undefined for a worker. */
  port?: number;
}

/** One name per node: a single node keeps the plain name (`api`, `worker`), more are numbered. */
export function appNodes(env: NodeJS.ProcessEnv, basePort: number, scale: Scale): AppNode[] {
  const named = (kind: string, i: number, n: number) => (n === 1 ? kind : `${kind}-${i + 1}`);
  const node = (name: string, script: string, extra: NodeJS.ProcessEnv, flags: readonly string[] = []) => ({
    name, command: process.execPath,
    args: ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', ...flags, script],
    cwd: root, env: { ...env, ...extra }, stopSignal: 'SIGTERM' as const, stopTimeout: 30,
  });
  const workers = Array.from({ length: scale.workers }, (_, i) => {
    const name = named('worker', i, scale.workers);
    return { name, spec: node(name, 'worker/main.ts', WORKER_ENV, WORKER_NODE_FLAGS) };
  });
  const apis = Array.from({ length: scale.api }, (_, i) => {
    const name = named('api', i, scale.api);
    const port = basePort + i;
    return { name, port, spec: node(name, 'api/main.ts', { PORT: String(port) }) };
  });
  return [...workers, ...apis];
}

export const apiUrl = (port: number): string => `http://127.0.0.1:${port}`;

/** Waits until the API node on `port` says its database, Redis and Temporal answer. */
export function apiReady(port: number, seconds: number): Promise<void> {
  return waitFor(`API readiness on port ${port}`, seconds, async () =>
    (await fetch(`${apiUrl(port)}/api/health/readiness`, { signal: AbortSignal.timeout(3000) })).status === 200);
}

/** Starts every node (workers first) and waits for each API node's readiness. */
export async function startNodes(sup: Supervisor, nodes: AppNode[], seconds: number): Promise<void> {
  for (const n of nodes) sup.start(n.spec);
  await Promise.all(nodes.flatMap((n) => (n.port === undefined ? [] : [apiReady(n.port, seconds)])));
}
