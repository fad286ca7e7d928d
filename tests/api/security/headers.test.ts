// Security headers (helmet) on JSON answers, the console and the docs, /play left exactly as it
// was; and access log lines (pino-http), including one for a request the client aborted, with
// no query string or credential in them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { composeApi } from '../../../bench/apiServer.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';

let s: Services;
let app: Express;

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s, { admin: true })).app;
}, 60_000);
afterAll(async () => s?.close());

const HELMET = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

describe('security headers', () => {
  it('JSON answers (found or not) carry helmet\'s headers and default-src \'none\'', async () => {
    for (const path of ['/api/templates', '/api/health/liveness', '/api/no-such-route', '/no-such-page']) {
      const res = await request(app).get(path);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.headers).toMatchObject({ ...HELMET, 'x-frame-options': 'DENY' });
      expect(res.headers['content-security-policy'])
        .toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    }
  });

  it('the console gets the same headers, framing by itself only, and no CSP that would stop AdminJS', async () => {
    const res = await request(app).get('/admin/login').expect(200);
    expect(res.headers).toMatchObject({ ...HELMET, 'x-frame-options': 'SAMEORIGIN' });
    expect(res.headers['content-security-policy']).toBeUndefined();
  });

  it('the docs keep their own CSP', async () => {
    const res = await request(app).get('/api/docs').expect(200);
    expect(res.headers).toMatchObject({ ...HELMET, 'x-frame-options': 'DENY' });
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'; /);
  });

  it('/play keeps exactly the headers it had (no helmet)', async () => {
    const res = await request(app).get('/play/not-a-game/1');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(res.headers['cross-origin-resource-policy']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/sandbox$/);
  });
});

describe('access log', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    return { lines, logger: pino({ level: 'info' }, stream) };
  }

  it('one line per request: method, path without the query, status; no token or header', async () => {
    const { lines, logger } = capture();
    const logged = await composeApi({ ...s, temporal: s.client, logger });
    await request(logged).get('/api/health/liveness?t=query-secret-123')
      .set('Authorization', 'Bearer header-secret-456').set('Cookie', 'playforge.admin=cookie-secret-789').expect(200);
    const line = lines.find((l) => l.msg === 'request completed');
    expect(line).toMatchObject({
      level: 30, request_id: expect.any(String), req: { method: 'GET', path: '/api/health/liveness' },
      res: { status: 200 },
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret-(123|456|789)/);
  });

  it('a request the client aborts gets its line too', async () => {
    const { lines, logger } = capture();
    const server = createServer(await composeApi({ ...s, temporal: s.client, logger }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const req = httpRequest({
        host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login',
        headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' },
      });
      req.on('error', () => undefined);
      req.write('{"login":');
      await new Promise((r) => setTimeout(r, 300));
      req.destroy();
      const deadline = Date.now() + 5000;
      while (!lines.some((l) => l.msg === 'request aborted') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(lines.find((l) => l.msg === 'request aborted')).toMatchObject({
        level: 40, request_id: expect.any(String), req: { method: 'POST', path: '/api/auth/login' },
      });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
