// The storage the play page lends a sandboxed game, in real Chromium: a game keeps its best
// score across reloads, per game, within its cap; the site's own storage stays out of reach,
// and only the game's own frame can write through the bridge.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../../config.ts';
import { GAME_STORAGE_CAP } from '../../../game/play/storage.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { createUser } from '../../helpers/users.ts';
import { makeGame } from './fixtures.ts';

// Counts its visits in both areas, tries to go past the cap, and reports to the page above.
const COUNTER = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>counter</title></head>
<body><canvas id="c" width="32" height="32"></canvas>
<script>
  const seen = { best: localStorage.getItem('best'), asProperty: localStorage.best, session: sessionStorage.visits,
    keys: Object.keys(localStorage).sort().join(','), length: localStorage.length, site: localStorage.getItem('site') };
  localStorage.setItem('best', String(Number(seen.best || 0) + 1));
  localStorage.other = 'x';
  sessionStorage.setItem('visits', String(Number(seen.session || 0) + 1));
  try { localStorage.setItem('huge', 'z'.repeat(${GAME_STORAGE_CAP})); seen.quota = 'stored'; }
  catch (e) { seen.quota = e.name; }
  try { document.cookie = 'a=1'; seen.cookie = String(document.cookie); }
  catch (e) { seen.cookie = 'blocked: ' + e.name; }
  try { indexedDB.open('x'); seen.indexedDB = 'ok'; } catch (e) { seen.indexedDB = 'blocked: ' + e.name; }
  // A forged bridge message for a key the shim never wrote, and one far over the cap.
  parent.postMessage({ playforgeStorage: 1, area: '__proto__', op: 'set', key: 'polluted', value: '1' }, '*');
  parent.postMessage({ playforgeStorage: 1, area: 'local', op: 'set', key: 'big', value: 'y'.repeat(70000) }, '*');
  parent.postMessage({ counter: seen }, '*');
</script></body></html>`;

let s: Services;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  s = await connectServices();
  api = await listenTestApp(s, { cfg: parseConfig({ ...process.env }) });
  browser = await launchBrowser();
  owner = await createUser(s);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await s?.close();
});

type Seen = Record<string, string | number | null | undefined>;

/** Open the play page and wait for the game's report. */
async function play(page: Page, gameId: string, version: number): Promise<Seen> {
  await page.goto(`${api.base}/play/${gameId}/${version}`);
  const handle = await page.waitForFunction(() => {
    const inbox = (window as unknown as { __inbox?: { counter?: Seen }[] }).__inbox ?? [];
    return inbox.find((m) => m.counter)?.counter;
  }, undefined, { timeout: 15_000 });
  const seen = (await handle.jsonValue()) as Seen;
  await page.waitForTimeout(400); // the bridge saves a moment after the last write
  return seen;
}

describe('storage lent to games', () => {
  it('keeps a game\'s items across reloads, per game and per area, capped, away from the site\'s own', async () => {
    const first = await makeGame(s, owner.user.id, { content: COUNTER, isPublic: true });
    const second = await makeGame(s, owner.user.id, { content: COUNTER, isPublic: true });
    const context = await browser.newContext();
    await context.addInitScript({
      content: "window.addEventListener('message', (e) => { (window.__inbox = window.__inbox || []).push(e.data); });",
    });
    const page = await context.newPage();
    await page.goto(`${api.base}/api/health/liveness`);
    await page.evaluate(() => localStorage.setItem('site', 'secret'));

    const one = await play(page, first.gameId, first.version);
    expect(one).toMatchObject({ best: null, session: undefined, keys: '', length: 0, site: null });
    expect(one.quota).toBe('QuotaExceededError');
    expect(one.cookie).toMatch(/^blocked/);
    expect(one.indexedDB).toMatch(/^blocked/);

    const two = await play(page, first.gameId, first.version);
    expect(two).toMatchObject({ best: '1', asProperty: '1', session: '1', keys: 'best,other', length: 2, site: null });

    // Another game starts empty; the first game's items are where the wrapper keeps them.
    expect(await play(page, second.gameId, second.version)).toMatchObject({ best: null, keys: '' });
    const kept = await page.evaluate((id) => JSON.parse(localStorage.getItem(`playforge:game-storage:${id}`)!) as
      Record<string, string>, first.gameId);
    expect(kept).toEqual({ best: '2', other: 'x' }); // no forged or oversized item got in
    expect(await page.evaluate(() => localStorage.getItem('site'))).toBe('secret');
    expect(await page.evaluate(() => Object.prototype.hasOwnProperty.call({}, 'polluted'))).toBe(false);

    // Messages that do not come from the game's frame are ignored.
    await page.evaluate((id) => {
      window.postMessage({ playforgeStorage: 1, area: 'local', op: 'set', key: 'best', value: '999' }, '*');
      return id;
    }, first.gameId);
    await page.waitForTimeout(400);
    expect(await play(page, first.gameId, first.version)).toMatchObject({ best: '2' });

    // A new tab: localStorage stays, sessionStorage starts again.
    const other = await context.newPage();
    expect(await play(other, first.gameId, first.version)).toMatchObject({ best: '3', session: undefined });
    await context.close();
  }, 90_000);
});
