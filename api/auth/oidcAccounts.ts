// Which of our users a provider's identity is. The provider's subject decides once it is
// linked; before that, an e-mail address links the identity to an existing account only when
// both sides have proved it (the provider says email_verified, and our user verified it too):
// otherwise whoever registers an address first could take over the other's account. A new
// identity with an address nobody uses becomes a new account.
import { randomBytes } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { User } from '../../db/models/index.ts';
import { AppError } from '../errors.ts';
import { findByLogin } from './credentials.ts';
import { hashPassword } from './passwords.ts';
import type { OidcIdentity } from './oidc.ts';

const USERNAME_TRIES = 5;

/** A free username from the address's local part (a-z, 0-9, _), with digits added when taken. */
async function freeUsername(db: Database, email: string | null): Promise<string> {
  const local = (email ?? '').split('@')[0]!.toLowerCase().replace(/[^a-z0-9_]/g, '').slice(0, 40);
  const base = local.length >= 3 ? local : `player${local}`;
  for (let i = 0; i < USERNAME_TRIES; i += 1) {
    const candidate = i === 0 ? base : `${base}_${randomBytes(3).readUIntBE(0, 3) % 100_000}`;
    if (!(await db.models.User.findOne({ where: { username: candidate }, attributes: ['id'] }))) return candidate;
  }
  return `${base}_${randomBytes(6).toString('hex')}`;
}

async function linkByEmail(db: Database, identity: OidcIdentity): Promise<User | null> {
  if (identity.email === null) {
    throw new AppError(400, 'oidc_no_email', 'The provider did not share an e-mail address; allow it and try again');
  }
  const user = await findByLogin(db, identity.email);
  if (!user) return null;
  if (!identity.emailVerified) {
    throw new AppError(409, 'oidc_email_unverified',
      'That address has an account here, and the provider has not verified it: sign in with your password');
  }
  if (!user.emailVerified) {
    throw new AppError(409, 'account_link_unverified',
      'That address has an account here that has not verified it: sign in with your password');
  }
  return user;
}

async function createAccount(cfg: Config, db: Database, identity: OidcIdentity): Promise<User> {
  // Nobody knows this password: the account signs in through the provider (or a reset mail).
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'), cfg.BCRYPT_COST);
  const username = await freeUsername(db, identity.email);
  return db.sequelize.transaction(async (transaction) => {
    const user = await db.models.User.create({
      username, email: identity.email!, passwordHash, displayName: identity.name ?? username,
      avatarUrl: null, bio: null, lastLoginAt: new Date(),
      emailVerified: identity.emailVerified, emailVerifiedAt: identity.emailVerified ? new Date() : null,
    }, { transaction });
    await db.models.UserIdentity.create({
      userId: user.id, issuer: identity.issuer, subject: identity.subject, email: identity.email,
      lastUsedAt: new Date(),
    }, { transaction });
    return user;
  });
}

/** Who is signing in, for the audit log. */
export interface SignInRequest {
  ip?: string;
  requestId?: string;
}

async function findOrCreate(cfg: Config, db: Database, identity: OidcIdentity, request: SignInRequest): Promise<User> {
  const { UserIdentity, User: Users } = db.models;
  const known = await UserIdentity.findOne({ where: { issuer: identity.issuer, subject: identity.subject } });
  if (known) {
    const user = await Users.findByPk(known.userId);
    if (!user) throw new AppError(401, 'invalid_credentials', 'This account no longer exists');
    await known.update({ lastUsedAt: new Date(), email: identity.email });
    return user;
  }
  const existing = await linkByEmail(db, identity);
  if (!existing) return createAccount(cfg, db, identity);
  await UserIdentity.create({
    userId: existing.id, issuer: identity.issuer, subject: identity.subject, email: identity.email,
    lastUsedAt: new Date(),
  });
  await db.models.AuditLog.create({
    actorId: existing.id, action: 'user.identity_linked', targetType: 'user', targetId: existing.id,
    details: { issuer: identity.issuer }, ip: request.ip ?? null, requestId: request.requestId ?? null,
  });
  return existing;
}

/** The user this identity signs in as (found, linked or created); suspended accounts are refused. */
export async function accountForIdentity(
  cfg: Config, db: Database, identity: OidcIdentity, request: SignInRequest,
): Promise<User> {
  let user: User;
  try {
    user = await findOrCreate(cfg, db, identity, request);
  } catch (err) {
    // Two callbacks of one person raced (two tabs): the other one created the row; read it.
    if (!(err instanceof UniqueConstraintError)) throw err;
    user = await findOrCreate(cfg, db, identity, request);
  }
  if (user.status !== 'active') throw new AppError(403, 'account_suspended', 'This account is suspended');
  user.lastLoginAt = new Date();
  await user.save({ fields: ['lastLoginAt'] });
  return user;
}
