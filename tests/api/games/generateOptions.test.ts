// POST /api/games/generate's game_type and advanced_options are used or refused, never
// accepted and dropped: game_type must name a genre the published templates offer (read from
// the database) and steers generation; advanced_options takes only the options generation
// honours, which reach the model's prompt and which the offline engine answers for.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../../helpers/worker.ts';
import { createUser } from '../../helpers/users.ts';
import { FAKE_OPENAI_KEY, fakeGameAnswer, startFakeOpenAI, type FakeLlmServer } from '../../../fakes/llmServers.ts';
import { GAME_JOB_LAYOUT } from '../../../workflows/messages.ts';

let s: Services;
let offline: TestWorker;
let llm: TestWorker;
let openai: FakeLlmServer;
let app: Express;
let llmApp: Express;
let owner: Awaited<ReturnType<typeof createUser>>;
const made: string[] = [];

beforeAll(async () => {
  s = await connectServices();
  openai = await startFakeOpenAI({ defaultStep: { kind: 'ok', text: fakeGameAnswer('Lane Runner') } });
  offline = await startTestWorker(s, testConfig(s, { LLM_PROVIDERS: 'offline' }));
  llm = await startTestWorker(s, testConfig(s, {
    LLM_PROVIDERS: 'openai', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
  }));
  app = (await buildTestApp(s, { cfg: offline.cfg })).app;
  llmApp = (await buildTestApp(s, { cfg: llm.cfg })).app;
  owner = await createUser(s);
}, 90_000);

afterAll(async () => {
  // A test template must not stay published for other suites' offline engine to choose.
  if (made.length) await s.db.models.Template.update({ status: 'archived' }, { where: { id: made } });
  await llm?.stop();
  await offline?.stop();
  await openai?.close();
  await s?.close();
});

const generate = (to = app) =>
  request(to).post('/api/games/generate').set('Authorization', `Bearer ${owner.token}`);

const jobsOfOwner = () => s.db.models.Job.count({ where: { userId: owner.user.id } });

/** A published template of a genre nobody has yet, with basic_platformer's code. */
async function publishGenre(category: string): Promise<string> {
  const id = `genre_${randomBytes(5).toString('hex')}`;
  const source = await s.db.models.Template.findByPk('basic_platformer');
  const v = await s.db.models.TemplateVersion.findOne({
    where: { templateId: 'basic_platformer', version: source!.currentVersion! },
  });
  await s.db.models.Template.create({
    id, name: `Genre ${id}`, description: null, category, difficulty: 'beginner', engine: 'canvas2d',
    status: 'draft', currentVersion: null, createdBy: null,
  });
  await s.db.models.TemplateVersion.create({
    templateId: id, version: 1, code: v!.code, codeHash: createHash('sha256').update(v!.code).digest('hex'),
    variables: v!.variables, features: [], verdict: 'pass', scanReport: null, createdBy: null,
  });
  await s.db.models.Template.update({ status: 'published', currentVersion: 1 }, { where: { id } });
  made.push(id);
  return id;
}

describe('game_type', () => {
  it('an unknown genre is a 400 that lists the genres the templates offer, and starts nothing', async () => {
    const before = await jobsOfOwner();
    const res = await generate().send({ description: 'a game about knitting', game_type: 'knitting' }).expect(400);
    expect(res.body).toEqual({
      detail: expect.stringContaining('knitting'), error_code: 'unknown_game_type',
      context: {
        field: 'game_type', accepted: expect.arrayContaining(['platformer', 'puzzle', 'racing', 'shooter']),
        request_id: expect.any(String),
      },
    });
    expect([...res.body.context.accepted].sort()).toEqual(res.body.context.accepted);
    expect(await jobsOfOwner()).toBe(before);
    await generate().send({ description: 'a game', game_type: '  ' }).expect(400);
  });

  it('the accepted genres come from the published templates: a new genre is accepted once published', async () => {
    const genre = `maze${randomBytes(3).toString('hex')}`;
    const refused = await generate().send({ description: 'a maze game', game_type: genre }).expect(400);
    expect(refused.body.context.accepted).not.toContain(genre);
    const id = await publishGenre(genre);
    const res = await generate().set('Prefer', 'wait=30')
      .send({ description: 'a maze game', game_type: genre.toUpperCase() }).expect(200);
    expect(res.body.metadata).toMatchObject({ game_type: genre, template_used: id });
    await s.db.models.Template.update({ status: 'archived' }, { where: { id } });
    await generate().send({ description: 'a maze game', game_type: genre }).expect(400);
  }, 60_000);

  it('a known genre steers the offline engine to a template of it, and travels in the job row', async () => {
    const res = await generate().set('Prefer', 'wait=30')
      .send({ description: 'a game where you dodge things', game_type: 'Shooter' }).expect(200);
    expect(res.body.metadata).toMatchObject({ game_type: 'shooter', template_used: 'basic_shooter' });
    const job = await s.db.models.Job.findByPk(res.body.job_id);
    expect(job!.request).toMatchObject({ game_type: 'shooter', advanced_options: {} });
    // A template the player names wins over the genre.
    const named = await generate().set('Prefer', 'wait=30')
      .send({ description: 'a game', game_type: 'shooter', template_id: 'basic_puzzle' }).expect(200);
    expect(named.body.metadata.template_used).toBe('basic_puzzle');
  }, 60_000);
});

describe('advanced_options', () => {
  it('only the options generation honours are accepted; anything else is a 400 naming it', async () => {
    const before = await jobsOfOwner();
    const unknown = await generate().send({
      description: 'a platformer', advanced_options: { include_sound: true, particle_storm: true },
    }).expect(400);
    expect(unknown.body).toMatchObject({ error_code: 'validation_error', context: { field: 'advanced_options' } });
    expect(unknown.body.detail).toContain('"particle_storm"');
    const wrong = await generate()
      .send({ description: 'a platformer', advanced_options: { performance_mode: 'turbo' } })
      .expect(400);
    expect(wrong.body.context.field).toBe('advanced_options.performance_mode');
    await generate().send({ description: 'a platformer', advanced_options: { mobile_optimized: 'yes' } }).expect(400);
    expect(await jobsOfOwner()).toBe(before);
  });

  it('the offline engine honours what its templates can and says plainly what it could not', async () => {
    const advanced = { include_sound: true, mobile_optimized: true, performance_mode: 'quality' };
    const res = await generate().set('Prefer', 'wait=30')
      .send({ description: 'a platformer', template_id: 'basic_platformer', advanced_options: advanced }).expect(200);
    const said = res.body.conversation_context.ai_interpretation as string;
    expect(said).toContain('Options not honoured: include_sound (basic_platformer has no sound)');
    expect(said).toContain('performance_mode quality');
    expect(said).not.toContain('mobile_optimized');
    const job = await s.db.models.Job.findByPk(res.body.job_id);
    expect(job!.request).toMatchObject({ advanced_options: advanced });
  }, 60_000);

  it('the model is told the genre and the options, with a reference template of that genre', async () => {
    openai.clear();
    openai.setDefault({ kind: 'ok', text: fakeGameAnswer('Lane Runner') });
    const description = 'a game where I steer between lanes';
    const res = await generate(llmApp).set('Prefer', 'wait=30').send({
      description, game_type: 'racing', advanced_options: { mobile_optimized: true, performance_mode: 'performance' },
    }).expect(200);
    expect(res.body.metadata).toMatchObject({ game_type: 'racing', provider: 'openai' });
    const sent = openai.requests.map((r) => JSON.stringify(r.body)).find((b) => b.includes(description))!;
    // The genre is the player's text: it comes fenced (the body is JSON, hence the escapes).
    expect(sent)
      .toMatch(/Game type \(build a game of this genre\):\\n<game_type boundary=\\"[0-9a-f]{32}\\">\\nracing\\n/);
    expect(sent).toContain('- Mobile: every action also works by touch');
    expect(sent).toContain('- Performance mode performance:');
    expect(sent).toContain('Highway Dash'); // basic_racing's title: the reference is a racing template
    expect(sent).not.toContain('Sound:');

    // The player's words are in the job row, not in the workflow's input.
    const job = await s.db.models.Job.findByPk(res.body.job_id);
    const history = await s.client.workflow.getHandle(job!.workflowId!).fetchHistory();
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const started = JSON.parse(Buffer.from(input!).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(started).sort()).toEqual(['gameId', 'jobId', 'kind', 'layout', 'reviewTimeout', 'userId']);
    expect(started.layout).toBe(GAME_JOB_LAYOUT);
    expect(job!.request).toMatchObject({ prompt: description, game_type: 'racing' });
  }, 60_000);
});
