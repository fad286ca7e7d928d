// Checking a sign-in: the same answer, and about the same time, for a wrong password and an
// unknown account; throttled in Redis (counted before the check); the account's status is told only to whoever proved
// the password (a suspended account is not disclosed to a guesser).
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { User } from '../../db/models/index.ts';
import { AppError } from '../errors.ts';
import { checkPassword } from './passwords.ts';
import { accountKey, type LoginThrottle } from './throttle.ts';

/** Username or e-mail (an e-mail always has an @, a username never). */
export async function findByLogin(db: Database, login: string): Promise<User | null> {
  const who = login.trim().toLowerCase();
  if (!who) return null;
  const { sequelize, models } = db;
  if (who.includes('@')) {
    // Compared lower-cased, as the unique index users_email_lower_key does.
    return models.User.findOne({ where: sequelize.where(sequelize.fn('lower', sequelize.col('email')), who) });
  }
  return models.User.findOne({ where: { username: who } });
}

export const invalidCredentials = (): AppError => new AppError(401, 'invalid_credentials', 'Invalid login or password');

export async function signIn(
  deps: { cfg: Config; db: Database },
  throttle: LoginThrottle,
  attempt: { login: string; password: string; ip: string | undefined },
): Promise<User> {
  const user = await findByLogin(deps.db, attempt.login);
  const key = accountKey(user, attempt.login);
  await throttle.attempt(key, attempt.ip);
  const ok = await checkPassword(attempt.password, user?.passwordHash, deps.cfg.BCRYPT_COST);
  if (!user || !ok) throw invalidCredentials();
  await throttle.succeed(key, attempt.ip);
  if (user.status !== 'active') throw new AppError(403, 'account_suspended', 'This account is suspended');
  user.lastLoginAt = new Date();
  await user.save({ fields: ['lastLoginAt'] });
  return user;
}

/** For a signed-in user re-entering their password (password change): same throttle. */
export async function confirmPassword(
  deps: { cfg: Config },
  throttle: LoginThrottle,
  user: User,
  password: string,
  ip: string | undefined,
): Promise<void> {
  const key = accountKey(user, '');
  await throttle.attempt(key, ip);
  if (!(await checkPassword(password, user.passwordHash, deps.cfg.BCRYPT_COST))) {
    // 403, not 401: the access token is fine, and a 401 would send clients to refresh.
    throw new AppError(403, 'invalid_credentials', 'current_password is not correct', { field: 'current_password' });
  }
  await throttle.succeed(key, ip);
}
