// The account mails, sent from the worker so that a slow or failing SMTP server never holds a
// request: Temporal retries the activity and Temporal UI shows each attempt. A token that was
// spent or expired meanwhile has nothing left to send.
import { ApplicationFailure } from '@temporalio/activity';
import type { Database } from '../db/index.ts';
import { accountMail, type AccountMailConfig } from '../db/accountMail.ts';
import { MailError, type Mailer } from '../lib/mail.ts';

export interface SendAccountEmailInput {
  /** The email_tokens row; the token itself is derived from it, never carried in history. */
  tokenId: string;
}

export interface SendAccountEmailResult {
  sent: boolean;
  message_id?: string;
}

export function createEmailActivities(deps: { db: Database; cfg: AccountMailConfig; mailer?: Mailer }) {
  return {
    async sendAccountEmail(input: SendAccountEmailInput): Promise<SendAccountEmailResult> {
      if (!deps.mailer) {
        throw ApplicationFailure.create({
          type: 'email_disabled', message: 'this worker has no SMTP_HOST', nonRetryable: false,
        });
      }
      const message = await accountMail(deps, input.tokenId);
      if (!message) return { sent: false };
      try {
        return { sent: true, message_id: await deps.mailer.send(message) };
      } catch (err) {
        if (err instanceof MailError) {
          throw ApplicationFailure.create({ type: 'smtp_error', message: err.message, nonRetryable: err.permanent });
        }
        throw err;
      }
    },
  };
}

export type EmailActivities = ReturnType<typeof createEmailActivities>;
