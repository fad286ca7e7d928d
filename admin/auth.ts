// Who may enter the console: active moderators and admins, checked against our users
// table with bcrypt. Failed logins are counted in Redis per account and per address.
import bcrypt from 'bcryptjs';
import { Op } from 'sequelize';
import type { Models } from '../db/index.ts';
import type { Redis } from '../lib/redis.ts';
import { isStaffRole } from '../game/vocabulary.ts';

const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES = { account: 5, ip: 20 };

export interface CurrentAdmin {
  id: string;
  email: string;
  role: string;
  title: string;
}

// Compared against when the account does not exist, so both paths cost one bcrypt.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);

export function createConsoleAuthenticator(models: Models, redis: Redis) {
  return async (login: string, password: string, ip: string): Promise<CurrentAdmin | null> => {
    const who = String(login ?? '').trim().toLowerCase().slice(0, 255);
    const keys = { account: `admin:login:fail:acct:${who}`, ip: `admin:login:fail:ip:${ip}` };
    const [acct, byIp] = await redis.mget(keys.account, keys.ip);
    if (Number(acct ?? 0) >= MAX_FAILURES.account || Number(byIp ?? 0) >= MAX_FAILURES.ip) return null;

    const user = who ? await models.User.findOne({ where: { [Op.or]: [{ email: who }, { username: who }] } }) : null;
    const ok = await bcrypt.compare(String(password ?? '').slice(0, 200), user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.status !== 'active' || !isStaffRole(user.role)) {
      await redis.multi().incr(keys.account).expire(keys.account, WINDOW_SECONDS).incr(keys.ip).expire(keys.ip, WINDOW_SECONDS).exec();
      return null;
    }
    await redis.del(keys.account);
    return { id: user.id, email: user.email, role: user.role, title: user.username };
  };
}
