// The moderation queue in real Chromium: a moderator sees the waiting versions, approves one
// from the row menu (with the confirmation), and — when the console components are wired —
// rejects another through the reason form. Screenshots go to test-artifacts/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startJob, type JobDeps } from '../../api/services/jobs.ts';
import type { Job } from '../../db/models/index.ts';
import type { GameJobResult } from '../../workflows/messages.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import { consoleComponentsRegistered } from '../../admin/components/moderation/registry.ts';
import { listenTestApp } from '../helpers/app.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestWorker, testConfig, type TestWorker } from '../helpers/worker.ts';
import { createUser, TEST_PASSWORD } from '../helpers/users.ts';
import { FAKE_OPENAI_KEY, fakeGameHtml, startFakeOpenAI, type FakeLlmServer } from '../../fakes/llmServers.ts';

const historyGame = fakeGameHtml('History Game')
  .replace('</script>', 'history.pushState({ level: 1 }, "");\n</script>');
const reviewable = `\`\`\`html\n${historyGame}\n\`\`\``;
const artifacts = join(import.meta.dirname, '../../test-artifacts');

let s: Services;
let openai: FakeLlmServer;
let worker: TestWorker;
let jobs: JobDeps;
let served: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
let moderator: Awaited<ReturnType<typeof createUser>>;
let owner: Awaited<ReturnType<typeof createUser>>;

async function startReviewable(n: number): Promise<Job[]> {
  const list = (await Promise.all(Array.from({ length: n }, (_, i) =>
    startJob(jobs, { id: owner.user.id, role: 'user', username: owner.user.username }, {
      kind: 'create', prompt: `a browser game ${i}`,
    })))).map((x) => x.job);
  await waitFor('jobs awaiting review', 60, async () => {
    for (const j of list) await j.reload();
    return list.every((j) => j.state === 'awaiting_review');
  });
  return list;
}

async function openRowAction(page: Page, recordId: string, action: string): Promise<void> {
  const row = page.locator(`tr[data-id="${recordId}"]`);
  await row.waitFor({ timeout: 20_000 });
  await row.hover();
  await row.locator('[data-testid=actions-dropdown]').click();
  await page.locator(`[data-testid=action-${action}]`).first().click();
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
  served = await listenTestApp(s, { admin: true, cfg });
  owner = await createUser(s);
  moderator = await createUser(s, 'moderator');
  await s.redis.del('auth:login:fail:ip:::ffff:127.0.0.1', 'auth:login:fail:ip:127.0.0.1', 'auth:login:fail:ip:::1');
  browser = await launchBrowser();
  mkdirSync(artifacts, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await worker?.stop();
  await openai?.close();
  await s?.close();
});

describe('moderation queue in Chromium', () => {
  it('a moderator approves (and, with the form, rejects) from the queue; the workflows resume', async () => {
    // Only our versions in the queue.
    await s.db.models.GameVersion.update({ reviewStatus: 'rejected' }, { where: { reviewStatus: 'pending' } });
    const [a, b] = await startReviewable(2);
    const va = (await s.db.models.GameVersion.scope('summary').findOne({ where: { jobId: a!.id } }))!;
    const vb = (await s.db.models.GameVersion.scope('summary').findOne({ where: { jobId: b!.id } }))!;

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await page.goto(`${served.base}/admin/login`);
    await page.fill('input[name=email]', moderator.user.email);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('form[action="/admin/login"] button');
    await page.waitForURL(`${served.base}/admin`, { timeout: 20_000 });

    await page.goto(`${served.base}/admin/resources/moderation_queue`);
    await page.locator(`tr[data-id="${va.id}"]`).waitFor({ timeout: 20_000 });
    await expect(page.locator(`tr[data-id="${vb.id}"]`).count()).resolves.toBe(1);
    await page.screenshot({ path: join(artifacts, 'moderation-queue.png'), fullPage: true });

    await openRowAction(page, va.id, 'approve');
    await page.getByRole('button', { name: /confirm/i }).click();
    await page.locator('[data-testid=notice-wrapper]').getByText(/Approved/).waitFor({ timeout: 20_000 });
    expect(((await s.client.workflow.getHandle(a!.workflowId!).result()) as GameJobResult).state).toBe('completed');
    await page.goto(`${served.base}/admin/resources/moderation_queue`);
    await page.locator(`tr[data-id="${vb.id}"]`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`tr[data-id="${va.id}"]`).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'moderation-queue-after-approve.png'), fullPage: true });

    // The console registers its components at start: the reason form is always there.
    expect(consoleComponentsRegistered()).toBe(true);
    {
      await openRowAction(page, vb.id, 'reject');
      await page.locator('[data-testid=reject-form]').waitFor({ timeout: 20_000 });
      await expect(page.locator('[data-testid=reject-submit]').isDisabled()).resolves.toBe(true);
      await page.fill('#reject-reason', 'rewrites the page history');
      await page.screenshot({ path: join(artifacts, 'moderation-reject-form.png'), fullPage: true });
      await page.click('[data-testid=reject-submit]');
      const rb = (await s.client.workflow.getHandle(b!.workflowId!).result()) as GameJobResult;
      expect(rb).toMatchObject({ state: 'rejected', error_code: 'moderator_rejected' });
      expect(rb.detail).toContain('rewrites the page history');
    }
    expect(refused).toEqual([]);
  }, 120_000);
});
