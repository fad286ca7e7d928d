// A local Redis for development and tests: Debian's redis-server, installed with apt when
// the machine has none (we run as root on these machines).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSpec } from './processes.ts';

export function which(cmd: string): string | undefined {
  const r = spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

export function aptInstall(pkg: string, log: (m: string) => void): void {
  if (process.getuid?.() !== 0) throw new Error(`${pkg} is missing and we are not root: install it (apt-get install ${pkg}) or set REDIS_URL`);
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

export function ensureRedisServer(log: (m: string) => void): string {
  const existing = which('redis-server');
  if (existing) return existing;
  aptInstall('redis-server', log);
  const installed = which('redis-server');
  if (!installed) throw new Error('redis-server is still not on PATH after installing it');
  return installed;
}

export function localRedis(binary: string, dataRoot: string, port: number, persist: boolean): ServiceSpec {
  const dir = join(dataRoot, 'redis');
  mkdirSync(dir, { recursive: true });
  return {
    name: 'redis',
    command: binary,
    args: [
      '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes',
      '--dir', dir, '--daemonize', 'no', '--appendonly', 'no',
      // Development keeps admin sessions and quotas across restarts; tests start clean.
      '--save', persist ? '60 1' : '',
      '--logfile', '',
    ],
    stopSignal: 'SIGTERM',
    stopTimeout: 10,
  };
}
