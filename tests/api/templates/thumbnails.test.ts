// Catalogue thumbnails against the real services: the start-up process plays each template's
// current code in Chromium with its declared controls and keeps the last frame under the code's
// hash, once per hash; GET /api/templates names it (thumbnail_url, null before it is made) with
// the genre, languages, controls and variables; GET /api/templates/:id/thumbnail serves it with
// cache headers, or 404 with the standard error body while it is not made.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { makeTemplateThumbnails, startTemplateThumbnails } from '../../../scripts/stack/thumbnails.ts';
import { versionsWithoutThumbnail } from '../../../db/thumbnails.ts';
import { buildOpenApi } from '../../../api/openapi.ts';
import { routeTable } from '../../../api/routes/index.ts';

let s: Services;
let app: Express;
const IDS = ['basic_platformer', 'snake'];
const PNG = '89504e470d0a1a0a';
type Listed = { id: string; thumbnail_url: string | null; preview_image: string | null }[];

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  const versions = await s.db.models.TemplateVersion.findAll({ where: { templateId: IDS } });
  await s.db.models.TemplateThumbnail.destroy({ where: { codeHash: versions.map((v) => v.codeHash) } });
});
afterAll(async () => {
  await s?.close();
});

const listed = async () => (await request(app).get('/api/templates').expect(200)).body.templates as Listed;

describe('template thumbnails', () => {
  it('before one is made: thumbnail_url is null and the thumbnail is a 404 with the standard error body', async () => {
    const snake = (await listed()).find((t) => t.id === 'snake')!;
    expect(snake).toMatchObject({ thumbnail_url: null, preview_image: null });
    const res = await request(app).get('/api/templates/snake/thumbnail').expect(404);
    expect(res.body).toEqual({
      detail: expect.stringContaining('not made yet'), error_code: 'thumbnail_not_ready',
      context: expect.objectContaining({ template_id: 'snake', version: expect.any(Number) }),
    });
    const unknown = await request(app).get('/api/templates/no_such_template/thumbnail').expect(404);
    expect(unknown.body).toMatchObject({ error_code: 'not_found', context: { template_id: 'no_such_template' } });
    await request(app).get('/api/templates/snake/thumbnail?v=not-hex').expect(400);
  });

  it('lists genre, languages, controls and variables for every template', async () => {
    const res = await request(app).get('/api/templates').expect(200);
    for (const t of res.body.templates) {
      expect(t).toMatchObject({
        genre: t.category, languages: ['en', 'fr', 'de', 'es'], variables: expect.any(Object),
        controls: { start: expect.any(Array), move: expect.any(Array), action: expect.any(Array) },
      });
      expect(t).toHaveProperty('thumbnail_url');
    }
  });

  it('plays each template once per code hash and keeps a mid-game picture', async () => {
    const run = await makeTemplateThumbnails(s.db, { chromiumPath: process.env.CHROMIUM_PATH, ids: IDS });
    expect(run).toEqual({ made: IDS, failed: [] });
    expect(await versionsWithoutThumbnail(s.db, IDS)).toEqual([]);
    expect(await makeTemplateThumbnails(s.db, { chromiumPath: process.env.CHROMIUM_PATH, ids: IDS }))
      .toEqual({ made: [], failed: [] });
    const versions = await s.db.models.TemplateVersion.findAll({ where: { templateId: IDS } });
    const rows = await s.db.models.TemplateThumbnail.findAll({ where: { codeHash: versions.map((v) => v.codeHash) } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.png.subarray(0, 8).toString('hex')).toBe(PNG);
      expect(row.width).toBeLessThanOrEqual(320);
      // Played with its declared controls: drawn, changing, responding, without errors.
      expect(row.playtestReport).toMatchObject({
        status: 'ok', canvas_nonblank: true, canvas_changes: true, responds: true, console_errors: [],
      });
    }
  }, 120_000);

  it('serves the picture: image/png, cached for good under its versioned URL, 304 when unchanged', async () => {
    const platformer = (await listed()).find((t) => t.id === 'basic_platformer')!;
    expect(platformer.thumbnail_url).toMatch(/^\/api\/templates\/basic_platformer\/thumbnail\?v=[0-9a-f]{16}$/);
    expect(platformer.preview_image).toBe(platformer.thumbnail_url);
    const res = await request(app).get(platformer.thumbnail_url!).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((res.body as Buffer).subarray(0, 8).toString('hex')).toBe(PNG);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(res.headers['last-modified']).toEqual(expect.any(String));
    await request(app).get(platformer.thumbnail_url!).set('If-None-Match', res.headers.etag!).expect(304);
    // Without v (or with the v of another version) it may change: cached briefly.
    for (const v of ['', '?v=00000000']) {
      const other = await request(app).get(`/api/templates/basic_platformer/thumbnail${v}`).expect(200);
      expect(other.headers['cache-control']).toBe('public, max-age=300');
    }
    // The detail shows it too.
    const detail = await request(app).get('/api/templates/basic_platformer').expect(200);
    expect(detail.body).toMatchObject({ thumbnail_url: platformer.thumbnail_url, languages: ['en', 'fr', 'de', 'es'] });
  });

  it('the start-up run stops after the template it is playing when the stack stops', async () => {
    const count = () => s.db.models.TemplateThumbnail.count();
    const before = await count();
    const lines: string[] = [];
    const run = startTemplateThumbnails(s.db, process.env.CHROMIUM_PATH, (m) => lines.push(m));
    await run.stop();
    expect(await count()).toBeLessThanOrEqual(before + 1);
    expect(lines.join('\n')).not.toMatch(/failed/);
  }, 120_000);

  it('without Chromium it makes nothing and says why', async () => {
    const lines: string[] = [];
    await startTemplateThumbnails(s.db, undefined, (m) => lines.push(m)).done;
    expect(lines).toEqual(['template thumbnails not made: no Chromium (set CHROMIUM_PATH)']);
  });

  it('is documented as a PNG in the OpenAPI document', () => {
    const doc = buildOpenApi(routeTable, { version: 'test' }) as {
      paths: Record<string, { get: { responses: Record<string, { content?: unknown }> } }>;
    };
    const op = doc.paths['/api/templates/{template_id}/thumbnail']!.get;
    expect(op.responses['200']!.content).toEqual({ 'image/png': { schema: { type: 'string', format: 'binary' } } });
    expect(op.responses['404']!.content).toHaveProperty(['application/json']);
  });
});
