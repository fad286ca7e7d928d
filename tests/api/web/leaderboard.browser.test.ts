// Creator progression in the player's app, in real Chromium: the signed-in player's level card
// on the home page (level, XP bar, achievements) and the leaderboard view reached from the
// header, switched between this week and all time. Screenshots in test-artifacts/player-app/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { createUser } from '../../helpers/users.ts';
import { awardAchievements, awardXp } from '../../../db/progression.ts';
import { ProblemLog, byTestId, signUpThroughForm, unique } from './steps.ts';

let s: Services;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
const artifacts = join(import.meta.dirname, '../../../test-artifacts/player-app');

beforeAll(async () => {
  s = await connectServices();
  api = await listenTestApp(s);
  browser = await launchBrowser();
  mkdirSync(artifacts, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await s?.close();
});

describe('progression in the app', () => {
  it('shows the level card at home and the leaderboard, week and all-time', async () => {
    // A rival far ahead in total but with nothing this week: first all-time, absent from the week.
    // Other files award XP in the same database, so both score above anything there and only
    // the order between the two is compared.
    const top = Number(await s.db.models.User.max('xp')) || 0;
    const rival = await createUser(s);
    const rivalXp = { userId: rival.user.id, kind: 'game_created' as const, amount: top + 2_000_000 };
    await awardXp(s.db, { ...rivalXp, eventKey: `ui:${rival.user.id}` });
    await s.db.models.XpEvent.update({ createdAt: new Date(Date.now() - 30 * 86_400_000) },
      { where: { eventKey: `ui:${rival.user.id}` } });

    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    const problems = new ProblemLog(page);
    const name = unique('xp');
    await page.goto(`${api.base}/#/signup`);
    await signUpThroughForm(page, name);
    const me = await s.db.models.User.findOne({ where: { username: name } });
    await awardXp(s.db, { userId: me!.id, kind: 'rating_received', amount: top + 1_000_000, eventKey: `ui:${me!.id}` });
    await awardAchievements(s.db, me!.id, ['first_game', 'first_five_star']);

    // The home page signed up on showed the card before the awards: a reload (the session
    // cookie signs the page in again) shows them.
    await page.reload();
    const card = byTestId(page, 'level-card');
    await card.waitFor();
    await expect(card.locator('h2').textContent()).resolves.toMatch(/^Level \d+$/);
    await expect(card.locator('li').allTextContents()).resolves
      .toEqual([expect.stringContaining('First game'), expect.stringContaining('Five stars')]);
    expect(Number(await card.locator('progress').getAttribute('value'))).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'progression-0-home.png'), fullPage: true });

    await page.getByRole('link', { name: 'Leaderboard', exact: true }).first().click();
    await page.waitForURL(/#\/leaderboard$/);
    const board = byTestId(page, 'leaderboard');
    await board.waitFor();
    await board.locator('tbody tr', { hasText: `@${name}` }).waitFor();
    await expect(board.textContent()).resolves.not.toContain(`@${rival.user.username}`);
    await expect(page.locator('.toggle [aria-current="page"]').textContent()).resolves.toBe('This week');
    await page.screenshot({ path: join(artifacts, 'progression-1-week.png'), fullPage: true });

    await page.getByRole('link', { name: 'All time' }).click();
    await page.waitForURL(/period=all$/);
    await page.locator('.toggle [aria-current="page"]', { hasText: 'All time' }).waitFor();
    const names = await byTestId(page, 'leaderboard').locator('tbody tr').allTextContents();
    const at = (username: string) => names.findIndex((row) => row.includes(`@${username}`));
    expect(at(name)).toBeGreaterThan(at(rival.user.username));
    expect(at(rival.user.username)).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: join(artifacts, 'progression-2-all.png'), fullPage: true });
    // At phone width the board still fits: the page scrolls only up and down.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifacts, 'progression-3-phone.png'), fullPage: true });
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth))
      .resolves.toBe(true);
    expect(problems.found).toEqual([]);
    await context.close();
  });
});
