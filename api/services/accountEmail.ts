// Password reset and address verification. The API writes the single-use token row (its SHA-256
// only) and starts the accountEmail workflow with the row's id; the worker sends the mail
// (workflows/email.ts). Spending a token is one claim in PostgreSQL (db/emailTokens.ts).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Transaction } from 'sequelize';
import type { ApiDeps } from './deps.ts';
import type { User } from '../../db/models/index.ts';
import type { EmailTokenPurpose } from '../../game/vocabulary.ts';
import { AppError } from '../errors.ts';
import {
  emailTokenState, issueEmailToken, spendEmailToken, spendOtherTokens, type Spent,
} from '../../db/emailTokens.ts';
import { mailEnabled } from '../../lib/mail.ts';
import { accountEmail, accountEmailWorkflowId } from '../../workflows/email.ts';
import { revokeAllFamilies } from '../auth/refresh.ts';
import { findByLogin } from '../auth/credentials.ts';

type Deps = Pick<ApiDeps, 'cfg' | 'db' | 'temporal' | 'logger'>;

/** 503 email_disabled: the routes that send mail say so plainly when SMTP_HOST is unset. */
export function requireEmail(deps: Pick<ApiDeps, 'cfg'>): void {
  if (!mailEnabled(deps.cfg)) {
    throw new AppError(503, 'email_disabled', 'E-mail is not configured on this server, so no mail can be sent');
  }
}

/** Hands the mail of a committed token row to the worker. */
export async function startAccountEmail(deps: Deps, tokenId: string): Promise<void> {
  try {
    await deps.temporal.workflow.start(accountEmail, {
      workflowId: accountEmailWorkflowId(tokenId), taskQueue: deps.cfg.TEMPORAL_TASK_QUEUE, args: [{ tokenId }],
      // A mail not sent within a day is stale (a reset link expired long before); the player asks again.
      workflowExecutionTimeout: '1 day',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** A new token for the user's address, committed, then its mail started. */
export async function mailToken(deps: Deps, user: User, purpose: EmailTokenPurpose): Promise<void> {
  const tokenId = await issueEmailToken(deps, user, purpose);
  await startAccountEmail(deps, tokenId);
}

/**
 * The reset mail for an address, if an active account has it. Runs after the 202 was sent, so
 * neither the answer nor its timing says whether the address exists.
 */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const user = await findByLogin(deps.db, email);
  if (!user || user.status !== 'active') return;
  await mailToken(deps, user, 'password_reset');
}

function refused(purpose: EmailTokenPurpose, outcome: Exclude<Spent, { kind: 'spent' }>): AppError {
  const prefix = purpose === 'password_reset' ? 'reset' : 'verification';
  if (outcome.kind === 'expired') {
    return new AppError(410, `${prefix}_token_expired`, 'This link has expired; ask for a new one', {
      reason: 'expired',
    });
  }
  const detail = outcome.kind === 'used' ? 'This link was already used' : 'This link is not valid';
  return new AppError(400, `${prefix}_token_invalid`, `${detail}; ask for a new one`, { reason: outcome.kind });
}

async function spend(
  deps: Deps, raw: string, purpose: EmailTokenPurpose, transaction: Transaction,
): Promise<User> {
  const outcome = await spendEmailToken(deps.db, raw, purpose, transaction);
  if (outcome.kind !== 'spent') throw refused(purpose, outcome);
  if (outcome.user.status !== 'active') throw new AppError(403, 'account_suspended', 'This account is suspended');
  return outcome.user;
}

/** Marks the address proven (a link sent to it was followed). */
function verified(user: User): ('emailVerified' | 'emailVerifiedAt')[] {
  if (user.emailVerified) return [];
  user.emailVerified = true;
  user.emailVerifiedAt = new Date();
  return ['emailVerified', 'emailVerifiedAt'];
}

/** Refuses a link that cannot work before the caller spends a bcrypt hash on its password. */
export async function checkResetToken(deps: Deps, raw: string): Promise<void> {
  const state = await emailTokenState(deps.db, raw, 'password_reset');
  if (state !== 'valid') throw refused('password_reset', { kind: state });
}

/**
 * Sets the new password (hashed beforehand, outside the transaction), spends the token and the
 * user's other reset links, and ends every session: whoever knew the old password is signed out.
 * The reset mail reached the address, so it also proves the address.
 */
export async function confirmPasswordReset(deps: Deps, raw: string, passwordHash: string): Promise<User> {
  return deps.db.sequelize.transaction(async (transaction) => {
    const user = await spend(deps, raw, 'password_reset', transaction);
    user.passwordHash = passwordHash;
    await user.save({ fields: ['passwordHash', ...verified(user)], transaction });
    await spendOtherTokens(deps.db, user.id, 'password_reset', transaction);
    const revoked = await revokeAllFamilies(deps.db, user.id, 'password_reset', transaction);
    deps.logger.info({ userId: user.id, revokedFamilies: revoked }, 'password reset');
    return user;
  });
}

export async function verifyEmail(deps: Deps, raw: string): Promise<User> {
  return deps.db.sequelize.transaction(async (transaction) => {
    const user = await spend(deps, raw, 'email_verification', transaction);
    const fields = verified(user);
    if (fields.length > 0) await user.save({ fields, transaction });
    await spendOtherTokens(deps.db, user.id, 'email_verification', transaction);
    return user;
  });
}
