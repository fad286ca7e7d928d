// A real SMTP server on 127.0.0.1 for the mail tests (smtp-server), keeping every message it
// accepts, parsed (mailparser). It asks for AUTH (so SMTP_USER/SMTP_PASSWORD are exercised)
// and can refuse the next messages with a reply code, to show retries and permanent refusals.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'playforge-mailer';
export const SMTP_PASSWORD = 'mail-secret-42';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export interface TestSmtp {
  port: number;
  /** The config variables that point the app and the worker here. */
  env: Record<string, string>;
  received: ReceivedMail[];
  /** The next `count` messages are refused with this reply code (451 transient, 550 permanent). */
  refuseNext(count: number, code: number): void;
  /** Waits (bounded) for the address's nth mail (0: the first); fails saying what did arrive. */
  mailTo(address: string, opts?: { nth?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  mailsTo(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refusals: { count: number; code: number } = { count: 0, code: 0 };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS with a self-signed certificate the client would refuse.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        if (refusals.count > 0) {
          refusals.count -= 1;
          const err = Object.assign(new Error(`refused by the test server (${refusals.code})`), {
            responseCode: refusals.code,
          });
          callback(err);
          return;
        }
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
        });
        callback();
      }, (err: unknown) => callback(err as Error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const mailsTo = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    port,
    env: {
      SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_SECURE: 'false',
      SMTP_USER, SMTP_PASSWORD, FROM_EMAIL: 'noreply@playforge.test',
    },
    received,
    refuseNext(count, code) {
      refusals = { count, code };
    },
    mailsTo,
    async mailTo(address, { nth = 0, timeoutMs = 20_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const mail = mailsTo(address)[nth];
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no mail to ${address} within ${timeoutMs} ms; received: ${
        JSON.stringify(received.map((m) => m.to))}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first app link (#/reset or #/verify) in a mail. */
export function linkToken(mail: ReceivedMail, page: 'reset' | 'verify'): { url: string; token: string } {
  const url = new RegExp(`https?://\\S+/#/${page}\\?token=[A-Za-z0-9_%-]+`).exec(mail.text)?.[0];
  if (!url) throw new Error(`no #/${page} link in: ${mail.text}`);
  return { url, token: decodeURIComponent(url.split('token=')[1]!) };
}
