// Headless Debian Chromium (the test bootstrap installs it and sets CHROMIUM_PATH), launched the
// way the playtest launches it: sandbox on, no environment of ours, unprivileged when we are
// root. Only 127.0.0.1 pages are opened; browser.close() ends the process.
import type { Browser } from 'playwright-core';
import { launchSandboxedChromium } from '../../game/scan/playtest/chromium.ts';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) throw new Error('CHROMIUM_PATH is not set: run the suite with `npm test`');
  return (await launchSandboxedChromium(executablePath)).browser;
}
