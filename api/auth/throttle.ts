// The one sign-in throttle of the API and the console, per account and per client address,
// so a password cannot be guessed quickly from one address nor against one account from many.
// Each attempt is counted BEFORE the password is checked (an atomic increment in Redis), so
// parallel guesses cannot all slip in while bcrypt runs; an attempt with the right password
// is refunded and clears the account's failures. Once a counter is full every attempt is
// refused before the password is even checked.
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.ts';
import type { Redis } from '../../lib/redis.ts';
import { insuredLimiter, tooMany } from './limiters.ts';
import { identifierDigest } from '../../lib/keys.ts';

export type ThrottleConfig = Pick<
  Config, 'LOGIN_MAX_FAILURES_PER_ACCOUNT' | 'LOGIN_MAX_FAILURES_PER_IP' | 'LOGIN_FAILURE_WINDOW_SECONDS'
>;

const PREFIX = 'auth:login:fail';

/**
 * The canonical account: the user id when the account exists (whichever spelling, username
 * or e-mail, was typed), else a hash of the lower-cased name typed: unknown names are
 * throttled exactly like real ones (no enumeration through 429s), and no e-mail address is
 * written into Redis in clear.
 */
export function accountKey(user: { id: string } | null, identifier: string): string {
  if (user) return `u:${user.id}`;
  return `n:${identifierDigest(identifier)}`;
}

export function createLoginThrottle(cfg: ThrottleConfig, redis: Redis) {
  const seconds = cfg.LOGIN_FAILURE_WINDOW_SECONDS;
  const account = insuredLimiter(redis, {
    prefix: `${PREFIX}:acct`, points: cfg.LOGIN_MAX_FAILURES_PER_ACCOUNT, seconds,
  });
  const address = insuredLimiter(redis, { prefix: `${PREFIX}:ip`, points: cfg.LOGIN_MAX_FAILURES_PER_IP, seconds });
  const ipKey = (ip: string | undefined) => ip ?? 'unknown';

  return {
    /** Counts the attempt; throws 429 (Retry-After, {limit, used, remaining, reset, scope}) past a limit. */
    async attempt(accountId: string, ip: string | undefined): Promise<void> {
      const outcomes = await Promise.allSettled([account.consume(accountId), address.consume(ipKey(ip))]);
      if (outcomes.every((o) => o.status === 'fulfilled')) return;
      // A refused attempt never reaches bcrypt: it is taken back from both counters, so a
      // locked account stays exactly at its limit however hard it is hammered.
      await Promise.all([account.reward(accountId), address.reward(ipKey(ip))]);
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.status === 'fulfilled') continue;
        if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
        const scope = i === 0 ? 'account' : 'ip';
        throw tooMany(i === 0 ? account.points : address.points, outcome.reason, {
          code: 'too_many_attempts', detail: 'Too many failed sign-in attempts; try again later', context: { scope },
        });
      }
    },

    /** The password was right: this attempt is refunded and the account's failures are forgotten. */
    async succeed(accountId: string, ip: string | undefined): Promise<void> {
      await Promise.all([account.delete(accountId), address.reward(ipKey(ip))]);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
