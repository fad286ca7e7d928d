// Determinism: histories of the main paths, recorded once and committed under
// tests/fixtures/histories/, must replay against today's workflow code. A change that
// would break running jobs fails here. Re-record (after an intended, versioned change) with
//   PLAYFORGE_RECORD_HISTORIES=1 npm test -- tests/workflows/replay.test.ts
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { cancelJob, sendModerationDecision, startJob, type JobDeps } from '../../api/services/jobs.ts';
import { workflowsPath } from '../../worker/createWorker.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { startTestWorker, testConfig } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import { FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, fakeGameHtml, startFakeAnthropic, startFakeOpenAI } from '../../fakes/llmServers.ts';

const dir = join(import.meta.dirname, '../fixtures/histories');
const recording = process.env.PLAYFORGE_RECORD_HISTORIES === '1';

describe('workflow determinism', () => {
  if (recording) {
    let s: Services;
    beforeAll(async () => {
      s = await connectServices();
    });
    afterAll(async () => s.close());
    it('records the main paths', async () => recordAll(s), 180_000);
  }

  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  it('has a recorded history for every main path', () => {
    expect(files).toEqual(['cancelled.json', 'fallback-openai-to-anthropic.json', 'modify-offline.json', 'offline-create.json',
      'repair-truncated.json', 'review-approved.json', 'safety-refusal.json'].sort());
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    await Worker.runReplayHistory({ workflowsPath }, history, file.replace('.json', ''));
  }, 60_000);
});

async function recordAll(s: Services): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const [openai, anthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
  const owner = await createUser(s);
  const moderator = await createUser(s, 'moderator');
  const caller = { id: owner.user.id, role: 'user' as const, username: owner.user.username };
  const save = async (name: string, workflowId: string) => {
    await s.client.workflow.getHandle(workflowId).result().catch(() => undefined);
    const history = await s.client.workflow.getHandle(workflowId).fetchHistory();
    writeFileSync(join(dir, `${name}.json`), historyToJSON(history));
  };
  const withWorker = async (env: Record<string, string>, fn: (deps: JobDeps) => Promise<void>) => {
    const cfg = testConfig(s, env);
    const w = await startTestWorker(s, cfg);
    try {
      await fn({ cfg, db: s.db, temporal: s.client });
    } finally {
      await w.stop();
    }
  };
  const llm = { OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL, ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.baseURL };
  try {
    await withWorker({ LLM_PROVIDERS: 'offline' }, async (deps) => {
      const { job } = await startJob(deps, caller, { kind: 'create', prompt: 'a blue platformer with a golden coin' });
      await save('offline-create', job.workflowId!);
      const mod = await startJob(deps, caller, { kind: 'modify', gameId: job.gameId!, prompt: 'make the player red and jump higher' });
      await save('modify-offline', mod.job.workflowId!);
    });
    await withWorker({ LLM_PROVIDERS: 'openai,anthropic', ...llm }, async (deps) => {
      openai.setDefault({ kind: 'status', status: 500 });
      const a = await startJob(deps, caller, { kind: 'create', prompt: 'a racing game' });
      await save('fallback-openai-to-anthropic', a.job.workflowId!);
      openai.clear();
      const html = fakeGameHtml('Half');
      openai.script([{ kind: 'truncated', text: `\`\`\`html\n${html.slice(0, html.length / 2)}` }]);
      const b = await startJob(deps, caller, { kind: 'create', prompt: 'a shooter' });
      await save('repair-truncated', b.job.workflowId!);
      openai.script([{ kind: 'refusal', reason: 'I cannot help with that.' }]);
      const c = await startJob(deps, caller, { kind: 'create', prompt: 'something refused' });
      await save('safety-refusal', c.job.workflowId!);
      openai.script([{ kind: 'ok', text: `\`\`\`html\n${fakeGameHtml('Hist').replace('</script>', 'history.pushState({}, "");\n</script>')}\n\`\`\`` }]);
      const d = await startJob(deps, caller, { kind: 'create', prompt: 'a reviewed game' });
      await waitFor('review', 30, async () => (await d.job.reload()).state === 'awaiting_review');
      await sendModerationDecision(deps, d.job, { decision: 'approve', moderatorId: moderator.user.id });
      await save('review-approved', d.job.workflowId!);
      openai.setDefault({ kind: 'hang' });
      const e = await startJob(deps, caller, { kind: 'create', prompt: 'a cancelled game' });
      await waitFor('model call', 20, () => openai.requests.some((r) => JSON.stringify(r.body).includes('a cancelled game')));
      await cancelJob(deps, e.job, caller);
      await save('cancelled', e.job.workflowId!);
    });
  } finally {
    await Promise.all([openai.close(), anthropic.close()]);
  }
}
