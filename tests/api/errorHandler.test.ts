// What a failure that is no fault of the request reads as: PostgreSQL out of reach (restarting,
// as in the chaos run) is a 503 the client may retry; anything unknown stays a plain 500.
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ConnectionError } from 'sequelize';
import { requestContext } from '../../api/middleware/requestContext.ts';
import { errorHandler } from '../../api/middleware/errorHandler.ts';
import { createLogger } from '../../lib/logger.ts';

const app = express()
  .use(requestContext(createLogger({ LOG_LEVEL: 'silent' }, 'test')))
  .get('/db-down', () => {
    throw new ConnectionError(new Error('the database system is shutting down'));
  })
  .get('/bug', () => {
    throw new Error('secret internals');
  })
  .use(errorHandler);

describe('errorHandler', () => {
  it('answers a lost database connection with 503 database_unavailable and Retry-After', async () => {
    const res = await request(app).get('/db-down');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body).toMatchObject({ error_code: 'database_unavailable', detail: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain('shutting down');
  });

  it('keeps anything else a plain 500 that tells nothing of the cause', async () => {
    const res = await request(app).get('/bug');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error_code: 'internal_error' });
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});
