// The OpenAPI document covers the whole route table, and looks like valid OpenAPI 3.1: every
// path parameter declared, bearer security on every non-public route, JSON Schemas from zod.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { parseConfig } from '../../../config.ts';
import { routeTable } from '../../../api/routes/index.ts';
import { buildOpenApi, openApiPath, pathParamNames } from '../../../api/openapi.ts';
import { docsRouter, docsRoutes } from '../../../api/routes/docs/docs.ts';
import type { RouteSpec } from '../../../api/routeTable.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { buildTestApp } from '../../helpers/app.ts';

const table = routeTable;
type Param = { name: string; in: string; required: boolean; schema: Record<string, unknown> };
type Op = {
  operationId: string; tags: string[]; security: unknown[]; parameters: Param[]; responses: Record<string, unknown>;
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
};
type Doc = {
  openapi: string; info: { version: string }; paths: Record<string, Record<string, Op>>; tags: { name: string }[];
  components: { securitySchemes: Record<string, unknown> };
};
const doc = buildOpenApi(table, { version: '9.9.9' }) as Doc;

let s: Services;
beforeAll(async () => {
  s = await connectServices();
});
afterAll(async () => s.close());

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1.0 with every route of the table, each exactly once', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('9.9.9');
    expect(table.length).toBeGreaterThan(5);
    for (const r of table) {
      expect([r.method, r.path, Boolean(doc.paths[openApiPath(r.path)]?.[r.method])]).toEqual([r.method, r.path, true]);
    }
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations).toHaveLength(table.length);
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    // The play routes are in it too (they live outside /api but are part of the contract).
    expect(doc.paths['/play/{game_id}/{version}/game.html']?.get).toBeDefined();
  });

  it('declares every path parameter, and nothing in the path that is not a parameter', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).not.toContain(':');
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item)) {
        const declared = op.parameters.filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort()).toEqual([...names].sort());
        for (const p of declared) expect([p.name, p.required, typeof p.schema.type]).toEqual([p.name, true, 'string']);
      }
    }
    expect(pathParamNames('/api/jobs/:id/x/:other_id')).toEqual(['id', 'other_id']);
  });

  it('puts bearer security on every non-public route, tags, responses and JSON Schemas from zod', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const r of table) {
      const op = doc.paths[openApiPath(r.path)]![r.method]!;
      expect([r.path, op.security]).toEqual([r.path, r.access === 'public' ? [] : [{ bearerAuth: [] }]]);
      expect(op.tags).toEqual([r.tag]);
      expect(Object.keys(op.responses).sort()).toEqual(Object.keys(r.responses).sort());
      if (r.body) expect(op.requestBody?.content['application/json']?.schema.type).toBe('object');
      for (const p of op.parameters) expect(p.schema).not.toHaveProperty('$schema');
    }
    expect(new Set(doc.tags.map((t) => t.name))).toEqual(new Set(table.map((r) => r.tag)));
    const generate = table.find((r) => r.path === '/api/games/generate');
    if (generate) {
      const op = doc.paths['/api/games/generate']!.post!;
      expect(op.requestBody).toMatchObject({
        required: true, content: { 'application/json': { schema: { type: 'object', required: ['description'] } } },
      });
      expect(op.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['Prefer', 'Idempotency-Key']));
    }
    const play = doc.paths['/play/{game_id}/{version}']!.get!;
    expect(play.parameters)
      .toEqual(expect.arrayContaining([expect.objectContaining({ name: 't', in: 'query', required: false })]));
  });

  it('refuses a table that declares a route twice', () => {
    const r: RouteSpec = {
      method: 'get', path: '/api/x', tag: 't', access: 'public', summary: 's', responses: { 200: 'ok' },
    };
    expect(() => buildOpenApi([r, r], { version: '1' })).toThrow(/declared twice/);
  });

  it('is served at /api/openapi.json and viewed at /api/docs with local assets only', async () => {
    const cfg = parseConfig({ ...process.env });
    const app = express().use(docsRouter({ cfg, db: s.db }, table));
    const json = await request(app).get('/api/openapi.json').expect(200);
    expect(json.body.openapi).toBe('3.1.0');
    expect(Object.keys(json.body.paths)).toEqual(Object.keys(doc.paths));
    const page = await request(app).get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = page.headers['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Whatever it links to is on this origin: no CDN.
    for (const m of page.text.matchAll(/(?:src|href)="([^"]+)"/g)) expect(m[1]).toMatch(/^\/api\//);
    await request(app).get('/api/docs/init.js').expect(200).expect('Content-Type', /javascript/);
    await request(app).get('/api/docs/..%2Fpackage.json').expect(400);
  });

  it('is mounted by the app, from the whole route table', async () => {
    expect(docsRoutes.every((d) => routeTable.includes(d))).toBe(true);
    const { app } = await buildTestApp(s);
    const res = await request(app).get('/api/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(Object.keys(doc.paths));
    await request(app).get('/api/docs').expect(200).expect('Content-Type', /html/);
  });
});
