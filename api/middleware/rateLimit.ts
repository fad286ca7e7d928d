// Limits kept in Redis, so they hold across API nodes and restarts: the per-user generation
// quota (per minute and per day), the per-IP request rate, registrations per IP and account
// mails per address and IP (the last three on rate-limiter-flexible, insured in memory). Over a
// limit: 429 with {limit, used, remaining, reset} and Retry-After.
import { identifierDigest } from '../../lib/keys.ts';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../config.ts';
import type { Redis } from '../../lib/redis.ts';
import { AppError } from '../errors.ts';
import { hasPremiumQuota, type Caller } from '../policies.ts';
import { consumeOrRefuse, insuredLimiter } from '../auth/limiters.ts';

interface Window {
  name: string;
  seconds: number;
  limit: number;
}

/** Counts one use in each window; throws 429 when one of them is already full. */
async function consume(redis: Redis, key: string, windows: Window[], what: string): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const multi = redis.multi();
  const keys = windows.map((w) => `${key}:${w.name}:${Math.floor(now / w.seconds)}`);
  keys.forEach((k, i) => multi.incr(k).expire(k, windows[i]!.seconds + 5));
  const results = (await multi.exec()) ?? [];
  for (const [i, w] of windows.entries()) {
    const used = Number(results[i * 2]?.[1] ?? 0);
    if (used > w.limit) {
      const reset = (Math.floor(now / w.seconds) + 1) * w.seconds;
      // The refused attempt counts in no window.
      const undo = redis.multi();
      keys.forEach((k) => undo.decr(k));
      await undo.exec();
      throw new AppError(429, 'rate_limited', `${what} limit reached (${w.limit} per ${w.name})`, {
        limit: w.limit, used: w.limit, remaining: 0, reset: new Date(reset * 1000).toISOString(), window: w.name,
      }, { 'Retry-After': String(Math.max(1, reset - now)) });
    }
  }
}

/** One generation against the caller's quota (HTTP routes and socket requests alike), charged
 *  by the use case once every other refusal has been answered. */
export async function consumeGenerationQuota(
  cfg: Config, redis: Redis, caller: Pick<Caller, 'id' | 'role'>,
): Promise<void> {
  const perDay = hasPremiumQuota(caller) ? cfg.PREMIUM_GENERATIONS_PER_DAY : cfg.GENERATIONS_PER_DAY;
  await consume(redis, `quota:gen:${caller.id}`, [
    { name: 'minute', seconds: 60, limit: cfg.GENERATIONS_PER_MINUTE },
    { name: 'day', seconds: 86_400, limit: perDay },
  ], 'Generation');
}

/** Every /api request except health probes: per client IP (in memory while Redis is down). */
export function apiRate(cfg: Config, redis: Redis) {
  const limiter = insuredLimiter(redis, { prefix: 'rate:ip', points: cfg.API_REQUESTS_PER_MINUTE, seconds: 60 });
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    if (req.path.startsWith('/health')) return next();
    await consumeOrRefuse(limiter, req.ip ?? 'unknown', {
      code: 'rate_limited', detail: `Request limit reached (${cfg.API_REQUESTS_PER_MINUTE} per minute)`,
      context: { window: 'minute' },
    });
    next();
  };
}

/** Accounts created from one address: each costs a bcrypt hash at the real cost. */
export function registrationRate(cfg: Config, redis: Redis) {
  const limiter = insuredLimiter(redis, {
    prefix: 'rate:register:ip', points: cfg.REGISTRATIONS_PER_IP_PER_HOUR, seconds: 3600,
  });
  return (ip: string | undefined): Promise<void> => consumeOrRefuse(limiter, ip ?? 'unknown', {
    code: 'rate_limited',
    detail: `Registration limit reached (${cfg.REGISTRATIONS_PER_IP_PER_HOUR} per hour from one address)`,
    context: { window: 'hour' },
  });
}

/** Account mails asked for, per address (hashed, so no address is written into Redis in clear;
 *  unknown addresses count like real ones) and, for password resets, per client IP. */
export function accountEmailRate(cfg: Config, redis: Redis) {
  const perAddress = insuredLimiter(redis, {
    prefix: 'rate:email:address', points: cfg.EMAILS_PER_ADDRESS_PER_HOUR, seconds: 3600,
  });
  const perIp = insuredLimiter(redis, {
    prefix: 'rate:email:reset:ip', points: cfg.PASSWORD_RESETS_PER_IP_PER_HOUR, seconds: 3600,
  });
  const refusal = (scope: string, limit: number) => ({
    code: 'rate_limited', detail: `Too many e-mails asked for (${limit} per hour per ${scope}); try again later`,
    context: { window: 'hour', scope },
  });
  return {
    address: (email: string): Promise<void> => consumeOrRefuse(
      perAddress, identifierDigest(email),
      refusal('address', cfg.EMAILS_PER_ADDRESS_PER_HOUR),
    ),
    ip: (ip: string | undefined): Promise<void> => consumeOrRefuse(
      perIp, ip ?? 'unknown', refusal('ip', cfg.PASSWORD_RESETS_PER_IP_PER_HOUR),
    ),
  };
}
