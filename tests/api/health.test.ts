import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { createApp } from '../../api/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { createHealthChecks, healthConnection } from '../../api/health.ts';
import { createRedis } from '../../lib/redis.ts';
import { connectServices, type Services } from '../helpers/services.ts';

let s: Services;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
});
afterAll(async () => s.close());

describe('health routes against real Postgres, Redis and Temporal', () => {
  it('GET /api/health/ answers the seed shape', async () => {
    const res = await request(app).get('/api/health/').expect(200);
    expect(res.body).toEqual({ status: 'healthy', timestamp: expect.any(String), version: s.cfg.APP_VERSION });
    expect(Number.isNaN(Date.parse(res.body.timestamp))).toBe(false);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(res.headers['x-process-time'])).toBeGreaterThanOrEqual(0);
  });

  it('GET /api/health/detailed reports each dependency with status and response time', async () => {
    const res = await request(app).get('/api/health/detailed').expect(200);
    expect(res.body.status).toBe('healthy');
    for (const name of ['database', 'redis', 'temporal']) {
      expect(res.body.services[name].status).toBe('healthy');
      expect(typeof res.body.services[name].response_time).toBe('number');
    }
    expect(res.body.services.redis.connected_clients).toBeGreaterThan(0);
    expect(res.body.services.temporal.namespace).toBe(s.cfg.TEMPORAL_NAMESPACE);
    expect(res.body.metrics).toEqual({
      active_sessions: expect.any(Number), games_generated_today: expect.any(Number),
      average_response_time: expect.any(Number), error_rate: expect.any(Number),
    });
  });

  it('readiness is ready when all three answer and templates are loaded', async () => {
    const res = await request(app).get('/api/health/readiness').expect(200);
    expect(res.body).toEqual({
      status: 'ready',
      checks: { database: 'ready', redis: 'ready', temporal: 'ready', template_loading: 'ready' },
    });
  });

  it('liveness answers with an uptime', async () => {
    const res = await request(app).get('/api/health/liveness').expect(200);
    expect(res.body.status).toBe('alive');
    expect(res.body.uptime).toMatch(/^\d+d \d+h \d+m \d+s$/);
  });

  it('readiness is 503 and names what is down when Redis and Temporal do not answer', async () => {
    // Real clients pointed at a closed port on this machine: nothing is faked.
    const deadRedis = createRedis('redis://127.0.0.1:1/0', 'dead');
    const deadTemporal = healthConnection('127.0.0.1:1');
    const health = createHealthChecks({
      sequelize: s.db.sequelize, redis: deadRedis, temporal: deadTemporal, namespace: 'x', taskQueue: 'x',
    });
    const broken = (await buildTestApp(s, { health })).app;
    try {
      const ready = await request(broken).get('/api/health/readiness').expect(503);
      expect(ready.body.status).toBe('not_ready');
      expect(ready.body.checks).toMatchObject({ database: 'ready', redis: 'not_ready', temporal: 'not_ready' });
      const detailed = await request(broken).get('/api/health/detailed').expect(503);
      expect(detailed.body.status).toBe('degraded');
      expect(detailed.body.services.redis.status).toBe('unhealthy');
      expect(detailed.body.services.database.status).toBe('healthy');
    } finally {
      deadRedis.disconnect();
      await deadTemporal.close().catch(() => undefined);
    }
  });

  it('unknown routes and bad JSON get {detail, error_code, context} and no stack', async () => {
    const missing = await request(app).get('/api/nope').expect(404);
    expect(missing.body).toEqual({
      detail: expect.any(String), error_code: 'route_not_found',
      context: expect.objectContaining({ path: '/api/nope' }),
    });
    const bad = await request(app).post('/api/health/').set('content-type', 'application/json').send('{"a":')
      .expect(400);
    expect(bad.body.error_code).toBe('invalid_json');
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts:\d+/);
    const big = await request(app).post('/api/health/').set('content-type', 'application/json')
      .send(JSON.stringify({ a: 'x'.repeat(300_000) })).expect(413);
    expect(big.body.error_code).toBe('payload_too_large');
  });
});
