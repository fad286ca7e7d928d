// Redis clients. Commands fail fast while Redis is down (health checks must answer
// quickly) but the client keeps reconnecting in the background.
import { Redis } from 'ioredis';

export type { Redis };

/** `autoPipelining`: commands issued in the same tick go out in one write (the worker's many
 *  small ones: each job's progress events, claims and flag reads). */
export function createRedis(url: string, name: string, opts: { autoPipelining?: boolean } = {}): Redis {
  return new Redis(url, {
    connectionName: `playforge-${name}`,
    enableAutoPipelining: opts.autoPipelining ?? false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** Round-trip time of a PING in ms; throws when Redis does not answer within timeoutMs. */
export async function pingRedis(redis: Redis, timeoutMs = 1000): Promise<number> {
  const started = performance.now();
  await withTimeout(redis.ping(), timeoutMs, 'redis ping');
  return Math.round((performance.now() - started) * 10) / 10;
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
