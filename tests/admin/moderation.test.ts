// The moderation queue through the console's HTTP API, with a real worker: versions waiting
// in review are approved or rejected (one by one and in bulk) and their workflows resume; a
// decision the workflow refuses is an error notice that says why, never a success.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { createApp } from '../../api/app.ts';
import type { Job } from '../../db/models/index.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import { buildTestApp } from '../helpers/app.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createUser, TEST_PASSWORD } from '../helpers/users.ts';
import { FAKE_OPENAI_KEY, fakeGameHtml, startFakeOpenAI, type FakeLlmServer } from '../../fakes/llmServers.ts';

// Console writes must be marked same-origin (admin/gate.ts), as a browser marks them.
const post = (url: string) => request(app).post(url).set('Sec-Fetch-Site', 'same-origin');

const Q = '/admin/api/resources/moderation_queue';
// A game a moderator must look at: it rewrites the page history (rule navigation.history).
const historyGame = fakeGameHtml('History Game')
  .replace('</script>', 'history.pushState({ level: 1 }, "");\n</script>');
const reviewable = `\`\`\`html\n${historyGame}\n\`\`\``;

let s: Services;
let openai: FakeLlmServer;
let worker: TestWorker;
let jobs: JobDeps;
let app: ReturnType<typeof createApp>;
let owner: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
let plain: Awaited<ReturnType<typeof createUser>>;
let cookie: string;

async function login(email: string): Promise<string | undefined> {
  const res = await post('/admin/login').type('form').send({ email, password: TEST_PASSWORD });
  const cookies = (res.headers['set-cookie'] ?? []) as unknown as string[];
  return cookies.find((c) => c.startsWith('playforge.admin='))?.split(';')[0];
}

async function startReviewable(n: number): Promise<Job[]> {
  const started = await Promise.all(Array.from({ length: n }, (_, i) =>
    startJob(jobs, { id: owner.user.id, role: 'user', username: owner.user.username }, {
      kind: 'create', prompt: `a history game ${i}`,
    })));
  const list = started.map((x) => x.job);
  await waitFor('jobs awaiting review', 30 + 10 * n, async () => {
    for (const j of list) await j.reload();
    return list.every((j) => j.state === 'awaiting_review');
  });
  return list;
}

async function versionOf(job: Job) {
  return (await s.db.models.GameVersion.scope('summary').findOne({ where: { jobId: job.id } }))!;
}

async function resultOf(job: Job): Promise<GameJobResult> {
  return (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;
}

beforeAll(async () => {
  s = await connectServices();
  openai = await startFakeOpenAI({ defaultStep: { kind: 'ok', text: reviewable } });
  const cfg = testConfig(s, {
    LLM_PROVIDERS: 'openai', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
    REVIEW_TIMEOUT: '5 minutes',
  });
  worker = await startTestWorker(s, cfg);
  jobs = { cfg, db: s.db, temporal: s.client };
  app = (await buildTestApp(s, { admin: true, cfg })).app;
  owner = await createUser(s);
  moderator = await createUser(s, 'moderator');
  plain = await createUser(s);
  await s.redis.del(
    'auth:login:fail:ip:::ffff:127.0.0.1', 'auth:login:fail:ip:127.0.0.1', 'auth:login:fail:ip:::1',
  );
  cookie = (await login(moderator.user.email))!;
  expect(cookie).toBeDefined();
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  await openai?.close();
  await s?.close();
});

describe('moderation queue (HTTP)', () => {
  it('lists pending versions oldest first: prompt, requester, findings, a play-token preview, no code', async () => {
    const [a, b] = await startReviewable(2);
    const res = await request(app).get(`${Q}/actions/list?perPage=500`).set('Cookie', cookie).expect(200);
    const records = res.body.records as { id: string; params: Record<string, unknown> }[];
    expect(records.every((r) => r.params.reviewStatus === 'pending')).toBe(true);
    const times = records.map((r) => new Date(String(r.params.createdAt)).getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    const va = await versionOf(a!);
    const rec = records.find((r) => r.id === va.id)!;
    expect(rec.params).toMatchObject({
      verdict: 'review', prompt: 'a history game 0', requestedBy: owner.user.username,
    });
    expect(String(rec.params.findings)).toMatch(/navigation\.history/);
    expect(String(rec.params.previewUrl)).toMatch(new RegExp(`/play/${va.gameId}/${va.version}\\?t=\\d+\\.`));
    expect(JSON.stringify(res.body)).not.toMatch(/pushState|<script/i);
    // Leave them for the next test.
    void b;
  }, 120_000);

  it('approves one and rejects the other (reason required); the jobs end completed and rejected, audited', async () => {
    const [a, b] = await startReviewable(2);
    const va = await versionOf(a!);
    const vb = await versionOf(b!);

    // No session, or a plain user's login: refused, nothing resumed.
    const anon = await post(`${Q}/records/${va.id}/approve`);
    expect(anon.status).toBe(302);
    expect(await login(plain.user.email)).toBeUndefined();

    // Rejecting without a reason is refused.
    const noReason = await post(`${Q}/records/${vb.id}/reject`).set('Cookie', cookie)
      .field('reason', '   ').expect(200);
    expect(noReason.body.notice).toMatchObject({ type: 'error' });
    expect(noReason.body.notice.message).toMatch(/reason/i);
    expect((await b!.reload()).state).toBe('awaiting_review');

    const ok = await post(`${Q}/records/${va.id}/approve`).set('Cookie', cookie).expect(200);
    expect(ok.body.notice).toMatchObject({ type: 'success' });
    const rej = await post(`${Q}/records/${vb.id}/reject`).set('Cookie', cookie)
      .field('reason', 'rewrites the page history').expect(200);
    expect(rej.body.notice).toMatchObject({ type: 'success' });

    expect(await resultOf(a!)).toMatchObject({ state: 'completed' });
    const rb = await resultOf(b!);
    expect(rb).toMatchObject({ state: 'rejected', error_code: 'moderator_rejected' });
    expect(rb.detail).toContain('rewrites the page history');
    expect((await va.reload()).reviewStatus).toBe('approved');
    expect((await vb.reload()).reviewStatus).toBe('rejected');
    const decisions = await s.db.models.ModerationDecision.findAll({ where: { jobId: [a!.id, b!.id] } });
    expect(decisions.map((d) => [d.jobId, d.decision, d.moderatorId]).sort()).toEqual(
      [[a!.id, 'approve', moderator.user.id], [b!.id, 'reject', moderator.user.id]].sort());
    expect(await s.db.models.AuditLog.count({ where: { action: 'moderation.approve', targetId: va.id } })).toBe(1);
    expect(await s.db.models.AuditLog.count({ where: { action: 'moderation.reject', targetId: vb.id } })).toBe(1);

    // A second decision on a finished version is shown as an error notice that says why.
    const again = await post(`${Q}/records/${va.id}/approve`).set('Cookie', cookie).expect(200);
    expect(again.body.notice).toMatchObject({ type: 'error' });
    expect(again.body.notice.message).toMatch(/^Could not approve: the review was already decided \(approve\)/);
    expect(again.body.redirectUrl).toBeUndefined();
  }, 180_000);

  it('two moderators decide the same version at once: one succeeds, the other sees the refusal', async () => {
    const [a] = await startReviewable(1);
    const va = await versionOf(a!);
    const [approved, rejected] = await Promise.all([
      post(`${Q}/records/${va.id}/approve`).set('Cookie', cookie).expect(200),
      post(`${Q}/records/${va.id}/reject`).set('Cookie', cookie).field('reason', 'too late').expect(200),
    ]);
    const notices = [approved.body.notice, rejected.body.notice] as { type: string; message: string }[];
    expect(notices.map((n) => n.type).sort()).toEqual(['error', 'success']);
    const refusal = notices.find((n) => n.type === 'error')!;
    const won = (await versionOf(a!)).reviewStatus === 'approved' ? 'approve' : 'reject';
    expect(refusal.message).toContain(`the review was already decided (${won})`);
    expect(await s.db.models.ModerationDecision.count({ where: { jobId: a!.id } })).toBe(1);
    expect((await resultOf(a!)).state).toBe(won === 'approve' ? 'completed' : 'rejected');
  }, 120_000);

  it('bulk-approves 20 waiting versions in one action; all 20 workflows complete', async () => {
    const bulk = (action: string, ids: string[]) =>
      post(`${Q}/bulk/${action}?recordIds=${ids.join(',')}`).set('Cookie', cookie);
    // Clear what earlier tests left waiting, so the queue holds exactly ours.
    const leftovers = await s.db.models.GameVersion.scope('summary').findAll({ where: { reviewStatus: 'pending' } });
    if (leftovers.length) await bulk('bulkReject', leftovers.map((v) => v.id)).field('reason', 'cleanup').expect(200);
    const list = await startReviewable(20);
    const ids = (await Promise.all(list.map(versionOf))).map((v) => v.id);
    const noReason = await bulk('bulkReject', ids).expect(200);
    expect(noReason.body.notice).toMatchObject({ type: 'error' });

    const res = await bulk('bulkApprove', ids).expect(200);
    expect(res.body.notice).toMatchObject({ type: 'success', message: '20 version(s) approved.' });
    const results = await Promise.all(list.map(resultOf));
    expect(results.map((r) => r.state)).toEqual(Array(20).fill('completed'));
    expect(await s.db.models.ModerationDecision.count({
      where: { jobId: list.map((j) => j.id), decision: 'approve', moderatorId: moderator.user.id },
    })).toBe(20);

    // Approving them again: each refusal is reported, none counted as approved.
    const again = await bulk('bulkApprove', ids.slice(0, 2)).expect(200);
    expect(again.body.notice).toMatchObject({ type: 'error' });
    expect(again.body.notice.message).toMatch(/^0 approved, 2 failed: .*already decided/);
  }, 300_000);
});
