// A `review` verdict parks the job in awaiting_review with a pending version; a moderator's
// decision (the workflow's moderate Update) or the deadline ends it, and the decision is
// recorded before the caller hears it took effect. Decisions nothing waits for are refused.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cancelJob, sendModerationDecision, startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { Job } from '../../db/models/index.ts';
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
const historyGame = fakeGameHtml('History Game')
  .replace('</script>', 'history.pushState({ level: 1 }, "");\n</script>');
const reviewable = `\`\`\`html\n${historyGame}\n\`\`\``;

const asOwner = () => ({ id: owner.user.id, role: 'user' as const, username: owner.user.username });
const approve = () => ({ decision: 'approve' as const, moderatorId: moderator.user.id });
const reject = (reason: string) => ({ decision: 'reject' as const, reason, moderatorId: moderator.user.id });
const resultOf = async (job: Job) => (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;

async function startReviewable(): Promise<Job> {
  const { job } = await startJob(jobs, asOwner(), { kind: 'create', prompt: 'a game' });
  await waitFor('awaiting review', 20, async () => (await job.reload()).state === 'awaiting_review');
  return job;
}

beforeAll(async () => {
  s = await connectServices();
  openai = await startFakeOpenAI({ defaultStep: { kind: 'ok', text: reviewable } });
  const cfg = testConfig(s, {
    LLM_PROVIDERS: 'openai', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
    REVIEW_TIMEOUT: '3 seconds',
  });
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
  it('an approval answers once recorded: the version is published and the job completes', async () => {
    jobs.cfg = { ...jobs.cfg, REVIEW_TIMEOUT: '60 seconds' };
    const job = await startReviewable();
    const pending = await s.db.models.GameVersion.findOne({ where: { jobId: job.id } });
    expect(pending).toMatchObject({ reviewStatus: 'pending', verdict: 'review', version: 1 });
    expect((await s.db.models.Game.findByPk(job.gameId!))?.currentVersion).toBeNull();

    const outcome = await sendModerationDecision(jobs, job, approve());
    expect(outcome).toEqual({
      job_id: job.id, version_id: pending!.id, version: 1, decision: 'approve', reason: null,
      moderator_id: moderator.user.id,
    });
    // Recorded before the answer, not some time after it.
    expect((await pending!.reload()).reviewStatus).toBe('approved');
    expect((await s.db.models.Game.findByPk(job.gameId!))?.currentVersion).toBe(1);
    expect(await resultOf(job)).toMatchObject({ state: 'completed', version: 1 });
    const decisions = await s.db.models.ModerationDecision.findAll({ where: { jobId: job.id } });
    expect(decisions.map((d) => [d.decision, d.moderatorId])).toEqual([['approve', moderator.user.id]]);
    expect(await s.db.models.AuditLog.count({ where: { action: 'moderation.approve', targetId: pending!.id } }))
      .toBe(1);

    const events = (await s.client.workflow.getHandle(job.workflowId!).fetchHistory()).events ?? [];
    expect(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
    expect(events.filter((e) => e.workflowExecutionSignaledEventAttributes)).toHaveLength(0);
  }, 60_000);

  it('a rejection needs a reason and ends the job rejected; a later decision is refused: already decided', async () => {
    jobs.cfg = { ...jobs.cfg, REVIEW_TIMEOUT: '60 seconds' };
    const job = await startReviewable();
    await expect(sendModerationDecision(jobs, job, reject('  '))).rejects
      .toMatchObject({ errorCode: 'reason_required' });
    const outcome = await sendModerationDecision(jobs, job, reject('changes the page history'));
    expect(outcome).toMatchObject({ decision: 'reject', reason: 'changes the page history' });
    const result = await resultOf(job);
    expect(result).toMatchObject({ state: 'rejected', error_code: 'moderator_rejected' });
    expect(result.detail).toContain('changes the page history');
    const v = await s.db.models.GameVersion.findOne({ where: { jobId: job.id } });
    expect(v?.reviewStatus).toBe('rejected');
    expect((await s.db.models.Game.findByPk(job.gameId!))?.currentVersion).toBeNull();
    await job.reload();
    expect(job.state).toBe('rejected');
    await expect(sendModerationDecision(jobs, job, approve())).rejects.toMatchObject({
      status: 409, errorCode: 'already_decided', context: { job_id: job.id, decision: 'reject', state: 'rejected' },
    });
  }, 60_000);

  it('two decisions at once: the workflow takes the first and refuses the second', async () => {
    jobs.cfg = { ...jobs.cfg, REVIEW_TIMEOUT: '60 seconds' };
    const job = await startReviewable();
    const both = await Promise.allSettled([
      sendModerationDecision(jobs, job, approve()), sendModerationDecision(jobs, job, reject('second thoughts')),
    ]);
    const taken = both.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = both.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(taken).toHaveLength(1);
    expect(refused).toEqual([expect.objectContaining({
      status: 409, errorCode: 'already_decided', context: expect.objectContaining({ decision: taken[0]!.decision }),
    })]);
    const result = await resultOf(job);
    expect(result.state).toBe(taken[0]!.decision === 'approve' ? 'completed' : 'rejected');
    expect(await s.db.models.ModerationDecision.count({ where: { jobId: job.id } })).toBe(1);
  }, 60_000);

  it('a decision before the job waits for review is refused by the workflow, and changes nothing', async () => {
    openai.setDefault({ kind: 'hang' });
    const { job } = await startJob(jobs, asOwner(), { kind: 'create', prompt: 'a game still being written' });
    await waitFor('model call', 20, () =>
      openai.requests.some((r) => JSON.stringify(r.body).includes('a game still being written')));
    await expect(sendModerationDecision(jobs, job, approve())).rejects.toMatchObject({
      status: 409, errorCode: 'not_awaiting_review', context: { job_id: job.id, state: 'generating' },
    });
    await cancelJob(jobs, job, asOwner());
    expect(await resultOf(job)).toMatchObject({ state: 'cancelled' });
    expect(await s.db.models.ModerationDecision.count({ where: { jobId: job.id } })).toBe(0);
  }, 60_000);

  it('no decision before the deadline rejects the job (review_timeout); a late one is refused', async () => {
    jobs.cfg = { ...jobs.cfg, REVIEW_TIMEOUT: '2 seconds' };
    const job = await startReviewable();
    const result = await resultOf(job);
    expect(result).toMatchObject({ state: 'rejected', error_code: 'review_timeout' });
    expect((await s.db.models.GameVersion.findOne({ where: { jobId: job.id } }))?.reviewStatus).toBe('rejected');
    await expect(sendModerationDecision(jobs, job, approve())).rejects.toMatchObject({
      status: 409, errorCode: 'not_awaiting_review', context: { job_id: job.id, state: 'rejected' },
    });
  }, 60_000);
});
