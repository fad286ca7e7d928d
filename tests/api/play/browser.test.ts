// /play in real Chromium: a hostile game stays in its box (no cookies, storage, parent,
// navigation, popups or network: a listener on 127.0.0.1 it tries to reach every way records
// nothing, while the same page without the CSP reaches it), a benign template and a Phaser game
// render, and with PLAY_ORIGIN the game document runs on the other origin.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseConfig } from '../../../config.ts';
import { judgeScreenshots } from '../../../game/scan/playtest/image.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { createUser } from '../../helpers/users.ts';
import { startTripwire, type Tripwire } from '../../helpers/tripwire.ts';
import { makeGame } from './fixtures.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const HOSTILE_SOURCE = readFileSync(join(import.meta.dirname, 'hostile-game.html'), 'utf8');
const SECRET = 'pf-secret-3f9c1e';
const CSP_TAG = '[csp]';

let s: Services;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
let owner: Awaited<ReturnType<typeof createUser>>;
let tripwire: Tripwire;
const cfg = parseConfig({ ...process.env });
const requests: string[] = [];

beforeAll(async () => {
  s = await connectServices();
  api = await listenTestApp(s, { cfg });
  // Before Express's own listener, which rewrites req.url while routing.
  api.server.prependListener('request', (req: IncomingMessage) => requests.push(req.url ?? ''));
  api.server.prependListener('upgrade', (req: IncomingMessage) => requests.push(`upgrade ${req.url ?? ''}`));
  tripwire = await startTripwire();
  browser = await launchBrowser();
  owner = await createUser(s);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await tripwire?.close();
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

const hostileGame = (): string => HOSTILE_SOURCE.replace('__TRIPWIRE__', tripwire.host);

type Inbox = { __messages?: { hostile?: boolean; seen: Record<string, string> }[] };

/** The hostile game's report, once it has posted it; then a moment for anything late to land. */
async function hostileReport(page: Page): Promise<Record<string, string>> {
  await page.waitForFunction(
    () => (window as unknown as Inbox).__messages?.some((m) => m.hostile), undefined, { timeout: 20_000 },
  );
  await page.waitForTimeout(1000);
  return page.evaluate(() => (window as unknown as Inbox).__messages!.find((m) => m.hostile)!.seen);
}

async function nonBlank(context: BrowserContext, page: Page): Promise<boolean> {
  const shot = await page.locator('iframe').screenshot();
  return (await judgeScreenshots(context, shot, shot)).nonblank;
}

describe('playing games in Chromium', () => {
  it('a hostile game cannot read the parent, its cookies or storage, navigate, open windows or reach the network',
    async () => {
    const { gameId, version } = await makeGame(s, owner.user.id, { content: hostileGame(), isPublic: true });
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
    tripwire.seen.length = 0;
    const wrapperUrl = `${api.base}/play/${gameId}/${version}`;
    await page.goto(wrapperUrl);
    const report = await hostileReport(page);
    // Not one connection reached the listener: HTTP, WebSocket, beacon, STUN over UDP.
    expect(tripwire.seen).toEqual([]);

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
    // What the page itself was told: the requests failed, the sockets never opened, no WebRTC
    // (a beacon is only queued, so it reads true either way: the listener above is the proof).
    expect({
      xhr: report.xhr, xhrOut: report.xhrOut, websocket: report.websocket, websocketOut: report.websocketOut,
      eventSourceOut: report.eventSourceOut, beacon: report.beacon, beaconOut: report.beaconOut, rtc: report.rtc,
    }).toEqual({
      xhr: 'blocked: error', xhrOut: 'blocked: error', websocket: 'blocked: error', websocketOut: 'blocked: error',
      eventSourceOut: 'blocked: error', beacon: 'ok: true', beaconOut: 'ok: true', rtc: 'blocked: ReferenceError',
    });

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
    for (const d of ['connect-src', 'img-src', 'script-src-elem', 'frame-src', 'style-src-elem'])
      expect([d, directives.has(d)])
      .toEqual([d, true]);
    await context.close();
  }, 60_000);

  it('control: the same hostile game framed in the same sandbox but without the CSP reaches the listener',
    async () => {
    // The same frame sandbox, no CSP and no prelude: whatever then reaches the listener is what
    // the CSP and the prelude alone kept out above (and proves the listener hears it).
    const server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html' })
          .end('<!DOCTYPE html><iframe sandbox="allow-scripts" src="/game.html"></iframe>');
      } else if (req.url === '/game.html') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(hostileGame());
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { context, page } = await openContext();
    try {
      tripwire.seen.length = 0;
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const report = await hostileReport(page);
      for (const entry of [
        'tcp connect', 'http GET /fetch', 'http GET /xhr', 'http POST /beacon', 'ws upgrade /ws', 'http GET /sse',
        'http GET /img', 'http GET /script.js', 'http GET /module.js', 'http GET /style.css',
      ]) expect([entry, tripwire.seen.includes(entry)]).toEqual([entry, true]);
      expect(tripwire.seen.filter((e) => e.startsWith('udp')).length).toBeGreaterThan(0);
      // And the page saw its requests succeed where the CSP'd game saw them fail.
      expect({ xhrOut: report.xhrOut, fetchOut: report.fetchOut, beaconOut: report.beaconOut, rtc: report.rtc })
        .toEqual({ xhrOut: 'ok: 200', fetchOut: 'ok: fetched', beaconOut: 'ok: true', rtc: 'ok: gathering' });
    } finally {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    }
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
