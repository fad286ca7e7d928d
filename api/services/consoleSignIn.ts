// Who may enter the console: active accounts that the policy lets use it, checked against our
// users table with bcrypt at the real cost. Attempts go through the API's sign-in throttle
// (api/auth/throttle.ts): one counter per account, whichever spelling (username or e-mail)
// is typed, and per address, shared with POST /api/auth/login.
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { Redis } from '../../lib/redis.ts';
import { canUseConsole } from '../policies.ts';
import type { UserRole } from '../../game/vocabulary.ts';
import { findByLogin } from '../auth/credentials.ts';
import { checkPassword } from '../auth/passwords.ts';
import { accountKey, createLoginThrottle } from '../auth/throttle.ts';
import { AppError } from '../errors.ts';

/** The signed-in console user, as AdminJS keeps it in the session (`currentAdmin`). */
export interface ConsoleAccount {
  id: string;
  email: string;
  role: UserRole;
  title: string;
}

export async function consoleSignIn(
  deps: { cfg: Config; db: Database; redis: Redis },
  attempt: { login: string; password: string; ip: string },
): Promise<ConsoleAccount | null> {
  const { cfg, db } = deps;
  const login = String(attempt.login ?? '').slice(0, 255);
  const throttle = createLoginThrottle(cfg, deps.redis);
  const user = await findByLogin(db, login);
  const key = accountKey(user, login);
  try {
    await throttle.attempt(key, attempt.ip);
  } catch (err) {
    // The console's login page shows one error for every refusal.
    if (err instanceof AppError && err.status === 429) return null;
    throw err;
  }
  const ok = await checkPassword(String(attempt.password ?? '').slice(0, 200), user?.passwordHash, cfg.BCRYPT_COST);
  if (!user || !ok) return null;
  await throttle.succeed(key, attempt.ip);
  if (user.status !== 'active' || !canUseConsole(user)) return null;
  return { id: user.id, email: user.email, role: user.role, title: user.username };
}
