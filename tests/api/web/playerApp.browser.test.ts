// The player's app in real Chromium, served by the real API (Socket.IO included) with a real
// worker: the whole story of issue 14 with two players, through the app's data-testid hooks
// only. Screenshots go to test-artifacts/player-app/ (gitignored) to be looked at.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { startTestWorker, testConfig, type TestWorker } from '../../helpers/worker.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { ProblemLog, byTestId, countReaches, signUpThroughForm, unique, waitForJobEnd } from './steps.ts';

let s: Services;
let worker: TestWorker;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
const artifacts = join(import.meta.dirname, '../../../test-artifacts/player-app');

beforeAll(async () => {
  s = await connectServices();
  const cfg = testConfig(s, { LLM_PROVIDERS: 'offline', BROWSER_PLAYTEST: 'true' });
  worker = await startTestWorker(s, cfg);
  api = await listenTestApp(s, { cfg });
  browser = await launchBrowser();
  mkdirSync(artifacts, { recursive: true });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await api?.close();
  await worker?.stop();
  await s?.close();
});

async function newPlayer(phone = false): Promise<{ page: Page; problems: ProblemLog }> {
  const context = await browser.newContext(phone
    ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  return { page, problems: new ProblemLog(page) };
}

/** Nothing sticks out sideways: the page scrolls only up and down. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** The whole page in one viewport: a full-page capture of a page taller than its viewport
 *  repaints the game's nested frame only partly (black in the saved picture, not on screen). */
async function shot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.min(4000, Math.max(viewport.height, height)) });
  // Two frames of the game's own drawing at the new size before the picture.
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
  await page.setViewportSize(viewport);
}

describe("the player's app", () => {
  it('two players: create, watch, play, change, compare, roll back, share, rate and remix', async () => {
    const { page: a, problems: aProblems } = await newPlayer();
    const socketEvents: string[] = [];
    a.on('websocket', (ws) => ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('"job:')) socketEvents.push(f.payload);
    }));

    // A visitor opens `/`, signs up; the refresh token never reaches page script.
    await a.goto(`${api.base}/`);
    await shot(a, '0-welcome');
    await a.getByRole('link', { name: 'Create an account' }).click();
    const alice = unique('alice');
    await signUpThroughForm(a, alice);
    await a.getByText(`@${alice}`, { exact: true }).waitFor();
    const cookie = (await a.context().cookies()).find((c) => c.name === 'playforge_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    expect(await a.evaluate(() => document.cookie)).toBe('');

    // Create "snake game": the game's page follows the job live to the end.
    await byTestId(a, 'prompt-input').fill('snake game');
    await a.getByText('Preferences').click();
    await shot(a, '0-create');
    await byTestId(a, 'create-submit').click();
    await a.waitForURL(/#\/games\/[0-9a-f-]{36}$/);
    const gameId = /games\/([0-9a-f-]{36})/.exec(a.url())![1]!;
    await waitForJobEnd(a, 'completed');
    expect(socketEvents.some((e) => e.includes('job:progress'))).toBe(true);
    expect(await byTestId(a, 'job-progress').locator('li').count()).toBeGreaterThanOrEqual(1);
    // Two draws of the page overlap (the job ends as the player clicks): the first one's chat
    // history is held back, the second is shown, then the first finishes and is dropped. The
    // job's progress stays on the page throughout (the dropped draw used to take it away).
    let entered = (): void => undefined;
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (entered = r));
    const released = new Promise<void>((r) => (release = r));
    const history = '**/api/chat/history/**';
    await a.route(history, async (route) => { entered(); await released; await route.continue(); }, { times: 1 });
    const redraw = () => a.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    await redraw();
    await held;
    expect(await byTestId(a, 'job-progress').locator('li').count()).toBeGreaterThanOrEqual(1);
    await a.locator('#view > div').evaluate((el) => el.setAttribute('data-drawn', 'before'));
    await redraw();
    await a.locator('#view > div[data-drawn="before"]').waitFor({ state: 'detached' });
    const dropped = a.waitForResponse(history);
    release();
    await dropped;
    await a.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
    expect(await byTestId(a, 'job-progress').locator('li').count()).toBeGreaterThanOrEqual(1);
    await shot(a, '1-created');

    // Play: the picture in the frame changes after the player's keys.
    const frame = byTestId(a, 'game-frame');
    await frame.waitFor();
    await a.waitForTimeout(1500);
    const before = await frame.screenshot();
    await frame.click();
    await a.keyboard.press('Space');
    await a.keyboard.press('ArrowUp');
    await a.waitForTimeout(400);
    const after = await frame.screenshot();
    expect(after.equals(before)).toBe(false);
    await shot(a, '2-playing');

    // Ask for a change: version 2 arrives with live progress, and a reload in between picks the
    // job up again from its snapshot.
    const firstJob = await byTestId(a, 'job-progress').getAttribute('data-job');
    await byTestId(a, 'change-input').fill('make it red');
    await byTestId(a, 'change-submit').click();
    await a.locator(`[data-testid="job-progress"][data-job]:not([data-job="${firstJob!}"])`).waitFor();
    const changeJob = await byTestId(a, 'job-progress').getAttribute('data-job');
    await a.reload();
    // Signed in again from the HttpOnly cookie, and following the same job.
    await a.getByText(`@${alice}`, { exact: true }).waitFor();
    await a.locator(`[data-testid="job-progress"][data-job="${changeJob!}"]`).waitFor();
    await waitForJobEnd(a, 'completed');
    await countReaches(byTestId(a, 'version-item'), 2);
    await a.getByText('make it red').first().waitFor();
    await shot(a, '3-version-2');

    // Compare version 1 and version 2 side by side.
    await byTestId(a, 'compare').click();
    const comparison = a.locator('.comparison');
    await comparison.waitFor();
    await countReaches(comparison.locator('img[src^="blob:"]'), 2);
    expect(await comparison.textContent()).toMatch(/What changed from version 1 to version 2.*color/is);
    await comparison.scrollIntoViewIfNeeded();
    await shot(a, '4-compare');

    // Roll back to version 1: a third version with its content.
    await a.locator('[data-testid="version-item"][data-version="1"] [data-testid="rollback"]').click();
    await countReaches(byTestId(a, 'version-item'), 3);
    await a.getByText('Rollback to version 1').first().waitFor();

    // Make it public and take the share link.
    await byTestId(a, 'make-public').click();
    const shareLink = await byTestId(a, 'share-link').inputValue();
    expect(shareLink).toBe(`${api.base}/#/games/${gameId}`);
    await a.getByRole('textbox', { name: 'Tags', exact: true }).fill('Arcade, Snake game');
    // The page is drawn again while the owner types (as when a job of the game ends): the typing stays.
    await a.locator('form.details').evaluate((form) => form.setAttribute('data-drawn', 'before'));
    await a.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    await a.locator('form.details[data-drawn="before"]').waitFor({ state: 'detached' });
    expect(await a.getByRole('textbox', { name: 'Tags', exact: true }).inputValue()).toBe('Arcade, Snake game');
    await a.getByRole('button', { name: 'Save' }).click();
    await a.locator('.game-head a.tag', { hasText: 'snake-game' }).waitFor();
    await shot(a, '5-public');

    // A second player, on a phone, opens the link: plays, then signs up to rate and remix.
    const { page: b, problems: bProblems } = await newPlayer(true);
    await b.goto(shareLink);
    await b.getByRole('heading', { level: 1 }).waitFor();
    const bFrame = byTestId(b, 'game-frame');
    await bFrame.waitFor();
    await b.waitForTimeout(1500);
    const bBefore = await bFrame.screenshot();
    await bFrame.click();
    for (const key of ['Space', 'ArrowLeft', 'ArrowUp']) await b.keyboard.press(key);
    await b.waitForTimeout(600);
    expect((await bFrame.screenshot()).equals(bBefore)).toBe(false);
    await byTestId(b, 'rating').getByRole('button', { name: 'Rate 4 stars' }).click();
    await b.getByRole('link', { name: 'Create an account' }).click();
    const bob = unique('bob');
    await signUpThroughForm(b, bob);
    await b.waitForURL(shareLink);
    await byTestId(b, 'rating').getByRole('button', { name: 'Rate 4 stars' }).click();
    await b.getByText('4.0 (1 rating)').waitFor();
    await shot(b, '6-shared-phone');
    expect(await fitsWidth(b)).toBe(true);

    await byTestId(b, 'remix').click();
    await b.waitForURL((url) => /#\/games\/[0-9a-f-]{36}$/.test(url.hash) && !url.hash.includes(gameId));
    await b.locator('.remix-note', { hasText: 'Remixed from' }).waitFor();
    expect(await b.getByRole('heading', { level: 1 }).textContent()).toMatch(/\(remix\)$/);
    await countReaches(byTestId(b, 'version-item'), 1);
    await shot(b, '7-remix-phone');
    expect(await fitsWidth(b)).toBe(true);

    // The original shows its remix.
    await a.reload();
    await a.getByText('Remixed 1 time').waitFor();
    const original = await s.db.models.Game.findAll({ where: { remixedFrom: gameId } });
    expect(original).toHaveLength(1);

    // Explore finds the public game by its tag, sorted by rating.
    await a.goto(`${api.base}/#/explore?sort=rating`);
    await a.getByRole('textbox', { name: 'Tag', exact: true }).fill('arcade');
    await a.getByRole('button', { name: 'Search' }).click();
    await a.waitForURL(/tag=arcade/);
    await countReaches(a.locator('.game-card'), 1);
    expect(await a.locator('.game-card a').first().getAttribute('href')).toBe(`#/games/${gameId}`);
    await shot(a, '8-explore');

    expect(aProblems.found).toEqual([]);
    expect(bProblems.found).toEqual([]);
  }, 300_000);
});
