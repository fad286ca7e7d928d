// Debian's Chromium for the browser tests (playwright-core drives it; it never downloads
// a browser of its own, which would fail without internet).
import { aptInstall, which } from './redis.ts';

export function ensureChromium(log: (m: string) => void): string {
  const found = which('chromium');
  if (found) return found;
  aptInstall('chromium', log);
  const installed = which('chromium');
  if (!installed) throw new Error('chromium is still not on PATH after installing it');
  return installed;
}
