// Limits in Redis: the per-user generation quota (minute and day) and the per-IP rate.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parseConfig } from '../../config.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { buildTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/users.ts';

let s: Services;
beforeAll(async () => {
  s = await connectServices();
});
afterAll(async () => s.close());

const body = { description: 'a blue platformer with a golden coin' };

describe('limits', () => {
  it('the generation quota answers 429 with limit, used, remaining and reset, and Retry-After', async () => {
    // A task queue no worker serves: the jobs just wait, which is all this test needs.
    const cfg = parseConfig({
      ...process.env, GENERATIONS_PER_MINUTE: '2', TEMPORAL_TASK_QUEUE: 'limits-nobody-listens',
    });
    const { app } = await buildTestApp(s, { cfg });
    const { token } = await createUser(s);
    for (let i = 0; i < 2; i++) await request(app).post('/api/games/generate').set('Authorization', `Bearer ${token}`)
      .send(body).expect(202);
    const res = await request(app).post('/api/games/generate').set('Authorization', `Bearer ${token}`).send(body)
      .expect(429);
    expect(res.body).toEqual({
      detail: expect.stringContaining('2 per minute'), error_code: 'rate_limited',
      context: {
        limit: 2, used: 2, remaining: 0, reset: expect.any(String), window: 'minute', request_id: expect.any(String),
      },
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Date.parse(res.body.context.reset)).toBeGreaterThan(Date.now());
    // Another user has a quota of their own.
    const other = await createUser(s);
    await request(app).post('/api/games/generate').set('Authorization', `Bearer ${other.token}`).send(body).expect(202);
  }, 30_000);

  it('the daily cap holds even when the minute window has room', async () => {
    const cfg = parseConfig({
      ...process.env, GENERATIONS_PER_MINUTE: '100', GENERATIONS_PER_DAY: '1',
      TEMPORAL_TASK_QUEUE: 'limits-nobody-listens',
    });
    const { app } = await buildTestApp(s, { cfg });
    const { token } = await createUser(s);
    await request(app).post('/api/games/generate').set('Authorization', `Bearer ${token}`).send(body).expect(202);
    const res = await request(app).post('/api/games/generate').set('Authorization', `Bearer ${token}`).send(body)
      .expect(429);
    expect(res.body.context).toMatchObject({ limit: 1, window: 'day' });
  }, 30_000);

  it('the per-IP request rate answers 429 but never blocks health probes', async () => {
    const cfg = parseConfig({ ...process.env, API_REQUESTS_PER_MINUTE: '10' });
    const { app } = await buildTestApp(s, { cfg });
    await s.redis.eval("for _, k in ipairs(redis.call('keys', 'rate:ip:*')) do redis.call('del', k) end", 0);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await request(app).get('/api/jobs/00000000-0000-4000-8000-000000000000')).status);
    }
    expect(statuses.slice(0, 10).every((x) => x === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    await request(app).get('/api/health/liveness').expect(200);
    await s.redis.eval("for _, k in ipairs(redis.call('keys', 'rate:ip:*')) do redis.call('del', k) end", 0);
  }, 30_000);
});
