// /api/templates: the published catalogue (seed §3), one template with usage statistics
// (seed §11) and POST /process (seed §11): values checked against the template's specs,
// filled in by renderTemplate, validated.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { readConfig } from '../../../game/offline/index.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createUser } from '../../helpers/users.ts';
import { makeGame } from '../games/fixtures.ts';

let s: Services;
let app: Express;
let user: Awaited<ReturnType<typeof createUser>>;
const BUILT_IN = ['basic_platformer', 'basic_puzzle', 'basic_racing', 'basic_shooter'];
const made: string[] = [];
type Listed = { id: string; thumbnail_url?: string | null }[];

beforeAll(async () => {
  s = await connectServices();
  app = (await buildTestApp(s)).app;
  user = await createUser(s);
});
afterAll(async () => {
  // Test templates must not stay published for other suites' offline engine to choose.
  if (made.length) await s.db.models.Template.update({ status: 'archived' }, { where: { id: made } });
  await s?.close();
});

/** A template in the given status whose code is basic_platformer's current code. */
async function makeTemplate(status: 'draft' | 'published', category = 'testing'): Promise<string> {
  const id = `test_${randomBytes(5).toString('hex')}`;
  const source = await s.db.models.Template.findByPk('basic_platformer');
  const v = await s.db.models.TemplateVersion.findOne({ where: {
    templateId: 'basic_platformer', version: source!.currentVersion!,
  } });
  await s.db.models.Template.create({
    id, name: `Test ${id}`, description: null, category, difficulty: 'advanced', engine: 'canvas2d', status: 'draft',
    currentVersion: null, createdBy: null,
  });
  await s.db.models.TemplateVersion.create({
    templateId: id, version: 1, code: v!.code, codeHash: createHash('sha256').update(v!.code).digest('hex'),
    variables: v!.variables, features: ['testing'], verdict: 'pass', scanReport: null, createdBy: null,
  });
  await s.db.models.Template.update({ status, currentVersion: 1 }, { where: { id } });
  made.push(id);
  return id;
}

describe('GET /api/templates', () => {
  it("lists the published templates in the seed's shape", async () => {
    const draft = await makeTemplate('draft');
    const res = await request(app).get('/api/templates/').expect(200);
    const ids = (res.body.templates as Listed).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(BUILT_IN));
    expect(ids).not.toContain(draft);
    expect(res.body.total).toBe(res.body.templates.length);
    expect(res.body.categories).toEqual(expect.arrayContaining(['platformer', 'puzzle', 'racing', 'shooter']));
    const platformer = (res.body.templates as Listed).find((t) => t.id === 'basic_platformer');
    expect(platformer).toEqual({
      id: 'basic_platformer', name: 'Basic Platformer', description: expect.any(String), category: 'platformer',
      genre: 'platformer', difficulty: 'beginner',
      controls: { start: ['Space', 'Enter'], move: expect.arrayContaining(['ArrowLeft', 'ArrowRight']),
        action: expect.arrayContaining(['Space']), pointer: 'tap' },
      engine: 'canvas2d', version: expect.any(Number), features: expect.arrayContaining(['physics', 'jumping']),
      languages: ['en', 'fr', 'de', 'es'],
      // Made in the background after start-up (tests/api/templates/thumbnails.test.ts): null until then.
      thumbnail_url: platformer?.thumbnail_url === null ? null
        : expect.stringMatching(/^\/api\/templates\/basic_platformer\/thumbnail\?v=[0-9a-f]{16}$/),
      preview_image: platformer?.thumbnail_url,
      variables: expect.objectContaining({
        canvas_width: { type: 'number', default: 800, range: [400, 1200] },
        player_color: { type: 'color', default: '#3498db' },
      }),
    });
  });

  it('filters by category, difficulty (either vocabulary) and engine', async () => {
    const ids = async (q: string) =>
      ((await request(app).get(`/api/templates/?${q}`).expect(200)).body.templates as Listed).map((t) => t.id);
    expect(await ids('category=platformer')).toEqual(['basic_platformer']);
    expect(await ids('category=PLATFORMER&difficulty=beginner&engine=canvas2d')).toEqual(['basic_platformer']);
    expect(await ids('category=platformer&difficulty=easy')).toEqual(['basic_platformer']);
    // The seed's own example query: no built-in template is a medium (intermediate) phaser3 one.
    expect(await ids('category=platformer&difficulty=medium&engine=phaser3')).toEqual([]);
    const advanced = await makeTemplate('published', 'lab');
    expect(await ids('difficulty=hard&category=lab')).toEqual([advanced]);
    for (const q of ['difficulty=expert', 'sort=name', 'category=']) await request(app).get(`/api/templates/?${q}`)
      .expect(400);
  });
});

describe('GET /api/templates/:template_id', () => {
  it('answers code, variables with descriptions, dependencies and usage statistics', async () => {
    const res = await request(app).get('/api/templates/basic_platformer').expect(200);
    expect(res.body).toMatchObject({
      id: 'basic_platformer', name: 'Basic Platformer', category: 'platformer', engine: 'canvas2d',
      template_code: expect.stringMatching(/^<!DOCTYPE html>/i), dependencies: [],
      variables: { canvas_width: {
        type: 'number', default: 800, range: [400, 1200], description: 'Canvas width in pixels',
      } },
      usage_stats: { usage_count: expect.any(Number) },
    });
    expect(res.body).not.toHaveProperty('code_hash');
  });

  it('computes usage_count, success_rate and avg_modification_count from games and jobs', async () => {
    const id = await makeTemplate('published');
    const fresh = await request(app).get(`/api/templates/${id}`).expect(200);
    expect(fresh.body.usage_stats).toEqual({ usage_count: 0, success_rate: null, avg_modification_count: null });
    const u = await createUser(s);
    const a = await makeGame(s, u.user.id, { templateId: id, versions: [{}, {}, {}] });
    const b = await makeGame(s, u.user.id, { templateId: id });
    const job = (
      gameId: string, state: 'completed' | 'failed' | 'rejected' | 'cancelled', n: number,
    ) => s.db.models.Job.create({
      kind: 'create', userId: u.user.id, gameId, sessionId: null, baseVersion: null, state,
      workflowId: `job-stats-${gameId}-${n}`, idempotencyKey: null,
      templateId: null, provider: null, errorCode: state === 'failed'
        ? 'x'
        : null, errorDetail: null, resultVersionId: null, startedAt: new Date(), finishedAt: new Date(),
    });
    await Promise.all([
      job(a.id, 'completed', 1), job(a.id, 'completed', 2), job(b.id, 'completed', 3), job(b.id, 'failed', 4),
      job(b.id, 'cancelled', 5),
    ]);
    const res = await request(app).get(`/api/templates/${id}`).expect(200);
    // 3 completed of 4 that ended on their own (the cancel is not counted); versions after the first: (2 + 0) / 2.
    expect(res.body.usage_stats).toEqual({ usage_count: 2, success_rate: 0.75, avg_modification_count: 1 });
  });

  it('404 for unknown or unpublished templates, 400 for a malformed id', async () => {
    await request(app).get('/api/templates/no_such_template').expect(404);
    await request(app).get(`/api/templates/${await makeTemplate('draft')}`).expect(404);
    await request(app).get('/api/templates/Bad-Id!').expect(400);
  });
});

describe('POST /api/templates/process', () => {
  const seedBody = {
    template_id: 'basic_platformer',
    variables: {
      canvas_width: 1024, canvas_height: 768, player_color: '#ff0000', platform_color: '#00ff00', gravity: 800,
      player_speed: 160, jump_strength: 420,
    },
    customizations: { add_sound: false, mobile_optimized: true, performance_mode: 'balanced' },
  };
  const post = (body: unknown) => request(app).post('/api/templates/process')
    .set('Authorization', `Bearer ${user.token}`).send(body as object);

  it("takes the seed's body as written and answers the seed's shape", async () => {
    const res = await post(seedBody).expect(200);
    expect(res.body).toEqual({
      processed_code: expect.stringMatching(/^<!DOCTYPE html>/i), template_id: 'basic_platformer',
      template_version: expect.any(Number),
      variables_applied: seedBody.variables,
      processing_summary: {
        variables_substituted: 7, customizations_applied: 0, validation_passed: true,
        processing_time: expect.any(Number),
      },
      warnings: expect.arrayContaining([
        expect.stringContaining('"add_sound"'), expect.stringContaining('"mobile_optimized"'),
        expect.stringContaining('"performance_mode"'),
      ]),
      suggestions: expect.any(Array),
    });
    const config = readConfig(res.body.processed_code)!;
    expect(config).toMatchObject({
      canvas_width: 1024, canvas_height: 768, player_color: '#ff0000', platform_color: '#00ff00', player_speed: 160,
      lives: 3,
    });
  });

  it('applies a customization that names a template setting, checked like a variable', async () => {
    const res = await post({ template_id: 'basic_platformer', variables: {}, customizations: { lives: 5 } })
      .expect(200);
    expect(res.body.processing_summary).toMatchObject({ customizations_applied: 1, variables_substituted: 1 });
    expect(readConfig(res.body.processed_code)!.lives).toBe(5);
    const bad = await post({ template_id: 'basic_platformer', variables: {}, customizations: { lives: 50 } })
      .expect(400);
    expect(bad.body.context.field).toBe('customizations.lives');
  });

  it('400 naming the variable for a bad value; 400 for a malformed body', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ canvas_width: 5000 }, 'canvas_width'], [{ player_color: 'red' }, 'player_color'], [{ lives: 2.5 }, 'lives'],
      [{ difficulty: 'insane' }, 'difficulty'],
    ];
    for (const [variables, name] of cases) {
      const res = await post({ template_id: 'basic_platformer', variables }).expect(400);
      expect(res.body).toMatchObject({ error_code: 'invalid_variable', context: { field: `variables.${name}` } });
      expect(res.body.detail).toContain(name);
    }
    await post({ template_id: 'basic_platformer', variables: 'all of them' }).expect(400);
    await post({ template_id: 'basic_platformer', variables: { canvas_width: { nested: 1 } } }).expect(400);
    await post({ template_id: 'Basic Platformer' }).expect(400);
    await post({ template_id: 'basic_platformer', extra: true }).expect(400);
  });

  it('404 for an unknown or unpublished template; 401 without a token', async () => {
    await post({ template_id: 'no_such_template', variables: {} }).expect(404);
    await post({ template_id: await makeTemplate('draft'), variables: {} }).expect(404);
    await request(app).post('/api/templates/process').send(seedBody).expect(401);
  });
});
