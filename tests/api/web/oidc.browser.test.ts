// "Sign in with <provider>" in the player's app, in real Chromium: the button appears only when
// the server offers a provider; clicking it goes to the provider (another site: localhost, while
// the app is on 127.0.0.1), through its login and consent, and back signed in — the session in
// the HttpOnly cookie, as after a password sign-in. A refusal comes back to the sign-in page
// with the reason. Screenshots in test-artifacts/player-app/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { startOidcStack, type OidcStack } from '../../helpers/oidcFlow.ts';
import { byTestId, ProblemLog } from './steps.ts';

let s: Services;
let stack: OidcStack;
let browser: Browser;
const artifacts = join(import.meta.dirname, '../../../test-artifacts/player-app');

beforeAll(async () => {
  s = await connectServices();
  stack = await startOidcStack(s, {}, 'localhost');
  browser = await launchBrowser();
  mkdirSync(artifacts, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await s?.close();
});

async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const page = await context.newPage();
  return { context, page, problems: new ProblemLog(page) };
}

describe('sign-in with a provider in the app', () => {
  it('the button signs a new player in through the provider and back', async () => {
    stack.idp.accounts.set('sub-browser-1', { email: 'grace.hopper@gmail.test', emailVerified: true, name: 'Grace' });
    stack.idp.nextLogin = 'sub-browser-1';
    const { context, page, problems } = await freshPage();
    await page.goto(`${stack.base}/#/signin`);
    const button = byTestId(page, 'oidc-signin');
    await expect(button.textContent()).resolves.toBe('Sign in with Test ID');
    await page.screenshot({ path: join(artifacts, 'oidc-0-signin.png'), fullPage: true });
    await button.click();
    await page.getByText('@gracehopper', { exact: true }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).origin).toBe(stack.base);
    await page.screenshot({ path: join(artifacts, 'oidc-1-signed-in.png'), fullPage: true });
    const cookie = (await context.cookies()).find((c) => c.name === 'playforge_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // A reload keeps the session (the cookie, spent by the app's first refresh).
    await page.reload();
    await page.getByText('@gracehopper', { exact: true }).waitFor();
    expect(problems.found).toEqual([]);
    await context.close();
  });

  it('a refusal at the provider comes back to the sign-in page, said plainly', async () => {
    stack.idp.nextLogin = 'deny';
    const { context, page } = await freshPage();
    await page.goto(`${stack.base}/#/signin`);
    await byTestId(page, 'oidc-signin').click();
    await page.waitForURL(/#\/signin\?error=oidc_denied$/);
    await page.getByRole('alert').getByText('The sign-in was cancelled at the provider.').waitFor();
    await page.screenshot({ path: join(artifacts, 'oidc-2-denied.png'), fullPage: true });
    await context.close();
  });

  it('no button when the server offers no provider', async () => {
    const cfg = { ...stack.cfg, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined };
    const api = await listenTestApp(s, { cfg });
    const { context, page } = await freshPage();
    try {
      const info = page.waitForResponse((r) => r.url().endsWith('/api/auth/oidc'));
      await page.goto(`${api.base}/#/signin`);
      expect(await (await info).json()).toMatchObject({ enabled: false });
      await byTestId(page, 'signin-submit').waitFor();
      expect(await byTestId(page, 'oidc-signin').count()).toBe(0);
    } finally {
      await context.close();
      await api.close();
    }
  });
});
