// Debian packages the stack needs, installed on demand (these machines run as root).
import { spawnSync } from 'node:child_process';

export function which(cmd: string): string | undefined {
  const r = spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

export function aptInstall(pkg: string, log: (m: string) => void): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`${pkg} is missing and we are not root: install it (apt-get install ${pkg}) or set REDIS_URL`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing ${pkg} from Debian`);
  let r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { env, encoding: 'utf8' });
  if (r.status !== 0) {
    // A fresh machine has no package lists yet.
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore', timeout: 600_000 });
    r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { env, encoding: 'utf8' });
  }
  if (r.status !== 0) throw new Error(`apt-get install ${pkg} failed: ${r.stderr.trim().split('\n').pop() ?? ''}`);
}
