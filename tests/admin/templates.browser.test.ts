// The template editor in Chromium: an admin tries to publish a template whose latest
// version the scan blocked; the console refuses and shows the finding.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { buildTestApp } from '../helpers/app.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { createUser, TEST_PASSWORD } from '../helpers/users.ts';
import { createTemplateVersion } from '../../api/services/templateVersions.ts';

let s: Services;
let server: Server;
let browser: Browser;
let base: string;
let email: string;
const tplId = `brw_tpl_${randomBytes(4).toString('hex')}`;
const artifacts = join(import.meta.dirname, '../../test-artifacts');

beforeAll(async () => {
  s = await connectServices();
  server = createServer((await buildTestApp(s, { admin: true })).app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const admin = (await createUser(s, 'admin')).user;
  email = admin.email;
  await s.redis.del('auth:login:fail:ip:::ffff:127.0.0.1', 'auth:login:fail:ip:127.0.0.1', 'auth:login:fail:ip:::1');
  const clean = readFileSync(new URL('../../templates/basic_puzzle/game.html', import.meta.url), 'utf8');
  const cut = clean.lastIndexOf('</script>'); // the game's own script, not the JSON config block
  const code = `${clean.slice(0, cut)}fetch('http://127.0.0.1/x');\n${clean.slice(cut)}`;
  await s.db.models.Template.create({
    id: tplId, name: 'Blocked in browser', description: null, category: 'puzzle', difficulty: 'beginner',
    engine: 'canvas2d', currentVersion: null, createdBy: admin.id,
  });
  await createTemplateVersion(s.db, { templateId: tplId, code, variables: {}, actorId: admin.id });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await s.close();
});

describe('template editor in Chromium', () => {
  it('refuses to publish a blocked version and shows the finding', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('form[action="/admin/login"] button');
    await page.waitForURL(`${base}/admin`, { timeout: 20_000 });

    await page.goto(`${base}/admin/resources/templates/records/${tplId}/show`);
    await page.getByText('Blocked in browser').first().waitFor({ timeout: 20_000 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'admin-template-show.png'), fullPage: true });
    expect(await page.locator('body').innerText()).toMatch(/\bblock\b/);
    await page.locator('[data-testid=action-publish]').first().click();
    const confirm = page.getByRole('button', { name: /confirm/i });
    if (await confirm.isVisible({ timeout: 3_000 }).catch(() => false)) await confirm.click();
    const notice = page.locator('[data-testid=notice-wrapper]');
    await notice.getByText(/Publish refused/).waitFor({ timeout: 20_000 });
    const text = await notice.innerText();
    const version = await s.db.models.TemplateVersion.findOne({ where: { templateId: tplId } });
    const report = version!.scanReport as { findings: { rule: string; severity: string }[] };
    expect(text).toContain(report.findings.find((f) => f.severity === 'block')!.rule);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'admin-template-publish-refused.png'), fullPage: true });
    expect((await s.db.models.Template.findByPk(tplId))!.status).toBe('draft');
  }, 90_000);
});
