// Single-use links sent by e-mail. A token is the HMAC of its row id under a key derived from
// JWT_SECRET: the API creates the row, and the worker's mail activity derives the same token
// from the id alone — so the token never passes through Temporal's history (which Temporal UI
// shows), every retry of the mail sends the same link, and the table keeps only its SHA-256.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { Config } from '../config.ts';
import type { Database } from './index.ts';
import type { EmailToken, User } from './models/index.ts';
import type { EmailTokenPurpose } from '../game/vocabulary.ts';
import { derivedKey } from '../lib/keys.ts';

export type TokenConfig = Pick<Config, 'JWT_SECRET' | 'PASSWORD_RESET_TTL_MINUTES' | 'EMAIL_VERIFICATION_TTL_HOURS'>;

const MINUTE_MS = 60_000;

/** Domain-separated from the JWT signatures that use the same secret. */
const tokenKey = (cfg: Pick<Config, 'JWT_SECRET'>): Buffer => derivedKey(cfg.JWT_SECRET, 'playforge:email-token:v1');

export function emailTokenFor(cfg: Pick<Config, 'JWT_SECRET'>, tokenId: string): string {
  return createHmac('sha256', tokenKey(cfg)).update(tokenId).digest('base64url');
}

export const hashEmailToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export function tokenLifetimeMs(cfg: TokenConfig, purpose: EmailTokenPurpose): number {
  return purpose === 'password_reset'
    ? cfg.PASSWORD_RESET_TTL_MINUTES * MINUTE_MS
    : cfg.EMAIL_VERIFICATION_TTL_HOURS * 60 * MINUTE_MS;
}

/** A new token row for the user's current address; returns its id (the mail derives the token). */
export async function issueEmailToken(
  deps: { db: Database; cfg: TokenConfig }, user: Pick<User, 'id' | 'email'>, purpose: EmailTokenPurpose,
  transaction?: Transaction,
): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await deps.db.models.EmailToken.create({
    id, userId: user.id, purpose, email: user.email, tokenHash: hashEmailToken(emailTokenFor(deps.cfg, id)),
    createdAt: new Date(now), expiresAt: new Date(now + tokenLifetimeMs(deps.cfg, purpose)), usedAt: null,
  }, { transaction });
  return id;
}

/** What a presented token is now, without spending it (a cheap check before costly work). */
export async function emailTokenState(
  db: Database, raw: string, purpose: EmailTokenPurpose, transaction?: Transaction,
): Promise<'valid' | 'invalid' | 'used' | 'expired'> {
  const row = await db.models.EmailToken.findOne({ where: { tokenHash: hashEmailToken(raw), purpose }, transaction });
  if (!row) return 'invalid';
  if (row.usedAt) return 'used';
  return row.expiresAt <= new Date() ? 'expired' : 'valid';
}

export type Spent =
  | { kind: 'spent'; token: EmailToken; user: User }
  | { kind: 'invalid' | 'used' | 'expired' };

/**
 * Spends a token of this purpose: the claim is one `UPDATE ... WHERE used_at IS NULL AND
 * expires_at > now()`, so of two concurrent uses exactly one wins. A token issued for another
 * address than the user's current one is invalid (it proves nothing about the new address).
 */
export async function spendEmailToken(
  db: Database, raw: string, purpose: EmailTokenPurpose, transaction: Transaction,
): Promise<Spent> {
  const hash = hashEmailToken(raw);
  const now = new Date();
  const [claimed, rows] = await db.models.EmailToken.update({ usedAt: now }, {
    where: { tokenHash: hash, purpose, usedAt: null, expiresAt: { [Op.gt]: now } }, transaction, returning: true,
  });
  const token = rows[0];
  if (claimed !== 1 || !token) {
    const state = await emailTokenState(db, raw, purpose, transaction);
    return { kind: state === 'valid' ? 'invalid' : state };
  }
  const user = await db.models.User.findByPk(token.userId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!user || user.email.toLowerCase() !== token.email.toLowerCase()) return { kind: 'invalid' };
  return { kind: 'spent', token, user };
}

/** After one link of a purpose worked, the user's other open links of that purpose die with it. */
export async function spendOtherTokens(
  db: Database, userId: string, purpose: EmailTokenPurpose, transaction: Transaction,
): Promise<void> {
  await db.models.EmailToken.update(
    { usedAt: new Date() }, { where: { userId, purpose, usedAt: null }, transaction },
  );
}

/** The row behind a mail about to be sent, with its user; undefined when there is nothing to send. */
export async function pendingEmailToken(
  db: Database, tokenId: string,
): Promise<{ token: EmailToken; user: User } | undefined> {
  const token = await db.models.EmailToken.findByPk(tokenId);
  if (!token || token.usedAt || token.expiresAt <= new Date()) return undefined;
  const user = await db.models.User.findByPk(token.userId);
  if (!user || user.status !== 'active') return undefined;
  return { token, user };
}
