// A local Redis for development and tests: Debian's redis-server, installed with apt when
// the machine has none.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSpec } from './processes.ts';
import { aptInstall, which } from './apt.ts';

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
