// The worker's playtest browser is kept running between games, each game in a fresh context
// that is gone when its playtest ends; it is replaced after its quota of games, when it dies,
// and when a playtest in it went wrong. Real Chromium.
import { afterEach, describe, expect, it } from '@jest/globals';
import { playtestGame } from '../../../game/scan/playtest/playtest.ts';
import { createWarmBrowser, type WarmBrowser } from '../../../game/scan/playtest/warm.ts';
import { loadTemplate } from '../../templates/helpers.ts';
import { waitFor } from '../../../scripts/stack/processes.ts';
import { BLANK_PATH, PLAYTEST_ORIGIN } from '../../../game/scan/playtest/proxy.ts';

const chromium = (): string => {
  const path = process.env.CHROMIUM_PATH;
  if (!path) throw new Error('CHROMIUM_PATH is not set: run the suite with `npm test`');
  return path;
};

let warm: WarmBrowser | undefined;
afterEach(async () => { await warm?.close(); });

describe('the playtest browser kept warm', () => {
  it('plays game after game in one browser, each in a context of its own that is closed after', async () => {
    warm = createWarmBrowser({ executablePath: chromium() });
    const browser = await warm.acquire();
    const contexts = browser.contexts().length; // the browser's own default context
    warm.release(browser);
    const html = loadTemplate('basic_platformer').html;
    const first = await playtestGame(html, { browsers: warm });
    const second = await playtestGame(loadTemplate('snake').html, { browsers: warm });
    expect(first).toMatchObject({ status: 'ok', responds: true });
    expect(second).toMatchObject({ status: 'ok', console_errors: [] });
    expect(warm.launched()).toBe(1);
    // Both playtests' contexts are closed: nothing of one game is left for the next. What is
    // open besides the browser's own is the stage prepared for the next game: its page on the
    // play origin's empty page.
    const blank = `${PLAYTEST_ORIGIN}${BLANK_PATH}`;
    const ready = () => browser.contexts().length === contexts + 1
      && browser.contexts().at(-1)!.pages().map((p) => p.url()).join() === blank;
    await waitFor('the next stage to be ready', 20, ready);
    const spare = browser.contexts().at(-1)!;
    // The next playtest takes it, and another is prepared after it: never more than one spare.
    const third = await playtestGame(loadTemplate('breakout').html, { browsers: warm });
    expect(third).toMatchObject({ status: 'ok' });
    // Its stage closes right after the answer (off the job's path).
    await waitFor('the third stage to close', 10, () => spare.pages().length === 0);
    await waitFor('a new stage to be ready', 20, ready);
    expect(browser.contexts()).not.toContain(spare);
  }, 90_000);

  it('plays side by side in one browser: concurrent playtests do not disturb each other', async () => {
    warm = createWarmBrowser({ executablePath: chromium() });
    const reports = await Promise.all(['basic_platformer', 'basic_shooter', 'basic_puzzle']
      .map((t) => playtestGame(loadTemplate(t).html, { browsers: warm })));
    for (const r of reports) expect(r).toMatchObject({ status: 'ok', canvas_nonblank: true, console_errors: [] });
    expect(warm.launched()).toBe(1);
  }, 90_000);

  it('is replaced after its quota of games, after it died, and after a broken playtest', async () => {
    warm = createWarmBrowser({ executablePath: chromium(), gamesPerBrowser: 2 });
    const a = await warm.acquire();
    warm.release(a);
    const b = await warm.acquire();
    expect(b).toBe(a);
    warm.release(b);
    // Its quota is spent: it closes once free, and the next game gets a new browser.
    await waitFor('the spent browser to close', 10, () => !a.isConnected());
    const c = await warm.acquire();
    expect(c).not.toBe(a);
    expect(warm.launched()).toBe(2);

    warm.release(c, true); // a playtest that went wrong in it
    await waitFor('the broken browser to close', 10, () => !c.isConnected());
    const d = await warm.acquire();
    expect(d).not.toBe(c);
    warm.release(d);

    await d.close(); // it dies under the worker
    const e = await warm.acquire();
    expect(e).not.toBe(d);
    expect(e.isConnected()).toBe(true);
    warm.release(e);
    expect(warm.launched()).toBe(4);
  }, 90_000);

  it('refuses playtests once closed, and leaves no browser behind', async () => {
    warm = createWarmBrowser({ executablePath: chromium() });
    const browser = await warm.acquire();
    warm.release(browser);
    await warm.close();
    expect(browser.isConnected()).toBe(false);
    expect(browser.contexts()).toHaveLength(0);
    await expect(warm.acquire()).rejects.toThrow(/closed|kept running/);
    const report = await playtestGame(loadTemplate('basic_puzzle').html, { browsers: warm });
    expect(report).toMatchObject({ status: 'skipped', reason: expect.stringContaining('did not start') });
  }, 60_000);
});
