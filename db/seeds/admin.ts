// The first admin: from ADMIN_EMAIL/ADMIN_PASSWORD, or with a generated password that is
// written to a file only its owner can read (it is stored only as a bcrypt hash, and never
// goes to a log). Nothing happens once an admin exists.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import bcrypt from 'bcryptjs';
import type { Config } from '../../config.ts';
import type { Models } from '../models/index.ts';

export type AdminResult =
  | { created: false; reason: string }
  | { created: true; username: string; email: string; passwordFile?: string };

/** Mode 0600 in a 0700 directory; written before the admin exists, so a failure locks nobody out. */
function writePasswordFile(file: string, password: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    // An existing file keeps its old mode through writeFileSync.
    chmodSync(file, 0o600);
  } catch (e) {
    throw new Error(`cannot write the generated admin password to ${file} (${(e as Error).message}); `
      + 'set ADMIN_PASSWORD_FILE to a writable path, or ADMIN_EMAIL and ADMIN_PASSWORD', { cause: e });
  }
}

export async function ensureAdmin(
  models: Models, cfg: Pick<Config, 'ADMIN_EMAIL' | 'ADMIN_PASSWORD' | 'ADMIN_USERNAME' | 'BCRYPT_COST'>,
  passwordFile: string,
): Promise<AdminResult> {
  const existing = await models.User.count({ where: { role: 'admin' } });
  if (existing > 0) return { created: false, reason: 'an admin already exists' };
  const email = (cfg.ADMIN_EMAIL ?? `${cfg.ADMIN_USERNAME}@playforge.localhost`).toLowerCase();
  const taken = await models.User.findOne({ where: { email } });
  if (taken) {
    return { created: false, reason: `a non-admin user already has the email ${email}; promote it in the console` };
  }
  // 18 random bytes: ~144 bits, and always meets the password rules (letters, digits, case).
  const generated = cfg.ADMIN_PASSWORD ? undefined : `Pf1${randomBytes(18).toString('base64url')}`;
  if (generated) writePasswordFile(passwordFile, generated);
  const password = cfg.ADMIN_PASSWORD ?? generated!;
  await models.User.create({
    username: cfg.ADMIN_USERNAME,
    email,
    passwordHash: await bcrypt.hash(password, cfg.BCRYPT_COST),
    displayName: 'Administrator',
    avatarUrl: null,
    bio: null,
    role: 'admin',
    lastLoginAt: null,
  });
  return { created: true, username: cfg.ADMIN_USERNAME, email, ...(generated ? { passwordFile } : {}) };
}
