// Failed sign-ins counted in Redis, per account and per client address, so a password
// cannot be guessed quickly from one address nor against one account from many. Only
// failures count; a success clears the account's counter (not the address's). While a
// counter is full every attempt is refused before the password is even checked.
import { createHash } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Redis } from '../../lib/redis.ts';
import { AppError } from '../errors.ts';

export type ThrottleConfig = Pick<
  Config, 'LOGIN_MAX_FAILURES_PER_ACCOUNT' | 'LOGIN_MAX_FAILURES_PER_IP' | 'LOGIN_FAILURE_WINDOW_SECONDS'
>;

interface Counter {
  scope: 'account' | 'ip';
  key: string;
  limit: number;
}

const PREFIX = 'auth:login:fail';

/**
 * The account key is the user id when the account exists, else a hash of the name typed:
 * unknown names are throttled exactly like real ones (no enumeration through 429s), and no
 * e-mail address is written into Redis in clear.
 */
export function accountKey(user: { id: string } | null, identifier: string): string {
  if (user) return `${PREFIX}:acct:u:${user.id}`;
  return `${PREFIX}:acct:n:${createHash('sha256').update(identifier.toLowerCase()).digest('hex')}`;
}

export function createLoginThrottle(cfg: ThrottleConfig, redis: Redis) {
  const window = cfg.LOGIN_FAILURE_WINDOW_SECONDS;
  const counters = (account: string, ip: string | undefined): Counter[] => [
    { scope: 'account', key: account, limit: cfg.LOGIN_MAX_FAILURES_PER_ACCOUNT },
    { scope: 'ip', key: `${PREFIX}:ip:${ip ?? 'unknown'}`, limit: cfg.LOGIN_MAX_FAILURES_PER_IP },
  ];

  return {
    /** Throws 429 (Retry-After, {limit, used, remaining, reset}) when a counter is full. */
    async check(account: string, ip: string | undefined): Promise<void> {
      const cs = counters(account, ip);
      const multi = redis.multi();
      for (const c of cs) multi.get(c.key).ttl(c.key);
      const results = (await multi.exec()) ?? [];
      for (const [i, c] of cs.entries()) {
        const used = Number(results[i * 2]?.[1] ?? 0);
        if (used < c.limit) continue;
        const ttl = Number(results[i * 2 + 1]?.[1] ?? -1);
        const retryAfter = ttl > 0 ? ttl : window;
        throw new AppError(429, 'too_many_attempts', 'Too many failed sign-in attempts; try again later', {
          limit: c.limit, used, remaining: 0, reset: new Date(Date.now() + retryAfter * 1000).toISOString(),
          scope: c.scope,
        }, { 'Retry-After': String(retryAfter) });
      }
    },

    /** One more failure in each counter; the window starts at the first failure. */
    async fail(account: string, ip: string | undefined): Promise<void> {
      const multi = redis.multi();
      for (const c of counters(account, ip)) multi.incr(c.key).expire(c.key, window, 'NX');
      await multi.exec();
    },

    async succeed(account: string): Promise<void> {
      await redis.del(account);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
