// A `review` verdict parks the job in awaiting_review with a pending version; a moderator's
// decision (or the deadline) ends it, and the decision is recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sendModerationDecision, startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import { FAKE_OPENAI_KEY, fakeGameHtml, startFakeOpenAI, type FakeLlmServer } from '../../fakes/llmServers.ts';

let s: Services;
let openai: FakeLlmServer;
let worker: TestWorker;
let jobs: JobDeps;
let owner: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;

// A game a moderator must look at: it rewrites the page history (rule navigation.history).
const reviewable = `\`\`\`html\n${fakeGameHtml('History Game').replace('</script>', 'history.pushState({ level: 1 }, "");\n</script>')}\n\`\`\``;

async function startReviewable() {
  const { job } = await startJob(jobs, { id: owner.user.id, role: 'user', username: owner.user.username }, { kind: 'create', prompt: 'a game' });
  await waitFor('awaiting review', 20, async () => (await job.reload()).state === 'awaiting_review');
  return job;
}

beforeAll(async () => {
  s = await connectServices();
  openai = await startFakeOpenAI({ defaultStep: { kind: 'ok', text: reviewable } });
  const cfg = testConfig(s, { LLM_PROVIDERS: 'openai', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL, REVIEW_TIMEOUT: '3 seconds' });
  worker = await startTestWorker(s, cfg);
  jobs = { cfg, db: s.db, temporal: s.client };
  owner = await createUser(s);
  moderator = await createUser(s, 'moderator');
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await openai?.close();
  await s?.close();
});

beforeEach(() => openai.setDefault({ kind: 'ok', text: reviewable }));

describe('moderation review', () => {
  it('waits with a pending version, then an approval completes the job and publishes the version', async () => {
    jobs.cfg = { ...jobs.cfg, REVIEW_TIMEOUT: '60 seconds' };
    const job = await startReviewable();
    const pending = await s.db.models.GameVersion.findOne({ where: { jobId: job.id } });
    expect(pending).toMatchObject({ reviewStatus: 'pending', verdict: 'review', version: 1 });
    expect((await s.db.models.Game.findByPk(job.gameId!))?.currentVersion).toBeNull();

    await sendModerationDecision(jobs, job, { decision: 'approve', moderatorId: moderator.user.id });
    const result = (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;
    expect(result).toMatchObject({ state: 'completed', version: 1 });
    expect((await pending!.reload()).reviewStatus).toBe('approved');
    expect((await s.db.models.Game.findByPk(job.gameId!))?.currentVersion).toBe(1);
    const decisions = await s.db.models.ModerationDecision.findAll({ where: { jobId: job.id } });
    expect(decisions.map((d) => [d.decision, d.moderatorId])).toEqual([['approve', moderator.user.id]]);
    expect(await s.db.models.AuditLog.count({ where: { action: 'moderation.approve', targetId: pending!.id } })).toBe(1);
  }, 60_000);

  it('a rejection needs a reason, and ends the job rejected with the version kept as rejected', async () => {
    jobs.cfg = { ...jobs.cfg, REVIEW_TIMEOUT: '60 seconds' };
    const job = await startReviewable();
    await expect(sendModerationDecision(jobs, job, { decision: 'reject', reason: '  ', moderatorId: moderator.user.id })).rejects.toMatchObject({ errorCode: 'reason_required' });
    await sendModerationDecision(jobs, job, { decision: 'reject', reason: 'changes the page history', moderatorId: moderator.user.id });
    const result = (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;
    expect(result).toMatchObject({ state: 'rejected', error_code: 'moderator_rejected' });
    expect(result.detail).toContain('changes the page history');
    const v = await s.db.models.GameVersion.findOne({ where: { jobId: job.id } });
    expect(v?.reviewStatus).toBe('rejected');
    expect((await s.db.models.Game.findByPk(job.gameId!))?.currentVersion).toBeNull();
    await job.reload();
    expect(job.state).toBe('rejected');
    await expect(sendModerationDecision(jobs, job, { decision: 'approve', moderatorId: moderator.user.id })).rejects.toMatchObject({ errorCode: 'not_awaiting_review' });
  }, 60_000);

  it('no decision before the deadline rejects the job (review_timeout)', async () => {
    jobs.cfg = { ...jobs.cfg, REVIEW_TIMEOUT: '2 seconds' };
    const job = await startReviewable();
    const result = (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;
    expect(result).toMatchObject({ state: 'rejected', error_code: 'review_timeout' });
    expect((await s.db.models.GameVersion.findOne({ where: { jobId: job.id } }))?.reviewStatus).toBe('rejected');
  }, 60_000);
});
