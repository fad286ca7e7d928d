// The account mails (password reset, address verification): which token row they carry, the
// link into the player's app (PUBLIC_URL) and the words. The worker's activity sends what this
// returns; nothing here knows of SMTP or Temporal.
import type { Config } from '../config.ts';
import type { MailMessage } from '../lib/mail.ts';
import type { Database } from './index.ts';
import { emailTokenFor, pendingEmailToken, tokenLifetimeMs, type TokenConfig } from './emailTokens.ts';

export type AccountMailConfig = TokenConfig & Pick<Config, 'publicUrl'>;

/** The app's pages that take the token (api/web/app: #/reset and #/verify). */
export function accountLink(cfg: AccountMailConfig, page: 'reset' | 'verify', token: string): string {
  return `${cfg.publicUrl.replace(/\/$/, '')}/#/${page}?token=${encodeURIComponent(token)}`;
}

const lifetime = (ms: number): string => {
  const minutes = Math.round(ms / 60_000);
  return minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;
};

/** The mail for a token row; undefined when it was spent, expired or its account is gone or suspended. */
export async function accountMail(
  deps: { db: Database; cfg: AccountMailConfig }, tokenId: string,
): Promise<MailMessage | undefined> {
  const pending = await pendingEmailToken(deps.db, tokenId);
  if (!pending) return undefined;
  const { token, user } = pending;
  const valid = lifetime(tokenLifetimeMs(deps.cfg, token.purpose));
  const name = user.displayName ?? user.username;
  const secret = emailTokenFor(deps.cfg, token.id);
  if (token.purpose === 'password_reset') {
    return {
      to: token.email,
      subject: 'Reset your Playforge password',
      text: [
        `Hello ${name},`, '',
        'Someone (hopefully you) asked to reset the password of your Playforge account.',
        `Choose a new one here (the link works once, for ${valid}):`, '',
        accountLink(deps.cfg, 'reset', secret), '',
        'If it was not you, ignore this mail: your password stays as it is.',
      ].join('\n'),
    };
  }
  return {
    to: token.email,
    subject: 'Confirm your e-mail address for Playforge',
    text: [
      `Hello ${name},`, '',
      `Please confirm that ${token.email} is your address (the link works once, for ${valid}):`, '',
      accountLink(deps.cfg, 'verify', secret), '',
      'If you did not create a Playforge account, ignore this mail.',
    ].join('\n'),
  };
}
