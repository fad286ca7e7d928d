// The browser playtest: the game is loaded through the real play page (the wrapper and the
// game served by the stage's play proxy on 127.0.0.1 with the headers from api/play/page.ts,
// proxy.ts) in headless Chromium, twice, side by side under virtual time (clock.ts): one copy is played
// (a tap at its centre, then key presses) for about two seconds of game time, the other is
// left alone. Judged: console errors, CSP violations, a canvas that is not blank and that
// changes, whether the input made the played copy depart from the idle one (response.ts),
// and a thumbnail of the played copy's last frame.
// No Chromium (or one that will not start, e.g. without the user namespaces its sandbox needs)
// means 'skipped', never 'failed'.
import { existsSync } from 'node:fs';
import type { Browser, ConsoleMessage, Locator, Page } from 'playwright-core';
import { readGame } from '../../validate/document.ts';
import { isEnginePath } from '../../validate/structure.ts';
import { judgeScreenshots } from './image.ts';
import type { ControlsSpec } from '../../templates/spec.ts';
import { CSP_TAG } from './pageScripts.ts';
import { declaredSteps, inputNames, playSideBySide, STANDARD_STEPS, type Copy, type Step } from './drive.ts';
import { judgeResponse } from './response.ts';
import { launchSandboxedChromium } from './chromium.ts';
import { openStage, type Stage, type WarmBrowser } from './warm.ts';
import { GAME_PATH, PLAYTEST_ORIGIN } from './proxy.ts';

export interface PlaytestReport {
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  console_errors: string[];
  csp_violations: string[];
  canvas_nonblank: boolean;
  canvas_changes: boolean;
  /** The input changed what the game shows, against a copy left alone for the same time;
   *  null when that could not be told (skipped, or a game that differs from itself). */
  responds: boolean | null;
  /** The input after which the played copy first looked different from the idle one. */
  first_response?: string;
  /** The largest share of sampled pixels that differed from the idle copy (0..1). */
  response_share: number;
  /** What was given, in order: 'click' (at the centre), then KeyboardEvent.code values; a play
   *  ends once the game has answered one, so a responsive game may not get them all. */
  inputs: string[];
  /** Inputs not given before the wall-clock limit (a game whose frames are very slow). */
  untried?: string[];
  thumbnail_png?: Buffer;
  duration_ms: number;
}

/** Wall-clock bound on one playtest, whatever the game does (a busy loop blocks its page). */
const DEADLINE_MS = 30_000;

/** The explicit path, else CHROMIUM_PATH (what the test bootstrap and the worker set). */
function findChromium(explicit: string | undefined): string | undefined {
  const path = explicit ?? process.env.CHROMIUM_PATH;
  return path && existsSync(path) ? path : undefined;
}

export interface PlaytestOptions {
  chromiumPath?: string;
  durationMs?: number;
  /** What to press: a template's declared controls; absent for a model's draft (the standard set). */
  controls?: ControlsSpec;
  /** A browser kept running between playtests (the worker's); without it, one is started for this game. */
  browsers?: WarmBrowser;
  /** Play one copy, no idle one beside it: for a draft whose response to input is proven elsewhere
   *  (a template's own tests), whether it responds is then not told (null). Half the browser's work. */
  alone?: boolean;
}

export async function playtestGame(html: string, opts: PlaytestOptions = {}): Promise<PlaytestReport> {
  const started = Date.now();
  const steps = opts.controls ? declaredSteps(opts.controls) : STANDARD_STEPS;
  const report: PlaytestReport = {
    status: 'skipped', console_errors: [], csp_violations: [], canvas_nonblank: false, canvas_changes: false,
    responds: null, response_share: 0, inputs: inputNames(steps), duration_ms: 0,
  };
  const done = (): PlaytestReport => ({ ...report, duration_ms: Date.now() - started });
  const executablePath = findChromium(opts.chromiumPath);
  if (!executablePath) {
    report.reason = opts.chromiumPath ? `no Chromium at ${opts.chromiumPath}` : 'no Chromium found (set CHROMIUM_PATH)';
    return done();
  }
  const doc = readGame(html);
  const withEngine = doc.scripts.some((s) => s.src !== undefined && isEnginePath(s.src));
  const title = doc.elements.find((e) => e.tag === 'title')?.text?.trim() || 'Playforge game';
  const warm = opts.browsers;
  let browser: Browser | undefined;
  let stage: Stage | undefined;
  let broken = false;
  let deadline: NodeJS.Timeout | undefined;
  try {
    try {
      // Sandboxed, unprivileged and without the worker's environment (chromium.ts); no signal
      // handlers of Playwright's, so the worker and the start-up process stop in their order.
      if (warm) ({ browser, stage } = await warm.acquireStage());
      else browser = (await launchSandboxedChromium(executablePath, { timeoutMs: 30_000 })).browser;
    } catch (e) {
      report.reason = `Chromium did not start: ${(e as Error).message.split('\n')[0] ?? ''}`;
      return done();
    }
    const expired = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => {
        broken = true;
        reject(new Error(`the game did not finish its playtest within ${DEADLINE_MS / 1000} s`));
      }, DEADLINE_MS);
    });
    stage ??= await openStage(browser);
    stage.proxy.serve({ html, title, withEngine });
    const play = playStage(stage, PLAYTEST_ORIGIN, steps, opts.durationMs ?? 2000, report, opts.alone ?? false);
    await Promise.race([play, expired]);
    const problems = [
      ...(report.console_errors.length ? [`${report.console_errors.length} console error(s)`] : []),
      ...(report.csp_violations.length ? [`${report.csp_violations.length} CSP violation(s)`] : []),
      ...(report.canvas_nonblank ? [] : ['the canvas stays blank']),
      ...(report.canvas_changes ? [] : ['the canvas does not change while playing']),
      ...(report.responds === false ? ['the game does not respond to input'] : []),
    ];
    report.status = problems.length ? 'failed' : 'ok';
    if (problems.length) report.reason = problems.join('; ');
    return done();
  } catch (e) {
    report.status = 'failed';
    report.reason = `playtest error: ${(e as Error).message.split('\n')[0] ?? ''}`;
    return done();
  } finally {
    clearTimeout(deadline);
    // The report is complete. A kept browser's stage is closed after the answer, off the job's
    // path (the browser is released, or retired, once it is); a browser of this playtest's own
    // is ended before the answer, so nothing of it is left running.
    const ending = endPlaytest(stage, warm && browser ? { warm, browser } : undefined, broken)
      .catch(() => undefined);
    if (!warm || !browser) {
      await ending;
      await browser?.close().catch(() => undefined);
    }
  }
}

/** Closes the stage, then hands the kept browser back (retired when the stage would not close). */
async function endPlaytest(
  stage: Stage | undefined, kept: { warm: WarmBrowser; browser: Browser } | undefined, broken: boolean,
): Promise<void> {
  let closed = false;
  try {
    closed = stage ? await stage.close() : true;
  } finally {
    kept?.warm.release(kept.browser, broken || !closed);
  }
}

/** The picture of `target` as the page shows it: a clip of the page's screenshot (no waiting
 *  for the element to be stable, as an element screenshot does), within the viewport. */
async function shoot(page: Page, target: Locator): Promise<Buffer> {
  const box = await target.boundingBox({ timeout: 5000 });
  const view = page.viewportSize();
  if (!box || !view) return target.screenshot({ timeout: 5000 });
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  const width = Math.min(view.width, box.x + box.width) - x;
  const height = Math.min(view.height, box.y + box.height) - y;
  if (width < 1 || height < 1) return target.screenshot({ timeout: 5000 });
  return page.screenshot({ clip: { x, y, width, height }, timeout: 5000 });
}

/** Loads both copies (or the played one alone), plays them side by side, judges what they
 *  showed: fills `report` in. */
async function playStage(
  stage: Stage, origin: string, steps: Step[], durationMs: number, report: PlaytestReport, alone: boolean,
): Promise<void> {
  const played = stage.page;
  const idle = alone ? undefined : await stage.idlePage();
  // A page in the background is not painted: its screenshot waits seconds for a frame.
  await played.bringToFront();
  const tagged = new Set<string>();
  const errors = new Set<string>();
  const violations = new Set<string>();
  // Both copies run the same code: an error either logs is the game's (each kept once).
  for (const page of idle ? [played, idle] : [played]) {
    page.on('console', (msg: ConsoleMessage) => {
      const text = msg.text();
      if (text.startsWith(CSP_TAG)) tagged.add(text.slice(CSP_TAG.length + 1));
      else if (/Content Security Policy/i.test(text)) violations.add(text.slice(0, 300));
      else if (msg.type() === 'error' && !/favicon\.ico/.test(msg.location().url)) errors.add(text.slice(0, 300));
    });
    page.on('pageerror', (err) => { errors.add(`${err.name}: ${err.message}`.slice(0, 300)); });
  }
  try {
    const copies = await Promise.all((idle ? [played, idle] : [played]).map(async (page): Promise<Copy> => {
      await page.goto(`${origin}/play/`, { waitUntil: 'load', timeout: 20_000 });
      const frame = page.frames().find((f) => f.url() === `${origin}${GAME_PATH}`);
      if (!frame) throw new Error('the game frame did not load');
      return { page, frame };
    }));
    const { checkpoints, given, untried } = await playSideBySide(copies[0]!, copies[1], steps, durationMs);
    report.inputs = given;
    const verdict = judgeResponse(checkpoints);
    const canvas = copies[0]!.frame.locator('canvas').first();
    const target = (await canvas.count()) > 0 ? canvas : played.locator('iframe');
    const last = await shoot(played, target);
    // The play is over: a top document (the idle copy's, or the wrapper's) decodes and scales the images.
    const judged = await judgeScreenshots(idle ?? played, last, last);
    report.canvas_nonblank = verdict.drawn || judged.nonblank;
    report.canvas_changes = verdict.changes;
    // A blank game has its own finding, so whether it responds is moot; and a game too slow to
    // be given every input in time is not said to ignore them.
    report.responds = alone || !report.canvas_nonblank || (verdict.responds === false && untried.length) ? null
      : verdict.responds;
    if (untried.length) report.untried = untried;
    report.response_share = verdict.response_share;
    if (verdict.first_response) report.first_response = verdict.first_response;
    if (judged.thumbnail) report.thumbnail_png = judged.thumbnail;
  } finally {
    report.console_errors = [...errors];
    // The page's own listener reports each violation once; Chromium's console lines repeat it.
    report.csp_violations = tagged.size ? [...tagged] : [...violations];
  }
}
