// The remix flag in the player's app (Chromium): a player it is off for sees a plain note where the
// Remix button would be; a player it is on for sees the button. Screenshot in test-artifacts/player-app/.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { createUser, TEST_PASSWORD } from '../../helpers/users.ts';
import { flagFixtures } from '../../helpers/flags.ts';
import { makeGame } from '../games/fixtures.ts';
import { FLAGS } from '../../../db/flags/known.ts';
import { byTestId } from './steps.ts';

let s: Services;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
const fixtures = flagFixtures(() => s);
const artifacts = join(import.meta.dirname, '../../../test-artifacts/player-app');

beforeAll(async () => {
  s = await connectServices();
  api = await listenTestApp(s);
  browser = await launchBrowser();
  mkdirSync(artifacts, { recursive: true });
}, 60_000);
afterEach(() => fixtures.cleanup());
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await s?.close();
});

async function gamePageAs(username: string, gameId: string) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${api.base}/#/signin`);
  await byTestId(page, 'signin-username').fill(username);
  await byTestId(page, 'signin-password').fill(TEST_PASSWORD);
  await byTestId(page, 'signin-submit').click();
  await page.getByText(`@${username}`, { exact: true }).waitFor();
  await page.goto(`${api.base}/#/games/${gameId}`);
  return { context, page };
}

describe('the remix flag in the app', () => {
  it('off for one player: a note instead of the button; on for another: the button', async () => {
    const [owner, blocked, allowed] = await Promise.all([createUser(s), createUser(s), createUser(s)]);
    const game = await makeGame(s, owner.user.id, { isPublic: true, versions: [{}] });
    await fixtures.ruleOn(FLAGS.remix, { scope: 'user', scopeId: blocked.user.id, enabled: false });

    const off = await gamePageAs(blocked.user.username, game.id);
    await byTestId(off.page, 'remix-unavailable').waitFor();
    expect(await byTestId(off.page, 'remix').count()).toBe(0);
    await off.page.screenshot({ path: join(artifacts, 'flags-remix-off.png'), fullPage: true });
    await off.context.close();

    const on = await gamePageAs(allowed.user.username, game.id);
    await byTestId(on.page, 'remix').waitFor();
    expect(await byTestId(on.page, 'remix-unavailable').count()).toBe(0);
    await on.context.close();
  });
});
