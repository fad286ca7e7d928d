// Runs in the console: the job list with attempts, duration, errors and the Temporal UI link;
// admin-only cancel and retry; and the dashboard figures.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { createApp } from '../../api/app.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import { dashboardFigures } from '../../api/services/dashboard.ts';
import { buildTestApp } from '../helpers/app.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createUser, TEST_PASSWORD } from '../helpers/users.ts';
import { FAKE_OPENAI_KEY, fakeGameHtml, startFakeOpenAI, type FakeLlmServer } from '../../fakes/llmServers.ts';

// Console writes must be marked same-origin (admin/gate.ts), as a browser marks them.
const post = (url: string) => request(app).post(url).set('Sec-Fetch-Site', 'same-origin');

const R = '/admin/api/resources/jobs';
const good = `\`\`\`html\n${fakeGameHtml('Retry Game')}\n\`\`\``;
const historyGame = fakeGameHtml('History Game')
  .replace('</script>', 'history.pushState({ level: 1 }, "");\n</script>');
const reviewable = `\`\`\`html\n${historyGame}\n\`\`\``;

let s: Services;
let openai: FakeLlmServer;
let worker: TestWorker;
let jobs: JobDeps;
let app: ReturnType<typeof createApp>;
let owner: Awaited<ReturnType<typeof createUser>>;
let adminId: string;
let adminCookie: string;
let modCookie: string;

async function login(email: string): Promise<string> {
  const res = await post('/admin/login').type('form').send({ email, password: TEST_PASSWORD });
  const cookies = (res.headers['set-cookie'] ?? []) as unknown as string[];
  return cookies.find((c) => c.startsWith('playforge.admin='))!.split(';')[0]!;
}

const asOwner = () => ({ id: owner.user.id, role: 'user' as const, username: owner.user.username });

beforeAll(async () => {
  s = await connectServices();
  openai = await startFakeOpenAI({ defaultStep: { kind: 'ok', text: good } });
  const cfg = testConfig(s, {
    LLM_PROVIDERS: 'openai', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
    REVIEW_TIMEOUT: '5 minutes',
  });
  worker = await startTestWorker(s, cfg);
  jobs = { cfg, db: s.db, temporal: s.client };
  app = (await buildTestApp(s, { admin: true, cfg })).app;
  owner = await createUser(s);
  await s.redis.del('auth:login:fail:ip:::ffff:127.0.0.1', 'auth:login:fail:ip:127.0.0.1', 'auth:login:fail:ip:::1');
  const admin = (await createUser(s, 'admin')).user;
  adminId = admin.id;
  adminCookie = await login(admin.email);
  modCookie = await login((await createUser(s, 'moderator')).user.email);
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  await openai?.close();
  await s?.close();
});

describe('runs (HTTP)', () => {
  it('shows a job with attempts, duration and a Temporal UI link', async () => {
    const { job } = await startJob(jobs, asOwner(), { kind: 'create', prompt: 'a runs game' });
    await s.client.workflow.getHandle(job.workflowId!).result();
    const res = await request(app).get(`${R}/records/${job.id}/show`).set('Cookie', modCookie).expect(200);
    const p = res.body.record.params as Record<string, unknown>;
    expect(p.state).toBe('completed');
    expect(p.attempts).toBeGreaterThanOrEqual(1);
    expect(typeof p.durationSeconds).toBe('number');
    expect(p.prompt).toBe('a runs game');
    const ui = jobs.cfg.TEMPORAL_UI_URL.replace(/\/+$/, '');
    expect(p.temporalUrl).toBe(`${ui}/namespaces/${jobs.cfg.TEMPORAL_NAMESPACE}/workflows/${job.workflowId}`);
    const list = await request(app).get(`${R}/actions/list`).set('Cookie', modCookie).expect(200);
    expect((list.body.records as { id: string }[]).some((r) => r.id === job.id)).toBe(true);
  }, 90_000);

  it('cancel is for admins only and ends the workflow cancelled', async () => {
    openai.setDefault({ kind: 'ok', text: reviewable });
    const { job } = await startJob(jobs, asOwner(), { kind: 'create', prompt: 'a job to cancel' });
    await waitFor('awaiting review', 30, async () => (await job.reload()).state === 'awaiting_review');
    const byMod = await post(`${R}/records/${job.id}/cancel`).set('Cookie', modCookie);
    expect(byMod.body.notice?.type === 'success').toBe(false);
    expect((await job.reload()).state).toBe('awaiting_review');
    const res = await post(`${R}/records/${job.id}/cancel`).set('Cookie', adminCookie).expect(200);
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect(((await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult).state).toBe('cancelled');
    const again = await post(`${R}/records/${job.id}/cancel`).set('Cookie', adminCookie).expect(200);
    expect(again.body.notice).toMatchObject({ type: 'error' });
  }, 90_000);

  it('retry starts a failed job again as its owner; refused for jobs that did not fail', async () => {
    openai.setDefault({ kind: 'status', status: 401 });
    const { job } = await startJob(jobs, asOwner(), {
      kind: 'create', prompt: 'a game to retry', preferences: { difficulty: 'easy' },
    });
    await s.client.workflow.getHandle(job.workflowId!).result().catch(() => undefined);
    await waitFor('failed', 30, async () => (await job.reload()).state === 'failed');
    const shown = await request(app).get(`${R}/records/${job.id}/show`).set('Cookie', modCookie).expect(200);
    expect(String(shown.body.record.params.error)).toContain(job.errorCode!);

    openai.setDefault({ kind: 'ok', text: good });
    const byMod = await post(`${R}/records/${job.id}/retry`).set('Cookie', modCookie);
    expect(byMod.body.notice?.type === 'success').toBe(false);
    const res = await post(`${R}/records/${job.id}/retry`).set('Cookie', adminCookie).expect(200);
    expect(res.body.notice).toMatchObject({ type: 'success' });
    const [newest] = await s.db.models.Job.findAll({
      where: { userId: owner.user.id }, order: [['createdAt', 'DESC']], limit: 1,
    });
    if (!newest) throw new Error('the retry made no job');
    expect(newest.id).not.toBe(job.id);
    const audit = await s.db.models.AuditLog.findAll({ where: { action: 'job.retry', targetId: job.id } });
    expect(audit.map((a) => [a.actorId, a.details])).toEqual([[adminId, { new_job_id: newest.id }]]);
    expect(newest.request).toMatchObject({ prompt: 'a game to retry', preferences: { difficulty: 'easy' } });
    expect(((await s.client.workflow.getHandle(newest.workflowId!).result()) as GameJobResult).state).toBe('completed');

    const notFailed = await post(`${R}/records/${newest.id}/retry`).set('Cookie', adminCookie).expect(200);
    expect(notFailed.body.notice).toMatchObject({ type: 'error' });
  }, 120_000);

  it('dashboard figures: jobs per state today, provider failure rate, review queue', async () => {
    const f = await dashboardFigures(s.db);
    expect(f.jobsByState.completed).toBeGreaterThanOrEqual(2);
    expect(f.jobsByState.failed).toBeGreaterThanOrEqual(1);
    const openaiRow = f.providers.find((p) => p.provider === 'openai')!;
    expect(openaiRow.failed).toBeGreaterThanOrEqual(1);
    expect(openaiRow.failureRate).toBeCloseTo(openaiRow.failed / openaiRow.attempts, 2);
    expect(f.reviewQueue.length).toBe(await s.db.models.GameVersion.count({ where: { reviewStatus: 'pending' } }));
    expect(f.reviewQueue.averageWaitSeconds).toBeGreaterThanOrEqual(0);
  }, 30_000);
});
