// Start-up with no ADMIN_PASSWORD: the first admin's generated password goes to a file only its
// owner reads, and the log says where, never what. (Its own file: prepareDatabase binds the
// models to a database it then closes.)
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config.ts';
import { prepareDatabase } from '../../scripts/stack/prepare.ts';
import { createTestDatabase, type TestDatabase } from '../db/helpers.ts';

let db: TestDatabase;
let dir = '';
beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pf-admin-log-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

it('the start-up log names the password file, never the password', async () => {
  const cfg = parseConfig({
    DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379/0', JWT_SECRET: 'x'.repeat(40), BCRYPT_COST: '10',
  });
  const lines: string[] = [];
  await prepareDatabase(cfg, join(import.meta.dirname, '../..'), (m) => lines.push(m), { admin: true, dataDir: dir });
  const file = join(dir, 'secrets', 'admin-password');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const password = readFileSync(file, 'utf8').trim();
  expect(password.length).toBeGreaterThanOrEqual(24);
  const log = lines.join('\n');
  expect(log).toContain(`created admin "admin" <admin@playforge.localhost>; its generated password is in ${file}`);
  expect(log).not.toContain(password);
});
