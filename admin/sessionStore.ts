// express-session store on the ioredis client we already use (admin sessions survive an
// API restart and are shared by every API node).
import session from 'express-session';
import type { Redis } from '../lib/redis.ts';

type Callback<T = unknown> = (err?: unknown, value?: T) => void;

export class RedisSessionStore extends session.Store {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(redis: Redis, opts: { prefix?: string; ttlSeconds?: number } = {}) {
    super();
    this.redis = redis;
    this.prefix = opts.prefix ?? 'admin:sess:';
    this.ttlSeconds = opts.ttlSeconds ?? 8 * 3600;
  }

  private ttl(sess: session.SessionData): number {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires).getTime() : undefined;
    return expires ? Math.max(1, Math.ceil((expires - Date.now()) / 1000)) : this.ttlSeconds;
  }

  override get(sid: string, cb: Callback<session.SessionData | null>): void {
    this.redis.get(this.prefix + sid).then(
      (raw) => cb(undefined, raw ? (JSON.parse(raw) as session.SessionData) : null),
      (err: unknown) => cb(err),
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    this.redis.set(this.prefix + sid, JSON.stringify(sess), 'EX', this.ttl(sess)).then(
      () => cb?.(),
      (err: unknown) => cb?.(err),
    );
  }

  override destroy(sid: string, cb?: Callback): void {
    this.redis.del(this.prefix + sid).then(
      () => cb?.(),
      (err: unknown) => cb?.(err),
    );
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    this.redis.expire(this.prefix + sid, this.ttl(sess)).then(
      () => cb?.(),
      (err: unknown) => cb?.(err),
    );
  }
}
