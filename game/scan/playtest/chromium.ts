// Chromium for untrusted games, with its sandbox on and nothing worth stealing around it.
// The worker that runs the playtest holds the model keys, JWT_SECRET and the database
// credentials, so the browser is spawned here rather than by Playwright:
// - its environment is built from scratch (a PATH, a locale, a HOME in its own profile dir),
//   so /proc/<pid>/environ of any browser process carries none of the worker's secrets;
// - its sandbox stays on (no --no-sandbox): renderers run in their own namespaces under
//   seccomp-bpf. Chromium refuses its sandbox as root, so a root worker runs it as the
//   unprivileged `nobody` user, which cannot read the worker's files either;
// - Playwright attaches over the DevTools protocol on 127.0.0.1 (Chromium refuses DevTools
//   WebSocket connections that carry an Origin, so pages cannot reach it), through a relay that
//   keeps the connection uncompressed (cdpRelay.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { openCdpRelay, type CdpRelay } from './cdpRelay.ts';

export const CHROMIUM_FLAGS = ['--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--password-store=basic',
  '--disable-dev-shm-usage',
  // The game's sandboxed frame shares its wrapper's renderer instead of starting one of its own
  // (~50 ms a playtest): the wrapper is the playtest's own page in a context made for this game
  // alone, holding nothing; the renderer stays in the OS sandbox, as the unprivileged user.
  '--disable-features=IsolateSandboxedIframes',
  // WebRTC may not send UDP past the proxy a playtest's context is given (the prelude removes it as well).
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp'];
/** The profile directories' prefix: each launch has its own, removed when it closes. */
export const PROFILE_PREFIX = 'playforge-chromium-';
const UNPRIVILEGED_USER = 'nobody';

export interface SandboxedChromium {
  browser: Browser;
  /** The browser process (its renderers and helpers are its descendants). */
  pid: number;
  /** Ends the browser process and its profile; browser.close() does the same. */
  close(): Promise<void>;
}

/** uid and gid of `nobody` from /etc/passwd (65534 where it is not listed). */
function unprivilegedIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${UNPRIVILEGED_USER}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  return { uid: Number(uid ?? 65534), gid: Number(gid ?? 65534) };
}

/** The whole environment the browser gets: no variable of the worker's own. */
export function browserEnv(profile: string): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin', HOME: profile, TMPDIR: profile, LANG: 'C.UTF-8', TZ: 'UTC',
    XDG_CONFIG_HOME: join(profile, '.config'), XDG_CACHE_HOME: join(profile, '.cache'),
  };
}

function waitForEndpoint(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}: ${seen.split('\n').filter(Boolean).slice(-3).join(' | ').slice(0, 500)}`));
    };
    const timer = setTimeout(() => fail(`no DevTools endpoint within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code, signal) => fail(`Chromium exited (${signal ?? code})`));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function launchSandboxedChromium(
  executablePath: string, opts: { timeoutMs?: number } = {},
): Promise<SandboxedChromium> {
  const profile = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  const ids = process.getuid?.() === 0 ? unprivilegedIds() : undefined;
  if (ids) chownSync(profile, ids.uid, ids.gid);
  const child = spawn(executablePath, [
    ...CHROMIUM_FLAGS, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
    `--user-data-dir=${profile}`, 'about:blank',
  ], { env: browserEnv(profile), stdio: ['ignore', 'ignore', 'pipe'], ...(ids ?? {}) });
  let relay: CdpRelay | undefined;
  const cleanup = async () => {
    relay?.close();
    await stop(child);
    rmSync(profile, { recursive: true, force: true });
  };
  let browser: Browser;
  try {
    const endpoint = await waitForEndpoint(child, opts.timeoutMs ?? 30_000);
    relay = await openCdpRelay(endpoint);
    browser = await chromium.connectOverCDP(relay.url, { timeout: opts.timeoutMs ?? 30_000 });
  } catch (e) {
    await cleanup();
    throw e;
  }
  // Past start-up only the pipe's buffer would fill: keep reading and drop it.
  child.stderr?.removeAllListeners('data');
  child.stderr?.resume();
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= cleanup();
    return closing;
  };
  // connectOverCDP's close() only disconnects: the process is ended here.
  const disconnect = browser.close.bind(browser);
  browser.close = async (options) => {
    await disconnect(options).catch(() => undefined);
    await close();
  };
  browser.on('disconnected', () => void close());
  return { browser, pid: child.pid!, close: () => browser.close() };
}
