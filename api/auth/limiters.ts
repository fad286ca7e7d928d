// Every limit of the API on rate-limiter-flexible: counters in Redis (shared by every API node
// and by the console), each insured by an in-memory limiter that takes over while Redis is
// unreachable, so requests are still limited (per process) instead of failing with a 500.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from '../../lib/redis.ts';
import { AppError } from '../errors.ts';

export interface LimitSpec {
  /** Redis keys are `<prefix>:<key>`. */
  prefix: string;
  points: number;
  seconds: number;
}

// One limiter per client and spec: the API routes and the console share the in-memory
// insurance as they share the Redis counters.
const made = new WeakMap<Redis, Map<string, RateLimiterRedis>>();

export function insuredLimiter(redis: Redis, spec: LimitSpec): RateLimiterRedis {
  const id = `${spec.prefix}/${spec.points}/${spec.seconds}`;
  let forClient = made.get(redis);
  if (!forClient) made.set(redis, (forClient = new Map<string, RateLimiterRedis>()));
  let limiter = forClient.get(id);
  if (!limiter) {
    const opts = { keyPrefix: spec.prefix, points: spec.points, duration: spec.seconds };
    limiter = new RateLimiterRedis({
      ...opts,
      storeClient: redis,
      // A client that is reconnecting would hold the request until its retries run out.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
    forClient.set(id, limiter);
  }
  return limiter;
}

export interface Refusal {
  code: string;
  detail: string;
  context?: Record<string, unknown>;
}

/** Counts one use; throws 429 (Retry-After, {limit, used, remaining, reset}) once the limit is passed. */
export async function consumeOrRefuse(limiter: RateLimiterRedis, key: string, refusal: Refusal): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejected) {
    if (!(rejected instanceof RateLimiterRes)) throw rejected;
    throw tooMany(limiter.points, rejected, refusal);
  }
}

export function tooMany(limit: number, res: RateLimiterRes, refusal: Refusal): AppError {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError(429, refusal.code, refusal.detail, {
    limit, used: Math.min(limit, res.consumedPoints), remaining: 0,
    reset: new Date(Date.now() + retryAfter * 1000).toISOString(), ...refusal.context,
  }, { 'Retry-After': String(retryAfter) });
}
