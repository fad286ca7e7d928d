// Debian packages the test suite needs: Chromium for the browser tests (playwright-core
// drives it; it never downloads a browser of its own, which fails without internet) and
// docker-compose, which validates docker-compose.yml offline.
import { aptInstall, which } from './apt.ts';

function ensureCommand(command: string, pkg: string, log: (m: string) => void): string {
  const found = which(command);
  if (found) return found;
  aptInstall(pkg, log);
  const installed = which(command);
  if (!installed) throw new Error(`${command} is still not on PATH after installing ${pkg}`);
  return installed;
}

export function ensureTestTools(log: (m: string) => void): { chromium: string } {
  ensureCommand('docker-compose', 'docker-compose', log);
  return { chromium: ensureCommand('chromium', 'chromium', log) };
}
