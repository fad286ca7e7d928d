// Gemini in the chain, end to end: real workflow and worker, the real @google/genai SDK
// against its fake on 127.0.0.1. The fault matrix — each fault, what the job does, what is
// recorded — for the provider that sits between OpenAI and the offline engine here.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { activitySteps } from '../../lib/workflowHistory.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import {
  FAKE_GEMINI_KEY, FAKE_OPENAI_KEY, startFakeGemini, startFakeOpenAI, type FakeLlmServer, type FakeStep,
} from '../../fakes/llmServers.ts';

let s: Services;
let openai: FakeLlmServer;
let gemini: FakeLlmServer;
let worker: TestWorker;
let owner: Awaited<ReturnType<typeof createUser>>;
let jobs: JobDeps;

beforeAll(async () => {
  s = await connectServices();
  [openai, gemini] = await Promise.all([startFakeOpenAI(), startFakeGemini()]);
  const cfg = testConfig(s, {
    LLM_PROVIDERS: 'openai,gemini,offline',
    OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
    GEMINI_API_KEY: FAKE_GEMINI_KEY, GEMINI_BASE_URL: gemini.baseURL, GEMINI_MODEL: 'gemini-2.5-flash',
    LLM_TIMEOUT_SECONDS: '20',
  });
  worker = await startTestWorker(s, cfg);
  jobs = { cfg, db: s.db, temporal: s.client };
  owner = await createUser(s);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await Promise.all([openai?.close(), gemini?.close()]);
  await s?.close();
});

beforeEach(() => {
  // OpenAI is down for every job here, so each one reaches Gemini.
  openai.clear();
  openai.setDefault({ kind: 'status', status: 401 });
  gemini.clear();
});

async function run(): Promise<{ result: GameJobResult; jobId: string; steps: string[] }> {
  const caller = { id: owner.user.id, role: 'user' as const, username: owner.user.username };
  const { job } = await startJob(jobs, caller, { kind: 'create', prompt: 'a blue platformer with a golden coin' });
  const handle = s.client.workflow.getHandle(job.workflowId!);
  const result = (await handle.result()) as GameJobResult;
  return { result, jobId: job.id, steps: activitySteps(await handle.fetchHistory()).map((a) => a.type) };
}

const attemptsOf = async (jobId: string) =>
  (await s.db.models.ProviderAttempt.findAll({ where: { jobId }, order: [['createdAt', 'ASC']] }))
    .map((a) => `${a.provider}:${a.status}${a.errorClass ? `:${a.errorClass}` : ''}`);

describe('gemini in the provider chain', () => {
  it('makes the game when OpenAI is out: its own activity type, tokens and cost recorded', async () => {
    gemini.script([{ kind: 'ok', text: (await import('../../fakes/llmServers.ts')).fakeGameAnswer('Gem Dash'),
      tokensIn: 1000, tokensOut: 2000 }]);
    const { result, jobId, steps } = await run();
    expect(result).toMatchObject({ state: 'completed', provider: 'gemini' });
    expect(steps).toEqual(expect.arrayContaining(['generateWithOpenAI', 'generateWithGemini']));
    expect(steps).not.toContain('generateOffline');
    expect(await attemptsOf(jobId)).toEqual(['openai:failed:non_retryable', 'gemini:succeeded']);
    const attempt = await s.db.models.ProviderAttempt.findOne({ where: { jobId, provider: 'gemini' } });
    expect(attempt).toMatchObject({ model: 'gemini-2.5-flash', tokensIn: 1000, tokensOut: 2000 });
    // Priced per million tokens: 1000 × 0.3 + 2000 × 2.5 = 0.0053 USD.
    expect(Number(attempt!.costUsd)).toBeCloseTo(0.0053, 6);
    const version = await s.db.models.GameVersion.findOne({ where: { jobId } });
    expect(version).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash' });
  }, 60_000);

  it.each<[string, FakeStep[], string[], number]>([
    ['a 503 then an answer: retried on Gemini', [{ kind: 'status', status: 503 }],
      ['gemini:failed:retryable', 'gemini:succeeded'], 0],
    // The fake's 429 carries RetryInfo retryDelay "2s" in its body (no Retry-After header).
    ['a 429 with RetryInfo: retried after its delay', [{ kind: 'status', status: 429 }],
      ['gemini:failed:retryable', 'gemini:succeeded'], 1900],
    ['a bad request: on to the offline engine', [{ kind: 'status', status: 400 }],
      ['gemini:failed:non_retryable'], 0],
  ])('%s', async (_name, steps, geminiAttempts, minGapMs) => {
    gemini.script(steps);
    const { result, jobId } = await run();
    const attempts = await attemptsOf(jobId);
    expect(attempts.filter((a) => a.startsWith('gemini'))).toEqual(geminiAttempts);
    const requestTimes = gemini.requests.map((r) => r.receivedAt);
    if (requestTimes.length === 2) expect(requestTimes[1]! - requestTimes[0]!).toBeGreaterThanOrEqual(minGapMs);
    expect(result.state).toBe('completed');
    expect(result.provider).toBe(geminiAttempts.at(-1) === 'gemini:succeeded' ? 'gemini' : 'offline');
  }, 60_000);

  it('a safety block rejects the job: asked once, never routed to the offline engine', async () => {
    gemini.setDefault({ kind: 'refusal', reason: 'The prompt was blocked for dangerous content.' });
    const { result, jobId, steps } = await run();
    expect(result).toMatchObject({ state: 'rejected', error_code: 'safety_refusal', provider: 'gemini' });
    expect(result.detail).toContain('The prompt was blocked for dangerous content.');
    expect(gemini.requests).toHaveLength(1);
    expect(steps).not.toContain('generateOffline');
    expect(await attemptsOf(jobId)).toEqual(['openai:failed:non_retryable', 'gemini:failed:safety_refusal']);
  }, 60_000);
});
