// One sandboxed Chromium kept running for the playtests of a worker: starting one costs a few
// hundred milliseconds, more than the rest of a playtest. Each playtest still gets a fresh
// browser context (its own storage, cache and renderer processes), so games never meet. The
// browser is replaced after a number of games (memory a long-lived browser gathers), when it
// dies, and when a playtest had to be abandoned in it (a game that hung its renderer); a
// retired browser is closed once the playtests still running in it have ended.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchSandboxedChromium } from './chromium.ts';

/** A fresh context with the two pages a playtest plays side by side (renderers started). */
export interface Stage { context: BrowserContext; pages: [Page, Page] }

/** `proxy`: every request of the context goes there, loopback included (the playtest's play proxy). */
export async function openStage(browser: Browser, proxy: string): Promise<Stage> {
  const context = await browser.newContext({
    viewport: { width: 960, height: 720 }, serviceWorkers: 'block', proxy: { server: proxy },
  });
  try {
    const pages = await Promise.all([context.newPage(), context.newPage()]);
    return { context, pages: [pages[0], pages[1]] };
  } catch (e) {
    await context.close().catch(() => undefined);
    throw e;
  }
}

export interface WarmBrowser {
  /** The current browser for one playtest, started if there is none; pair with release(). */
  acquire(): Promise<Browser>;

  /** The playtest is over; `broken` retires the browser (a hung or crashed game was in it). */
  release(browser: Browser, broken?: boolean): void;
  close(): Promise<void>;
  /** Browsers started so far. */
  launched(): number;
}

export interface WarmBrowserOptions {
  executablePath: string;
  /** Games one browser plays before it is replaced. */
  gamesPerBrowser?: number;
  launchTimeoutMs?: number;
}

interface Entry { browser: Browser; games: number; active: number; retired: boolean }

export function createWarmBrowser(opts: WarmBrowserOptions): WarmBrowser {
  const gamesPerBrowser = Math.max(1, opts.gamesPerBrowser ?? 100);
  const entries = new Map<Browser, Entry>();
  let live: Entry | undefined;
  let starting: Promise<Entry> | undefined;
  let launches = 0;
  let closed = false;

  const shut = (entry: Entry): void => {
    entries.delete(entry.browser);
    void entry.browser.close().catch(() => undefined);
  };

  const retire = (entry: Entry): void => {
    if (live === entry) live = undefined;
    if (entry.retired) return;
    entry.retired = true;
    if (entry.active === 0) shut(entry);
  };

  const launch = (): Promise<Entry> => {
    launches++;
    // A failed start is not kept: the next playtest tries again.
    starting = launchSandboxedChromium(opts.executablePath, { timeoutMs: opts.launchTimeoutMs ?? 30_000 })
      .then(({ browser }) => {
        const entry: Entry = { browser, games: 0, active: 0, retired: false };
        entries.set(browser, entry);
        browser.on('disconnected', () => retire(entry));
        if (closed) shut(entry);
        else live = entry;
        return entry;
      })
      .finally(() => { starting = undefined; });
    return starting;
  };

  return {
    async acquire() {
      // Bounded: a browser retired between its start and this playtest is replaced at most twice.
      for (let tries = 0; tries < 3; tries++) {
        if (closed) break;
        const entry = live ?? await (starting ?? launch());
        if (entry.retired || closed) continue;
        entry.games++;
        entry.active++;
        if (entry.games >= gamesPerBrowser) retire(entry);
        return entry.browser;
      }
      throw new Error('no playtest browser could be kept running');
    },
    release(browser, broken = false) {
      const entry = entries.get(browser);
      if (!entry) return;
      entry.active = Math.max(0, entry.active - 1);
      if (broken || !entry.browser.isConnected()) retire(entry);
      else if (entry.retired && entry.active === 0) shut(entry);
    },
    async close() {
      closed = true;
      live = undefined;
      await Promise.all([...entries.values()].map(async (entry) => {
        entries.delete(entry.browser);
        await entry.browser.close().catch(() => undefined);
      }));
    },
    launched: () => launches,
  };
}
