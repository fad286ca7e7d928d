// Sending mail over SMTP (nodemailer). Knows nothing of Temporal: the worker's activity calls
// send() and turns a MailError into its retry decision. Off when SMTP_HOST is unset.
import { createTransport } from 'nodemailer';
import type { Config } from '../config.ts';

export type MailConfig = Pick<
  Config, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'FROM_EMAIL'
>;

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** permanent: the server refused this message for good (5xx, a bad address); another try cannot help. */
export class MailError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'MailError';
    this.permanent = permanent;
  }
}

export interface Mailer {
  /** Resolves with the server's message id once the server accepted the message. */
  send(message: MailMessage): Promise<string>;
  close(): void;
}

export const mailEnabled = (cfg: Pick<Config, 'SMTP_HOST'>): boolean => cfg.SMTP_HOST !== undefined;

/** Undefined when e-mail is off. */
export function createMailer(cfg: MailConfig): Mailer | undefined {
  if (cfg.SMTP_HOST === undefined) return undefined;
  const transport = createTransport({
    host: cfg.SMTP_HOST,
    port: cfg.SMTP_PORT,
    secure: cfg.SMTP_SECURE,
    ...(cfg.SMTP_USER && cfg.SMTP_PASSWORD ? { auth: { user: cfg.SMTP_USER, pass: cfg.SMTP_PASSWORD } } : {}),
    // A dead server must fail the attempt well inside the activity's timeout, so Temporal retries it.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({ from: cfg.FROM_EMAIL, ...message });
        return info.messageId;
      } catch (err) {
        const { responseCode, code, command } = err as { responseCode?: unknown; code?: unknown; command?: unknown };
        const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
        // Codes only: a server's reply text may quote the recipient, and this message ends up
        // in Temporal's history, which must hold no address.
        const what = [
          typeof code === 'string' ? code : 'error',
          typeof responseCode === 'number' ? `reply ${responseCode}` : undefined,
          typeof command === 'string' ? `to ${command.split(' ')[0]}` : undefined,
        ].filter(Boolean).join(' ');
        throw new MailError(`the SMTP server did not take the message (${what})`, permanent);
      }
    },
    close: () => transport.close(),
  };
}
