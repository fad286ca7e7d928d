// With BROWSER_PLAYTEST on, each draft is played in real Chromium through the play page;
// the version keeps the report and a PNG thumbnail, and a game that throws or ignores its
// player goes back to the model with a finding it can act on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startJob } from '../../api/services/jobs.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createUser } from '../helpers/users.ts';
import { FAKE_OPENAI_KEY, fakeGameHtml, startFakeOpenAI, type FakeLlmServer } from '../../fakes/llmServers.ts';
import { declaredSteps, inputNames } from '../../game/scan/playtest/drive.ts';
import { controlsSpec } from '../../game/templates/spec.ts';

let s: Services;
let worker: TestWorker;
let openai: FakeLlmServer;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  s = await connectServices();
  openai = await startFakeOpenAI();
  const cfg = testConfig(s, {
    BROWSER_PLAYTEST: 'true', LLM_PROVIDERS: 'openai,offline', OPENAI_API_KEY: FAKE_OPENAI_KEY,
    OPENAI_BASE_URL: openai.baseURL,
  });
  worker = await startTestWorker(s, cfg);
  owner = await createUser(s);
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await openai?.close();
  await s?.close();
});

const run = async (prompt: string) => {
  const caller = { id: owner.user.id, role: 'user' as const, username: owner.user.username };
  const { job } = await startJob({ cfg: worker.cfg, db: s.db, temporal: s.client }, caller, { kind: 'create', prompt });
  return { job, result: (await s.client.workflow.getHandle(job.workflowId!).result()) as GameJobResult };
};

describe('browser playtest in the pipeline', () => {
  it('stores the playtest report and a PNG thumbnail with the version', async () => {
    const { job, result } = await run('a racing game with red cars');
    expect(result.state).toBe('completed');
    const v = await s.db.models.GameVersion.findOne({ where: { jobId: job.id } });
    expect(v?.thumbnailPng?.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect(v?.playtestReport).toMatchObject({
      status: 'ok', canvas_nonblank: true, console_errors: [], csp_violations: [], responds: true, findings: [],
    });
    const history = await s.client.workflow.getHandle(job.workflowId!).fetchHistory();
    const scheduled = (history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name);
    expect(scheduled).toContain('playtestDraft');
  }, 90_000);

  it('a game that throws in the browser goes back to the model with the console error', async () => {
    const broken = fakeGameHtml('Broken')
      .replace('</script>', 'requestAnimationFrame(function () { throw new Error("boom at frame 1"); });\n</script>');
    openai.script([{ kind: 'ok', text: `\`\`\`html\n${broken}\n\`\`\`` }]);
    const { job, result } = await run('a game');
    expect(result.state).toBe('completed');
    expect((await job.reload()).repairRounds).toBe(1);
    expect(JSON.stringify(openai.requests.at(-1)!.body)).toContain('playtest.console-error');
  }, 120_000);

  it('a draft that ignores its player is repaired: the model gets playtest.no-response, the repair responds',
    async () => {
      // The same game with its key listener unhooked: the enemy still moves, nothing answers the player.
      const deaf = fakeGameHtml('Deaf')
        .replace("window.addEventListener('keydown'", "window.addEventListener('x-none'");
      expect(deaf).not.toBe(fakeGameHtml('Deaf'));
      openai.script([{ kind: 'ok', text: `\`\`\`html\n${deaf}\n\`\`\`` }]);
      const before = openai.requests.length;
      const { job, result } = await run('a game where I dodge an enemy');
      expect(result.state).toBe('completed');
      expect((await job.reload()).repairRounds).toBe(1);
      const asked = openai.requests.slice(before).map((r) => JSON.stringify(r.body));
      expect(asked).toHaveLength(2);
      expect(asked[1]).toContain('playtest.no-response');
      expect(asked[1]).toContain('does not respond to input');
      const v = await s.db.models.GameVersion.findOne({ where: { jobId: job.id } });
      expect(v?.content).not.toContain('x-none');
      expect(v?.playtestReport).toMatchObject({ status: 'ok', responds: true, findings: [] });
    }, 120_000);

  it("an offline draft is played alone with its template's declared controls (its template proves it responds)",
    async () => {
      // A key the fake does not accept: the job falls through to the offline engine at once.
      openai.script([{ kind: 'status', status: 401 }]);
      const { job, result } = await run('a snake game');
      expect(result).toMatchObject({ state: 'completed', provider: 'offline' });
      const v = await s.db.models.GameVersion.findOne({ where: { jobId: job.id } });
      const game = await s.db.models.Game.findByPk(v!.gameId);
      const template = await s.db.models.Template.findByPk(game!.templateId!);
      const version = await s.db.models.TemplateVersion.findOne({
        where: { templateId: template!.id, version: template!.currentVersion! },
      });
      const steps = declaredSteps(controlsSpec.parse(version!.controls));
      // No idle copy beside it, so whether it responds is not told; that it draws and moves is.
      expect(v?.playtestReport).toMatchObject({
        status: 'ok', responds: null, canvas_nonblank: true, canvas_changes: true, findings: [],
      });
      expect(v?.thumbnailPng?.subarray(0, 4).toString('hex')).toBe('89504e47');
      // The declared controls in their order, at least the first key after the click.
      const report = v!.playtestReport as { inputs: string[] };
      expect(report.inputs.length).toBeGreaterThanOrEqual(2);
      expect(report.inputs).toEqual(inputNames(steps).slice(0, report.inputs.length));
    }, 120_000);
});
