// Who may enter the console: active accounts that the policy lets use it, checked against our
// users table with bcrypt. Failed sign-ins are counted in Redis per account and per address.
import bcrypt from 'bcryptjs';
import { Op } from 'sequelize';
import type { Database } from '../../db/index.ts';
import type { Redis } from '../../lib/redis.ts';
import { canUseConsole } from '../policies.ts';
import type { UserRole } from '../../game/vocabulary.ts';

const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES = { account: 5, ip: 20 };

/** The signed-in console user, as AdminJS keeps it in the session (`currentAdmin`). */
export interface ConsoleAccount {
  id: string;
  email: string;
  role: UserRole;
  title: string;
}

// Compared against when the account does not exist, so both paths cost one bcrypt.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);

export async function consoleSignIn(
  deps: { db: Database; redis: Redis },
  attempt: { login: string; password: string; ip: string },
): Promise<ConsoleAccount | null> {
  const { db, redis } = deps;
  const who = String(attempt.login ?? '').trim().toLowerCase().slice(0, 255);
  const keys = { account: `admin:login:fail:acct:${who}`, ip: `admin:login:fail:ip:${attempt.ip}` };
  const [failedByAccount, failedByIp] = await redis.mget(keys.account, keys.ip);
  if (Number(failedByAccount ?? 0) >= MAX_FAILURES.account || Number(failedByIp ?? 0) >= MAX_FAILURES.ip) return null;

  const user = who
    ? await db.models.User.findOne({ where: { [Op.or]: [{ email: who }, { username: who }] } })
    : null;
  const ok = await bcrypt.compare(String(attempt.password ?? '').slice(0, 200), user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.status !== 'active' || !canUseConsole(user)) {
    await redis.multi()
      .incr(keys.account).expire(keys.account, WINDOW_SECONDS)
      .incr(keys.ip).expire(keys.ip, WINDOW_SECONDS)
      .exec();
    return null;
  }
  await redis.del(keys.account);
  return { id: user.id, email: user.email, role: user.role, title: user.username };
}
