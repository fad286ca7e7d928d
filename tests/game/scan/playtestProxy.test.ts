// The playtest's browser context reaches the network only through its play proxy, which serves
// the play pages on PLAYTEST_ORIGIN and nothing else: a page with no CSP at all (about:blank)
// tries a tripwire on 127.0.0.1 by navigation, fetch, image, WebSocket, EventSource and https,
// by address and by the name localhost, and the tripwire must record nothing. Control: the same
// tries from a context without the proxy reach it, so the tripwire can see them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchSandboxedChromium } from '../../../game/scan/playtest/chromium.ts';
import { BLANK_PATH, PLAYTEST_ORIGIN } from '../../../game/scan/playtest/proxy.ts';
import { openStage } from '../../../game/scan/playtest/warm.ts';
import { startTripwire, type Tripwire } from '../../helpers/tripwire.ts';
import { loadTemplate } from '../../templates/helpers.ts';

const chromium = (): string => {
  const path = process.env.CHROMIUM_PATH;
  if (!path) throw new Error('CHROMIUM_PATH is not set: run the suite with `npm test`');
  return path;
};

let browser: Browser;
let trip: Tripwire;
beforeAll(async () => {
  trip = await startTripwire();
  browser = (await launchSandboxedChromium(chromium())).browser;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await trip?.close();
});

/** Every way out a page without a CSP has; navigation errors are expected and swallowed. */
async function tryEveryWay(page: Page, port: number): Promise<(number | string)[]> {
  const statuses: (number | string)[] = [];
  for (const url of [`http://127.0.0.1:${port}/nav`, `http://localhost:${port}/nav`, `https://127.0.0.1:${port}/tls`]) {
    statuses.push(await page.goto(url, { timeout: 5000 }).then((r) => r?.status() ?? 'none', () => 'error'));
  }
  // A fresh page of the same context: about:blank, no CSP (the error page above has its own).
  const blank = await page.context().newPage();
  await blank.evaluate(async (p) => {
    const quiet = (f: () => unknown) => { try { f(); } catch { /* refused is fine */ } };
    quiet(() => new WebSocket(`ws://127.0.0.1:${p}/ws`));
    quiet(() => new EventSource(`http://127.0.0.1:${p}/sse`));
    quiet(() => { new Image().src = `http://127.0.0.1:${p}/img`; });
    await fetch(`http://127.0.0.1:${p}/fetch`, { mode: 'no-cors' }).catch(() => undefined);
    await fetch(`http://localhost:${p}/fetch`, { mode: 'no-cors' }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
  }, port);
  await blank.close();
  return statuses;
}

describe("the playtest's network", () => {
  it('serves the play pages on their origin and refuses every other host, port and scheme', async () => {
    const stage = await openStage(browser);
    try {
      const page = stage.page;
      const other = await stage.idlePage();
      // Ready before its game is known: the pages wait on the empty page, nothing else is served.
      expect(page.url()).toBe(`${PLAYTEST_ORIGIN}${BLANK_PATH}`);
      expect((await other.goto(`${PLAYTEST_ORIGIN}/play/`))?.status()).toBe(404);
      stage.proxy.serve({ html: loadTemplate('snake').html, title: 'Snake', withEngine: false });
      const wrapper = await page.goto(`${PLAYTEST_ORIGIN}/play/`);
      expect(wrapper?.status()).toBe(200);
      expect(page.frames().some((f) => f.url() === `${PLAYTEST_ORIGIN}/play/game`)).toBe(true);
      expect((await page.goto(`${PLAYTEST_ORIGIN}/elsewhere`))?.status()).toBe(404);
      const statuses = await tryEveryWay(page, trip.port);
      // Plain http is answered by the proxy itself (403), https finds no tunnel.
      expect(statuses).toEqual([403, 403, 'error']);
      expect(trip.seen).toEqual([]);
    } finally {
      await stage.close();
    }
  }, 60_000);

  it('control: without the proxy the same tries reach the tripwire', async () => {
    const context = await browser.newContext();
    try {
      await tryEveryWay(await context.newPage(), trip.port);
      expect(trip.seen).toEqual(expect.arrayContaining(['http GET /nav', 'http GET /fetch', 'ws upgrade /ws']));
    } finally {
      await context.close();
    }
  }, 60_000);
});
