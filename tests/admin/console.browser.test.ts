// The console in real Chromium, served by the real API app on 127.0.0.1: a moderator logs
// in through the form (this caught `Referrer-Policy: no-referrer` making Chromium send
// `Origin: null`, which the CSRF guard rightly refused) and sees the template list.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import type { Browser } from 'playwright-core';
import { buildTestApp } from '../helpers/app.ts';
import { connectServices, type Services } from '../helpers/services.ts';
import { launchBrowser } from '../helpers/browser.ts';

let s: Services;
let server: Server;
let browser: Browser;
let base: string;
const artifacts = join(import.meta.dirname, '../../test-artifacts');

beforeAll(async () => {
  s = await connectServices();
  server = createServer((await buildTestApp(s, { admin: true })).app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await s.db.models.User.destroy({ where: { username: 'browser_mod' } });
  await s.db.models.User.create({
    username: 'browser_mod', email: 'browser_mod@example.com', passwordHash: await bcrypt.hash('Browser-Pass-1', 4),
    displayName: null, avatarUrl: null, bio: null, role: 'moderator', lastLoginAt: null,
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await s.close();
});

describe('admin console in Chromium', () => {
  it('a moderator logs in through the form and sees the templates', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name=email]', 'browser_mod@example.com');
    await page.fill('input[name=password]', 'Browser-Pass-1');
    await page.click('form[action="/admin/login"] button');
    await page.waitForURL(`${base}/admin`, { timeout: 20_000 });
    await page.goto(`${base}/admin/resources/templates`);
    await page.getByText('basic_platformer').waitFor({ timeout: 20_000 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'admin-templates.png') });
    expect(refused).toEqual([]);
  }, 60_000);
});
