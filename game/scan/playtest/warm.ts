// One sandboxed Chromium kept running for the playtests of a worker: starting one costs a few
// hundred milliseconds, more than the rest of a playtest. Each playtest still gets a fresh
// browser context (its own storage, cache and renderer processes), so games never meet. The
// browser is replaced after a number of games (memory a long-lived browser gathers), when it
// dies, and when a playtest had to be abandoned in it (a game that hung its renderer); a
// retired browser is closed once the playtests still running in it have ended.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchSandboxedChromium } from './chromium.ts';
import { BLANK_PATH, openPlayProxy, PLAYTEST_ORIGIN, type PlayProxy } from './proxy.ts';
import { addPageScripts } from './pageScripts.ts';

/** A fresh context behind its own play proxy, with the page the game is played in (waiting on
 *  the play origin's empty page, its renderer started); a copy left idle beside it gets a page
 *  of its own when asked for. */
export interface Stage {
  context: BrowserContext;
  page: Page;
  /** A second page in the same context, for the idle copy. */
  idlePage(): Promise<Page>;
  proxy: PlayProxy;
  /** Closes the context and its proxy; false when the context would not close in time (a hung game). */
  close(): Promise<boolean>;
}

/** Closing a context whose renderer a game hung may never end: past this, the browser is retired. */
const CLOSE_MS = 5000;

async function closeWithin(context: BrowserContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    context.close().then(() => true, () => false),
    new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), CLOSE_MS); }),
  ]);
  clearTimeout(timer);
  return closed;
}

export async function openStage(browser: Browser): Promise<Stage> {
  const proxy = await openPlayProxy();
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({
      viewport: { width: 960, height: 720 }, serviceWorkers: 'block', proxy: { server: proxy.server },
    });
    await addPageScripts(context);
    const page = await context.newPage();
    // The page's renderer for the play origin starts now, not when the game loads.
    await page.goto(`${PLAYTEST_ORIGIN}${BLANK_PATH}`, { timeout: 20_000 });
    const ctx = context;
    let idle: Promise<Page> | undefined;
    return {
      context: ctx, page, proxy,
      idlePage: () => (idle ??= ctx.newPage()),
      close: async () => {
        const closed = await closeWithin(ctx);
        await proxy.close();
        return closed;
      },
    };
  } catch (e) {
    await context?.close().catch(() => undefined);
    await proxy.close();
    throw e;
  }
}

export interface WarmBrowser {
  /** The current browser for one playtest, started if there is none; pair with release(). */
  acquire(): Promise<Browser>;

  /** acquire(), with a stage for the playtest: the one prepared after the last playtest, else a new one. */
  acquireStage(): Promise<{ browser: Browser; stage: Stage }>;

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

/** `spare`: a stage prepared while the browser was idle, for the next playtest. */
interface Entry {
  browser: Browser; games: number; active: number; retired: boolean; spare?: Promise<Stage | undefined>;
}

export function createWarmBrowser(opts: WarmBrowserOptions): WarmBrowser {
  const gamesPerBrowser = Math.max(1, opts.gamesPerBrowser ?? 100);
  const entries = new Map<Browser, Entry>();
  let live: Entry | undefined;
  let starting: Promise<Entry> | undefined;
  let launches = 0;
  let closed = false;

  /** Closes the browser's prepared stage, if any; resolves once it is closed. */
  const dropSpare = async (entry: Entry): Promise<void> => {
    const spare = entry.spare;
    entry.spare = undefined;
    await (await spare)?.close();
  };

  const shut = (entry: Entry): void => {
    entries.delete(entry.browser);
    void dropSpare(entry).then(() => entry.browser.close()).catch(() => undefined);
  };

  const retire = (entry: Entry): void => {
    if (live === entry) live = undefined;
    if (entry.retired) return;
    entry.retired = true;
    if (entry.active === 0) shut(entry);
    else void dropSpare(entry);
  };

  /** One stage made ready for the next playtest of a browser that stays in use. */
  const prepare = (entry: Entry): void => {
    if (entry.spare || entry.retired || closed || live !== entry) return;
    entry.spare = openStage(entry.browser).then(
      async (stage) => {
        if (!entry.retired && !closed) return stage;
        await stage.close();
        return undefined;
      },
      () => undefined,
    );
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

  const acquire = async (): Promise<Browser> => {
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
  };

  const release = (browser: Browser, broken = false): void => {
    const entry = entries.get(browser);
    if (!entry) return;
    entry.active = Math.max(0, entry.active - 1);
    if (broken || !entry.browser.isConnected()) retire(entry);
    else if (entry.retired && entry.active === 0) shut(entry);
    else prepare(entry);
  };

  return {
    acquire,
    async acquireStage() {
      const browser = await acquire();
      // Taken before any wait: two playtests starting together never get the same stage.
      const entry = entries.get(browser);
      const taken = entry?.spare;
      if (entry) entry.spare = undefined;
      try {
        return { browser, stage: (await taken) ?? await openStage(browser) };
      } catch (e) {
        release(browser, true);
        throw e;
      }
    },
    release,
    async close() {
      closed = true;
      live = undefined;
      await Promise.all([...entries.values()].map(async (entry) => {
        entries.delete(entry.browser);
        await dropSpare(entry).catch(() => undefined);
        await entry.browser.close().catch(() => undefined);
      }));
    },
    launched: () => launches,
  };
}
