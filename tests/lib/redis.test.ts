import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../config.ts';
import { createRedis, pingRedis, withTimeout } from '../../lib/redis.ts';

const cfg = loadConfig();
const redis = createRedis(cfg.REDIS_URL, 'test');
const sub = redis.duplicate();
afterAll(() => {
  redis.disconnect();
  sub.disconnect();
});

describe('Redis (real server)', () => {
  it('answers PING with a round-trip time and works on the test db', async () => {
    expect(await pingRedis(redis)).toBeGreaterThanOrEqual(0);
    expect(cfg.REDIS_URL).toMatch(/\/1$/);
    const key = `test:${randomUUID()}`;
    await redis.set(key, 'v', 'PX', 5000);
    expect(await redis.get(key)).toBe('v');
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('delivers a published message to a subscriber (what Socket.IO fan-out rests on)', async () => {
    const channel = `test:chan:${randomUUID()}`;
    await sub.subscribe(channel);
    const got = new Promise<string>((resolve) =>
      sub.on('message', (c: string, m: string) => c === channel && resolve(m)));
    await redis.publish(channel, 'hello');
    expect(await withTimeout(got, 2000, 'pubsub')).toBe('hello');
  });

  it('a client pointed at a closed port fails fast instead of hanging', async () => {
    const dead = createRedis('redis://127.0.0.1:1/0', 'dead');
    try {
      await expect(pingRedis(dead, 500)).rejects.toThrow();
    } finally {
      dead.disconnect();
    }
  });
});
