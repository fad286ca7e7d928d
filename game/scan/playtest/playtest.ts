// The browser playtest: the game is loaded through the real play page (the wrapper and the
// game served by a throwaway HTTP server on 127.0.0.1 with the headers from api/play/page.ts),
// played for about two seconds in headless Chromium with key presses and a tap, and judged:
// console errors, CSP violations, a canvas that is not blank and that changes, a thumbnail.
// No Chromium (or one that will not start) means 'skipped', never 'failed'.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { ENGINE_PATH, engineHeaders, gameHeaders, wrapperHeaders, wrapperHtml } from '../../play/page.ts';
import { readGame } from '../../validate/document.ts';
import { isEnginePath } from '../../validate/structure.ts';
import { judgeScreenshots } from './image.ts';
import type { ControlsSpec } from '../../templates/spec.ts';

export interface PlaytestReport {
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  console_errors: string[];
  csp_violations: string[];
  canvas_nonblank: boolean;
  canvas_changes: boolean;
  thumbnail_png?: Buffer;
  duration_ms: number;
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CSP_TAG = '[playforge-csp]';

/** The explicit path, else CHROMIUM_PATH (what the test bootstrap and the worker set). */
function findChromium(explicit: string | undefined): string | undefined {
  const path = explicit ?? process.env.CHROMIUM_PATH;
  return path && existsSync(path) ? path : undefined;
}

let engineSource: Buffer | undefined;
function engine(): Buffer {
  engineSource ??= readFileSync(createRequire(import.meta.url).resolve('phaser/dist/phaser.min.js'));
  return engineSource;
}

/** Serve the wrapper at /play/, the game at /play/game and (when used) the engine. */
async function servePlayPage(
  html: string, title: string, withEngine: boolean,
): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, headers: Record<string, string>, body: string | Buffer): void => {
      res.writeHead(status, headers);
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, { 'Content-Type': 'text/plain' }, 'method not allowed');
    if (path === '/play/') return send(200, wrapperHeaders(), wrapperHtml({ gameUrl: '/play/game', title }));
    if (path === '/play/game') {
      return send(200, gameHeaders({ engineUrl: withEngine ? `${origin}${ENGINE_PATH}` : undefined }), html);
    }
    if (path === ENGINE_PATH && withEngine) return send(200, engineHeaders(), engine());
    return send(404, { 'Content-Type': 'text/plain' }, 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Report CSP violations from every frame on the console, tagged, before any game code runs. */
const CSP_LISTENER = `(() => {
  const log = console.error.bind(console);
  document.addEventListener('securitypolicyviolation', (e) => {
    log(${JSON.stringify(CSP_TAG)} + ' ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline'));
  }, true);
})();`;

/** A model's draft declares nothing: it gets the standard set (the iframe was already clicked
 *  at its centre) — Enter, Space, arrows, WASD. */
const STANDARD_STEPS: [string, number][] = [
  ['Enter', 60], ['Space', 60], ['ArrowRight', 350], ['ArrowUp', 80], ['ArrowLeft', 350], ['Space', 120],
  ['KeyD', 200], ['KeyW', 80], ['KeyA', 200], ['Space', 60],
];

/** A template's declared controls: start once, then each move key held and each action tapped. */
function declaredSteps(controls: ControlsSpec): [string, number][] {
  const steps: [string, number][] = [];
  const rest = Math.max(controls.move.length, controls.action.length, 1);
  for (let i = 0; i < rest; i++) {
    const move = controls.move[i];
    const action = controls.action[i % Math.max(1, controls.action.length)];
    if (move) steps.push([move, 250]);
    if (action) steps.push([action, 80]);
  }
  return steps.length ? steps : [[controls.start[0]!, 60]];
}

async function playFor(page: Page, ms: number, controls: ControlsSpec | undefined): Promise<void> {
  const end = Date.now() + ms;
  if (controls) {
    await page.keyboard.press(controls.start[0]!);
    await page.waitForTimeout(100);
  }
  const steps = controls ? declaredSteps(controls) : STANDARD_STEPS;
  for (let i = 0; Date.now() < end; i++) {
    const [key, hold] = steps[i % steps.length]!;
    await page.keyboard.down(key);
    await page.waitForTimeout(Math.min(hold, Math.max(0, end - Date.now())));
    await page.keyboard.up(key);
    await page.waitForTimeout(Math.min(40, Math.max(0, end - Date.now())));
  }
}

export interface PlaytestOptions {
  chromiumPath?: string;
  durationMs?: number;
  /** What to press: a template's declared controls; absent for a model's draft (the standard set). */
  controls?: ControlsSpec;
}

export async function playtestGame(html: string, opts: PlaytestOptions = {}): Promise<PlaytestReport> {
  const started = Date.now();
  const report: PlaytestReport = {
    status: 'skipped', console_errors: [], csp_violations: [], canvas_nonblank: false, canvas_changes: false,
    duration_ms: 0,
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
  const server = await servePlayPage(html, title, withEngine);
  let browser: Browser | undefined;
  try {
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS, timeout: 30_000 });
    } catch (e) {
      report.reason = `Chromium did not start: ${(e as Error).message.split('\n')[0] ?? ''}`;
      return done();
    }
    const context = await browser.newContext({ viewport: { width: 960, height: 720 }, serviceWorkers: 'block' });
    // Defence in depth behind the CSP: nothing but the local play server is reachable.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      return url.startsWith(server.origin) || url.startsWith('data:') ? route.continue() : route.abort();
    });
    await context.addInitScript({ content: CSP_LISTENER });
    const page = await context.newPage();
    const tagged: string[] = [];
    const onConsole = (msg: ConsoleMessage): void => {
      const text = msg.text();
      if (text.startsWith(CSP_TAG)) tagged.push(text.slice(CSP_TAG.length + 1));
      else if (/Content Security Policy/i.test(text)) report.csp_violations.push(text.slice(0, 300));
      else if (msg.type() === 'error' && !/favicon\.ico/.test(msg.location().url)) {
        report.console_errors.push(text.slice(0, 300));
      }
    };
    page.on('console', onConsole);
    page.on('pageerror', (err) => { report.console_errors.push(`${err.name}: ${err.message}`.slice(0, 300)); });
    await page.goto(`${server.origin}/play/`, { waitUntil: 'load', timeout: 20_000 });
    const frame = page.frames().find((f) => f.url() === `${server.origin}/play/game`);
    const canvas = frame ? frame.locator('canvas').first() : undefined;
    const target = canvas && (await canvas.count()) > 0 ? canvas : page.locator('iframe');
    await page.waitForTimeout(300);
    const before = await target.screenshot({ timeout: 5000 });
    await page.locator('iframe').click({ timeout: 5000 });
    await playFor(page, opts.durationMs ?? 2000, opts.controls);
    const after = await target.screenshot({ timeout: 5000 });
    const judged = await judgeScreenshots(context, before, after);
    // The page's own listener reports each violation once; Chromium's console lines repeat it.
    if (tagged.length) report.csp_violations = tagged;
    report.canvas_nonblank = judged.nonblank;
    report.canvas_changes = judged.changed;
    if (judged.thumbnail) report.thumbnail_png = judged.thumbnail;
    const problems = [
      ...(report.console_errors.length ? [`${report.console_errors.length} console error(s)`] : []),
      ...(report.csp_violations.length ? [`${report.csp_violations.length} CSP violation(s)`] : []),
      ...(report.canvas_nonblank ? [] : ['the canvas stays blank']),
      ...(report.canvas_changes ? [] : ['the canvas does not change while playing']),
    ];
    report.status = problems.length ? 'failed' : 'ok';
    if (problems.length) report.reason = problems.join('; ');
    return done();
  } catch (e) {
    report.status = 'failed';
    report.reason = `playtest error: ${(e as Error).message.split('\n')[0] ?? ''}`;
    return done();
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}
