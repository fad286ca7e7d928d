// /play in real Chromium: a hostile game stays in its box (no cookies, storage, parent,
// navigation, popups or network), a benign template and a Phaser game render, and with
// PLAY_ORIGIN the game document runs on the other origin.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseConfig } from '../../../config.ts';
import { judgeScreenshots } from '../../../game/scan/playtest/image.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { createUser } from '../../helpers/users.ts';
import { makeGame } from './fixtures.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const HOSTILE = readFileSync(join(import.meta.dirname, 'hostile-game.html'), 'utf8');
const SECRET = 'pf-secret-3f9c1e';
const CSP_TAG = '[csp]';

let s: Services;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
let owner: Awaited<ReturnType<typeof createUser>>;
const cfg = parseConfig({ ...process.env });
const requests: string[] = [];

beforeAll(async () => {
  s = await connectServices();
  api = await listenTestApp(s, { cfg });
  // Before Express's own listener, which rewrites req.url while routing.
  api.server.prependListener('request', (req: IncomingMessage) => requests.push(req.url ?? ''));
  browser = await launchBrowser();
  owner = await createUser(s);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await s?.close();
});

/** A page whose every frame reports CSP violations on the console, tagged. */
async function openContext(): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
        console.error(${JSON.stringify(CSP_TAG)} + ' ' + e.effectiveDirective + ' ' + (e.blockedURI || 'inline')),
      true);
      window.addEventListener('message', (e) => { (window.__messages = window.__messages || []).push(e.data); });`,
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => { if (m.text().startsWith(CSP_TAG)) violations.push(m.text().slice(CSP_TAG.length + 1)); });
  return { context, page, violations };
}

async function nonBlank(context: BrowserContext, page: Page): Promise<boolean> {
  const shot = await page.locator('iframe').screenshot();
  return (await judgeScreenshots(context, shot, shot)).nonblank;
}

describe('playing games in Chromium', () => {
  it('a hostile game cannot read the parent, its cookies or storage, navigate, open windows or reach the network',
    async () => {
    const { gameId, version } = await makeGame(s, owner.user.id, { content: HOSTILE, isPublic: true });
    const { context, page, violations } = await openContext();
    // The wrapper's origin holds secrets first: a cookie and localStorage.
    await context.addCookies([{ name: 'pf_secret', value: SECRET, url: api.base }]);
    await page.goto(`${api.base}/api/health/liveness`);
    await page.evaluate((v) => localStorage.setItem('pf_secret', v), SECRET);
    const mainNavigations: string[] = [];
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) mainNavigations.push(f.url()); });
    const popups: string[] = [];
    context.on('page', (p) => popups.push(p.url()));

    requests.length = 0;
    const wrapperUrl = `${api.base}/play/${gameId}/${version}`;
    await page.goto(wrapperUrl);
    await page.waitForFunction(
      () => (window as unknown as { __messages?: { hostile?: boolean }[] }).__messages?.some((m) => m.hostile),
      undefined, { timeout: 15_000 },
    );
    await page.waitForTimeout(500);
    type Inbox = { __messages: { hostile?: boolean; seen: Record<string, string> }[] };
    const report = await page.evaluate(() => (window as unknown as Inbox).__messages.find((m) => m.hostile)!.seen);

    // Nothing of the parent's leaked into the game.
    expect(JSON.stringify(report)).not.toContain(SECRET);
    // Storage is the game's own, lent by the wrapper: nothing of the site's is in it.
    expect(report.localStorage).toBe('ok: null');
    expect(report.sessionStorage).toBe('ok: 0');
    for (const key of [
      'cookie', 'indexedDB', 'parentDocument', 'parentStorage', 'parentHref', 'topLocation', 'worker',
    ]) {
      expect([key, report[key]]).toEqual([key, expect.stringMatching(/^blocked/)]);
    }
    for (const key of ['fetch', 'fetchOut', 'dynamicImport']) expect([key, report[key]])
      .toEqual([key, expect.stringMatching(/^blocked/)]);
    expect(report.open).toBe('ok: null');

    // No navigation, no popup, and the server saw the wrapper and the game document only.
    expect(page.url()).toBe(wrapperUrl);
    expect(mainNavigations).toEqual([wrapperUrl]);
    expect(page.frames().slice(0, 2).map((f) => f.url()))
      .toEqual([wrapperUrl, `${api.base}/play/${gameId}/${version}/game.html`]);
    // The game's own nested iframe was taken out of the page by the prelude (no fresh realms).
    expect(page.frames().slice(2).map((f) => f.url())).toEqual([]);
    expect(popups).toEqual([]);
    expect(context.pages()).toHaveLength(1);
    expect(requests.filter((u) => u !== '/favicon.ico'))
      .toEqual([`/play/${gameId}/${version}`, `/play/${gameId}/${version}/game.html`]);
    expect(await page.evaluate(() => localStorage.getItem('pf_secret'))).toBe(SECRET);

    // And the browser reported what the CSP refused.
    const directives = new Set(violations.map((v) => v.split(' ')[0]));
    for (const d of ['connect-src', 'img-src', 'script-src-elem', 'frame-src']) expect([d, directives.has(d)])
      .toEqual([d, true]);
    await context.close();
  }, 60_000);

  it('renders a benign template game and a Phaser game from the vendored engine', async () => {
    const template = readFileSync(join(root, 'templates', 'basic_platformer', 'game.html'), 'utf8');
    const phaser = readFileSync(join(root, 'tests', 'fixtures', 'games', 'benign', 'phaser-vendored.html'), 'utf8');
    for (const content of [template, phaser]) {
      const { gameId, version } = await makeGame(s, owner.user.id, { content, isPublic: true });
      const { context, page, violations } = await openContext();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${api.base}/play/${gameId}/${version}`);
      const frame = page.frames().find((f) => f.url().endsWith('/game.html'))!;
      await frame.waitForSelector('canvas', { timeout: 15_000 });
      await page.waitForTimeout(700);
      expect(await nonBlank(context, page)).toBe(true);
      expect(errors).toEqual([]);
      expect(violations).toEqual([]);
      await context.close();
    }
  }, 60_000);

  it('a private game plays with the owner\'s play link only', async () => {
    const { gameId, version } = await makeGame(
      s, owner.user.id, { content: readFileSync(join(root, 'templates', 'basic_puzzle', 'game.html'), 'utf8') },
    );
    const { context, page } = await openContext();
    expect((await page.goto(`${api.base}/play/${gameId}/${version}`))!.status()).toBe(404);
    const res = await fetch(
      `${api.base}/play/${gameId}/${version}/token`, { headers: { Authorization: `Bearer ${owner.token}` } },
    );
    const { url } = (await res.json()) as { url: string };
    expect((await page.goto(`${api.base}${url}`))!.status()).toBe(200);
    const frame = page.frames().find((f) => f.url().includes('/game.html?t='))!;
    await frame.waitForSelector('canvas', { timeout: 15_000 });
    await page.waitForTimeout(500);
    expect(await nonBlank(context, page)).toBe(true);
    await context.close();
  }, 60_000);

  it('with PLAY_ORIGIN, the game document runs on the play origin inside the site\'s wrapper', async () => {
    const port = new URL(api.base).port;
    const site = `http://127.0.0.1:${port}`;
    const play = `http://localhost:${port}`;
    // The router reads the config per request: point it at two origins of this one server.
    Object.assign(cfg, { PUBLIC_URL: site, publicUrl: site, PLAY_ORIGIN: play });
    try {
      const { gameId, version } = await makeGame(
        s, owner.user.id,
        {
          content: readFileSync(join(root, 'tests', 'fixtures', 'games', 'benign', 'phaser-vendored.html'), 'utf8'),
          isPublic: true,
        },
      );
      const { context, page, violations } = await openContext();
      // Asking the play origin for the wrapper lands on the site.
      await page.goto(`${play}/play/${gameId}/${version}`);
      expect(page.url()).toBe(`${site}/play/${gameId}/${version}`);
      const frame = page.frames().find((f) => f.url() === `${play}/play/${gameId}/${version}/game.html`)!;
      expect(frame).toBeDefined();
      await frame.waitForSelector('canvas', { timeout: 15_000 });
      await page.waitForTimeout(700);
      expect(await nonBlank(context, page)).toBe(true);
      expect(violations).toEqual([]);
      // Opening game.html as a page, on either origin, ends on the wrapper page of the site.
      for (const origin of [site, play]) {
        await page.goto(`${origin}/play/${gameId}/${version}/game.html`);
        expect(page.url()).toBe(`${site}/play/${gameId}/${version}`);
      }
      await context.close();
    } finally {
      Object.assign(
        cfg, { PUBLIC_URL: undefined, publicUrl: parseConfig({ ...process.env }).publicUrl, PLAY_ORIGIN: undefined },
      );
    }
  }, 60_000);
});
