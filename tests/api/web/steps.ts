// Steps the player's-app browser test takes, through the app's data-testid hooks.
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';

export const PASSWORD = 'Player-Pass-42';

export const unique = (name: string) => `${name}_${randomBytes(4).toString('hex')}`;

export const byTestId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

export async function signUpThroughForm(page: Page, username: string): Promise<void> {
  await byTestId(page, 'signup-username').fill(username);
  await byTestId(page, 'signup-email').fill(`${username}@example.com`);
  await byTestId(page, 'signup-password').fill(PASSWORD);
  await byTestId(page, 'signup-submit').click();
  await page.getByText(`@${username}`, { exact: true }).waitFor();
}

/** Waits until exactly `n` elements match (Playwright's own waits know "at least one"). */
export async function countReaches(locator: Locator, n: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let count = await locator.count();
  while (count !== n) {
    if (Date.now() > until) throw new Error(`expected ${n} of ${locator.toString()}, found ${count}`);
    await new Promise((r) => setTimeout(r, 100));
    count = await locator.count();
  }
}

/** Waits until the page's progress box shows the job's end. */
export async function waitForJobEnd(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="job-progress"][data-state="${state}"]`).waitFor({ timeout: 60_000 });
}

/** What must never happen on the app's own pages: script errors, CSP refusals, server errors. */
export class ProblemLog {
  readonly found: string[] = [];

  constructor(page: Page) {
    page.on('pageerror', (e) => this.found.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) this.found.push(`CSP: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 500) this.found.push(`${r.status()} ${r.url()}`);
    });
  }
}
