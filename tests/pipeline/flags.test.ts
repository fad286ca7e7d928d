// Feature flags deciding a job run, end to end (real workflow and worker): the provider order per
// user tier (llm_anthropic_first with a rule for the premium role), the browser playtest
// (browser_playtest off for one user), and a template in staged rollout that the offline engine
// offers only to the users its flag is on for.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import { flagFixtures } from '../helpers/flags.ts';
import { FLAGS, templateFlagKey } from '../../db/flags/known.ts';
import {
  FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, startFakeAnthropic, startFakeOpenAI, type FakeLlmServer,
} from '../../fakes/llmServers.ts';

let s: Services;
let openai: FakeLlmServer;
let anthropic: FakeLlmServer;
let models: TestWorker;
let offline: TestWorker;
const fixtures = flagFixtures(() => s);

type Player = Awaited<ReturnType<typeof createUser>>;

async function run(deps: JobDeps, who: Player, prompt: string): Promise<{ result: GameJobResult; jobId: string }> {
  const caller = { id: who.user.id, role: who.user.role, username: who.user.username };
  const { job } = await startJob(deps, caller, { kind: 'create', prompt });
  return { result: (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult, jobId: job.id };
}

const attemptsOf = async (jobId: string) =>
  (await s.db.models.ProviderAttempt.findAll({ where: { jobId }, order: [['createdAt', 'ASC']] }))
    .map((a) => a.provider);

beforeAll(async () => {
  s = await connectServices();
  [openai, anthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
  models = await startTestWorker(s, testConfig(s, {
    LLM_PROVIDERS: 'openai,anthropic', OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.baseURL, BROWSER_PLAYTEST: 'false',
  }));
  offline = await startTestWorker(s, testConfig(s, { LLM_PROVIDERS: 'offline', BROWSER_PLAYTEST: 'true' }));
}, 60_000);

afterEach(() => fixtures.cleanup());

afterAll(async () => {
  await models?.stop();
  await offline?.stop();
  await Promise.all([openai?.close(), anthropic?.close()]);
  await s?.close();
});

const jobsOn = (w: TestWorker): JobDeps => ({ cfg: w.cfg, db: s.db, temporal: s.client });

describe('flags deciding a job', () => {
  it('the provider order per tier: Anthropic first for premium players only', async () => {
    await fixtures.ruleOn(FLAGS.anthropicFirst, { scope: 'global', role: 'premium', enabled: true });
    const [premium, regular] = await Promise.all([createUser(s, 'premium'), createUser(s, 'user')]);
    const first = await run(jobsOn(models), premium, 'a blue platformer with a golden coin');
    expect(first.result.state).toBe('completed');
    expect(await attemptsOf(first.jobId)).toEqual(['anthropic']);
    const second = await run(jobsOn(models), regular, 'a blue platformer with a golden coin');
    expect(await attemptsOf(second.jobId)).toEqual(['openai']);
  });

  it('the browser playtest, off for one user: no playtest and no picture for them, both for another', async () => {
    const [off, on] = await Promise.all([createUser(s), createUser(s)]);
    await fixtures.ruleOn(FLAGS.browserPlaytest, { scope: 'user', scopeId: off.user.id, enabled: false });
    const versionOf = async (who: Player) => {
      const { result } = await run(jobsOn(offline), who, 'snake game');
      expect(result.state).toBe('completed');
      return (await s.db.models.GameVersion.findByPk(result.version_id))!;
    };
    const without = await versionOf(off);
    expect(without.thumbnailPng).toBeNull();
    const withIt = await versionOf(on);
    expect(withIt.thumbnailPng?.length).toBeGreaterThan(100);
    expect(withIt.playtestReport).not.toBeNull();
  }, 60_000);

  it('a staged template: the offline engine makes it only for the users its flag is on for', async () => {
    const [tester, other] = await Promise.all([createUser(s), createUser(s)]);
    const key = await fixtures.newFlag(false, templateFlagKey('snake'));
    await fixtures.ruleOn(key, { scope: 'user', scopeId: tester.user.id, enabled: true });
    const gameOf = async (who: Player) => {
      const { result } = await run(jobsOn(offline), who, 'snake game');
      expect(result.state).toBe('completed');
      return (await s.db.models.Game.findByPk(result.game_id))!;
    };
    expect((await gameOf(tester)).templateId).toBe('snake');
    expect((await gameOf(other)).templateId).not.toBe('snake');
  }, 60_000);
});
