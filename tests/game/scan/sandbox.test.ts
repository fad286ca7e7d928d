// The playtest's Chromium runs untrusted games next to the worker's secrets: every process of
// it (browser, zygotes, renderers) must start without the worker's environment, as an
// unprivileged user when the worker is root, and with the sandbox on — renderers in their own
// PID namespace under seccomp-bpf. Read from /proc, not from Chromium's own word.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchSandboxedChromium, PROFILE_PREFIX } from '../../../game/scan/playtest/chromium.ts';
import { playtestGame } from '../../../game/scan/playtest/playtest.ts';
import { loadTemplate } from '../../templates/helpers.ts';

const SECRETS: Record<string, string> = {
  JWT_SECRET: 'jwt-marker-7c1d0b5e9a2f4c6e8b0d1f3a5c7e9b1d',
  OPENAI_API_KEY: 'sk-marker-openai-31f2', ANTHROPIC_API_KEY: 'sk-ant-marker-9d4e',
  DATABASE_URL: 'postgres://playforge:pg-marker-pass@127.0.0.1:5432/playforge',
  REDIS_URL: 'redis://:redis-marker-pass@127.0.0.1:6379/0', ADMIN_PASSWORD: 'admin-marker-Pass-1',
};
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const [k, v] of Object.entries(SECRETS)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

interface Proc {
  pid: number; ppid: number; cmdline: string; environ: string; uid: number; seccomp: number; pidNs: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      pid, ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]),
      cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '),
      environ: readFileSync(`/proc/${pid}/environ`, 'utf8'),
      uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]),
      seccomp: Number(/^Seccomp:\s+(\d+)/m.exec(status)?.[1]),
      pidNs: readlinkSync(`/proc/${pid}/ns/pid`),
    };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** The process `root` and all its descendants. */
function tree(root: number): Proc[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== undefined);
  const found = all.filter((p) => p.pid === root);
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]!.pid));
  return found;
}

/** Browser processes started by launchSandboxedChromium (by their profile dir), with descendants. */
function playtestBrowsers(): Proc[] {
  const marker = `--user-data-dir=${join(tmpdir(), PROFILE_PREFIX)}`;
  const roots = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== undefined && p.cmdline.includes(marker) && !p.cmdline.includes('--type='));
  return roots.flatMap((r) => tree(r.pid));
}

function expectConfined(procs: Proc[]): void {
  const ownNs = readlinkSync('/proc/self/ns/pid');
  const renderers = procs.filter((p) => p.cmdline.includes('--type=renderer'));
  expect(renderers.length).toBeGreaterThan(0);
  for (const p of procs) {
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(p.environ).not.toContain(`${name}=`);
      expect(p.environ).not.toContain(value);
    }
    expect(p.cmdline).not.toContain('--no-sandbox');
    if (process.getuid?.() === 0) expect(p.uid).not.toBe(0);
  }
  for (const r of renderers) {
    expect(r.seccomp).toBe(2);
    expect(r.pidNs).not.toBe(ownNs);
  }
}

const chromiumPath = process.env.CHROMIUM_PATH;
const maybe = chromiumPath ? describe : describe.skip;

maybe('the playtest browser', () => {
  it('launched directly: no secret in any process environment, unprivileged, renderers sandboxed', async () => {
    const chrome = await launchSandboxedChromium(chromiumPath!);
    try {
      const page = await chrome.browser.newPage();
      await page.goto('data:text/html,<p>hello</p>');
      expect(await page.textContent('p')).toBe('hello');
      expectConfined(tree(chrome.pid));
    } finally {
      await chrome.close();
    }
    // Closing ends the process; nothing of it is left behind.
    expect(readProc(chrome.pid)).toBeUndefined();
  }, 60_000);

  it('during a real playtest, every browser process is confined the same way', async () => {
    let seen: Proc[] = [];
    const poll = setInterval(() => {
      const now = playtestBrowsers();
      if (now.some((p) => p.cmdline.includes('--type=renderer'))) seen = now;
    }, 100);
    try {
      const report = await playtestGame(loadTemplate('basic_platformer').html, { durationMs: 800 });
      expect(report.status).not.toBe('skipped');
    } finally {
      clearInterval(poll);
    }
    expectConfined(seen);
  }, 60_000);
});
