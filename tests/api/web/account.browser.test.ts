// The app's account mails in real Chromium: the real API and worker, mail through a local SMTP
// server. A new player sees that the address is unverified, asks for a new link and follows it;
// then forgets the password, asks for a reset from the sign-in page, sets a new one through the
// mail's link and signs in with it; the same link a second time is refused in plain words.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectServices, type Services } from '../../helpers/services.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { startTestWorker, testConfig, type TestWorker } from '../../helpers/worker.ts';
import { launchBrowser } from '../../helpers/browser.ts';
import { linkToken, startTestSmtp, type TestSmtp } from '../../helpers/smtp.ts';
import { ProblemLog, byTestId, signUpThroughForm, unique } from './steps.ts';

let s: Services;
let smtp: TestSmtp;
let worker: TestWorker;
let api: Awaited<ReturnType<typeof listenTestApp>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  s = await connectServices();
  smtp = await startTestSmtp();
  const cfg = testConfig(s, smtp.env);
  worker = await startTestWorker(s, cfg);
  api = await listenTestApp(s, { cfg });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.close();
  await worker?.stop();
  await smtp?.close();
  await s?.close();
});

/** The mail's link, opened on the test server (PUBLIC_URL names the configured host). */
function openOnTestServer(page: Page, url: string) {
  const link = new URL(url);
  return page.goto(`${api.base}/${link.hash}`);
}

describe("the app's account mails", () => {
  it('verification banner and resend, then forgot password → mail → new password → sign in', async () => {
    const page = await context.newPage();
    const problems = new ProblemLog(page);
    const name = unique('mara');
    const email = `${name}@example.com`;

    await page.goto(`${api.base}/#/signup`);
    await signUpThroughForm(page, name);
    const banner = byTestId(page, 'verify-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`${email} is not verified`);
    await smtp.mailTo(email);
    await byTestId(page, 'verify-resend').click();
    await page.getByText(`A new link is on its way to ${email}`).waitFor();
    const { url: verifyUrl } = linkToken(await smtp.mailTo(email, { nth: 1 }), 'verify');
    await openOnTestServer(page, verifyUrl);
    await page.getByText('Thank you: your address is verified.').waitFor();
    await page.getByText(`@${name}`, { exact: true }).waitFor();
    await banner.waitFor({ state: 'detached' });

    // Signed out, the password forgotten: the sign-in page offers the way back.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign up' }).waitFor();
    await page.goto(`${api.base}/#/signin`);
    await byTestId(page, 'forgot-link').click();
    await byTestId(page, 'forgot-email').fill(email);
    await byTestId(page, 'forgot-submit').click();
    await byTestId(page, 'forgot-sent').getByText('Check your mail').waitFor();
    const { url: resetUrl } = linkToken(await smtp.mailTo(email, { nth: 2 }), 'reset');

    await openOnTestServer(page, resetUrl);
    await byTestId(page, 'reset-password').fill('weak');
    await byTestId(page, 'reset-submit').click();
    await page.getByRole('alert').filter({ hasText: /at least 8 characters/ }).waitFor();
    await byTestId(page, 'reset-password').fill('Fresh-Pass-77');
    await byTestId(page, 'reset-submit').click();
    await byTestId(page, 'reset-done').getByText('Password changed').waitFor();

    await page.goto(`${api.base}/#/signin`);
    await byTestId(page, 'signin-username').fill(name);
    await byTestId(page, 'signin-password').fill('Fresh-Pass-77');
    await byTestId(page, 'signin-submit').click();
    await page.getByText(`@${name}`, { exact: true }).waitFor();

    // The same link again: refused, said plainly.
    await openOnTestServer(page, resetUrl);
    await byTestId(page, 'reset-password').fill('Other-Pass-88');
    await byTestId(page, 'reset-submit').click();
    await page.getByRole('alert').filter({ hasText: 'This link does not work' }).waitFor();
    expect(problems.found).toEqual([]);
  }, 120_000);
});
