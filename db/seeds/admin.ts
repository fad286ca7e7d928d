// The first admin: from ADMIN_EMAIL/ADMIN_PASSWORD, or with a generated password that is
// printed once (it is stored only as a bcrypt hash). Nothing happens once an admin exists.
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Config } from '../../config.ts';
import type { Models } from '../models/index.ts';

export type AdminResult =
  | { created: false; reason: string }
  | { created: true; username: string; email: string; generatedPassword?: string };

export async function ensureAdmin(
  models: Models, cfg: Pick<Config, 'ADMIN_EMAIL' | 'ADMIN_PASSWORD' | 'ADMIN_USERNAME' | 'BCRYPT_COST'>,
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
  return { created: true, username: cfg.ADMIN_USERNAME, email, generatedPassword: generated };
}
