// Account mails end to end: the real app and a real worker on a task queue of their own, the
// mail sent by the accountEmail workflow's activity over SMTP to a server on 127.0.0.1 that the
// test starts. Reset and verification links work once; reused or expired ones are refused with
// a clear 4xx; unknown addresses get the same 202 and no mail; limits answer 429; a reset ends
// every session; the token and the address never enter Temporal's history.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import type { Config } from '../../../config.ts';
import { accountEmailWorkflowId } from '../../../workflows/email.ts';
import { activitySteps } from '../../../lib/workflowHistory.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { connectServices, type Services } from '../../helpers/services.ts';
import { startTestWorker, testConfig, type TestWorker } from '../../helpers/worker.ts';
import { linkToken, startTestSmtp, type TestSmtp } from '../../helpers/smtp.ts';
import { bearer, login, PASSWORD, randomIp, refresh, register, uniqueName, type Registered } from './helpers.ts';

let s: Services;
let smtp: TestSmtp;
let worker: TestWorker;
let cfg: Config;
let app: Express;

beforeAll(async () => {
  s = await connectServices();
  smtp = await startTestSmtp();
  cfg = testConfig(s, { ...smtp.env, PUBLIC_URL: 'https://playforge.test' });
  worker = await startTestWorker(s, cfg);
  app = (await buildTestApp(s, { cfg })).app;
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await s?.close();
});

const askReset = (email: string, ip = randomIp(), to = app) =>
  request(to).post('/api/auth/password-reset').set('X-Forwarded-For', ip).send({ email });
const confirm = (token: string, password: string) =>
  request(app).post('/api/auth/password-reset/confirm').send({ token, password });
const verify = (token: string) => request(app).post('/api/auth/verify-email').send({ token });
const profile = (u: Registered) => request(app).get('/api/users/profile').set(...bearer(u.access)).expect(200);

/** The latest token row of a purpose for the user, once the route has written it. */
async function latestToken(userId: string, purpose: 'password_reset' | 'email_verification') {
  const row = await s.db.models.EmailToken.findOne({ where: { userId, purpose }, order: [['createdAt', 'DESC']] });
  if (!row) throw new Error(`no ${purpose} token for ${userId}`);
  return row;
}

describe('address verification', () => {
  it('registration mails a link; it verifies the address once, then is refused', async () => {
    const u = await register(app);
    const mail = await smtp.mailTo(u.email);
    expect(mail).toMatchObject({
      from: 'noreply@playforge.test', subject: 'Confirm your e-mail address for Playforge',
    });
    const { url, token } = linkToken(mail, 'verify');
    expect(url.startsWith('https://playforge.test/#/verify?token=')).toBe(true);
    expect((await profile(u)).body).toMatchObject({ email_verified: false, is_verified: false });

    const ok = await verify(token).expect(200);
    expect(ok.body).toEqual({ email_verified: true, email_verified_at: expect.any(String) });
    expect((await profile(u)).body).toMatchObject({ email_verified: true, is_verified: true });
    const row = await s.db.models.User.findByPk(u.id);
    expect(row).toMatchObject({ emailVerified: true });

    const again = await verify(token).expect(400);
    expect(again.body).toMatchObject({ error_code: 'verification_token_invalid', context: { reason: 'used' } });
    // A verified address asks for no more mails.
    const resend = await request(app).post('/api/auth/verify-email/resend').set(...bearer(u.access)).expect(409);
    expect(resend.body.error_code).toBe('email_already_verified');
  }, 60_000);

  it('resend mails a new link to a signed-in user; anonymous callers are refused', async () => {
    const u = await register(app);
    await smtp.mailTo(u.email);
    await request(app).post('/api/auth/verify-email/resend').expect(401);
    const res = await request(app).post('/api/auth/verify-email/resend').set(...bearer(u.access)).expect(202);
    expect(res.body.status).toBe('accepted');
    const second = await smtp.mailTo(u.email, { nth: 1 });
    await verify(linkToken(second, 'verify').token).expect(200);
    // The first link died with the second's use.
    await verify(linkToken(smtp.mailsTo(u.email)[0]!, 'verify').token).expect(400);
  }, 60_000);

  it('an unknown token is a 400 naming the field rules or the token, never a 500', async () => {
    expect((await verify('x'.repeat(43)).expect(400)).body.error_code).toBe('verification_token_invalid');
    expect((await verify('short').expect(400)).body.error_code).toBe('validation_error');
  });
});

describe('password reset', () => {
  it('mails a link that sets a new password once and ends every session', async () => {
    const u = await register(app);
    const second = await login(app, { login: u.username, password: PASSWORD }).expect(200);
    const res = await askReset(u.email.toUpperCase()).expect(202);
    expect(res.body).toEqual({ status: 'accepted', detail: expect.any(String) });
    const mail = await smtp.mailTo(u.email, { nth: 1 }); // the first is the verification mail
    expect(mail.subject).toBe('Reset your Playforge password');
    const { url, token } = linkToken(mail, 'reset');
    expect(url.startsWith('https://playforge.test/#/reset?token=')).toBe(true);

    // The registration's password rules apply.
    expect((await confirm(token, 'weak').expect(400)).body.error_code).toBe('validation_error');
    await confirm(token, 'Brand-New-Pass-7').expect(204);

    // Every refresh family is revoked: both sessions' refresh tokens are refused.
    await refresh(app, u.refresh).expect(401);
    await refresh(app, second.body.refresh_token as string).expect(401);
    await login(app, { login: u.username, password: PASSWORD }).expect(401);
    await login(app, { login: u.username, password: 'Brand-New-Pass-7' }).expect(200);
    const families = await s.db.models.RefreshTokenFamily.findAll({ where: { userId: u.id } });
    expect(families.filter((f) => f.revokedReason === 'password_reset')).toHaveLength(2);
    // The mail reached the address: that proves it too.
    expect(await s.db.models.User.findByPk(u.id)).toMatchObject({ emailVerified: true });

    const reused = await confirm(token, 'Another-Pass-8').expect(400);
    expect(reused.body).toMatchObject({ error_code: 'reset_token_invalid', context: { reason: 'used' } });
    await login(app, { login: u.username, password: 'Another-Pass-8' }).expect(401);
  }, 60_000);

  it('an expired link is refused with 410 and changes nothing', async () => {
    const u = await register(app);
    await askReset(u.email).expect(202);
    const { token } = linkToken(await smtp.mailTo(u.email, { nth: 1 }), 'reset');
    const row = await latestToken(u.id, 'password_reset');
    // Its lifetime over: the clock moved on by an hour.
    await s.db.sequelize.query(
      `UPDATE email_tokens SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 second'
        WHERE id = :id`, { replacements: { id: row.id } },
    );
    const res = await confirm(token, 'Brand-New-Pass-7').expect(410);
    expect(res.body).toMatchObject({ error_code: 'reset_token_expired', context: { reason: 'expired' } });
    await login(app, { login: u.username, password: PASSWORD }).expect(200);
  }, 60_000);

  it('an unknown address gets the same 202 and no mail; nothing is stored for it', async () => {
    const ghost = `${uniqueName('ghost')}@example.com`;
    const u = await register(app);
    const [unknown, known] = [await askReset(ghost).expect(202), await askReset(u.email).expect(202)];
    expect(unknown.body).toEqual(known.body);
    // The known address's mail went all the way through the worker: the unknown one's lookup,
    // started before it, is long done.
    await smtp.mailTo(u.email, { nth: 1 });
    expect(smtp.mailsTo(ghost)).toEqual([]);
    expect(await s.db.models.EmailToken.count({ where: { email: ghost } })).toBe(0);
  }, 60_000);

  it('is limited per address and per client IP (429), unknown addresses alike', async () => {
    const limited = (await buildTestApp(s, {
      cfg: testConfig(s, {
        ...smtp.env, TEMPORAL_TASK_QUEUE: cfg.TEMPORAL_TASK_QUEUE,
        EMAILS_PER_ADDRESS_PER_HOUR: '2', PASSWORD_RESETS_PER_IP_PER_HOUR: '3',
      }),
    })).app;
    const ghost = `${uniqueName('ghost')}@example.com`;
    await askReset(ghost, randomIp(), limited).expect(202);
    await askReset(ghost, randomIp(), limited).expect(202);
    const perAddress = await askReset(ghost, randomIp(), limited).expect(429);
    expect(perAddress.body).toMatchObject({ error_code: 'rate_limited', context: { scope: 'address', limit: 2 } });
    expect(Number(perAddress.headers['retry-after'])).toBeGreaterThan(0);

    const ip = randomIp();
    for (let i = 0; i < 3; i++) await askReset(`${uniqueName('g')}@example.com`, ip, limited).expect(202);
    const perIp = await askReset(`${uniqueName('g')}@example.com`, ip, limited).expect(429);
    expect(perIp.body).toMatchObject({ error_code: 'rate_limited', context: { scope: 'ip', limit: 3 } });
  }, 60_000);
});

describe('the mail activity in Temporal', () => {
  it('a refused delivery (451) is retried by Temporal; the history holds neither token nor address', async () => {
    const u = await register(app);
    await smtp.mailTo(u.email);
    smtp.refuseNext(1, 451);
    await askReset(u.email).expect(202);
    const mail = await smtp.mailTo(u.email, { nth: 1, timeoutMs: 30_000 });
    const { token } = linkToken(mail, 'reset');
    const row = await latestToken(u.id, 'password_reset');
    const handle = s.client.workflow.getHandle(accountEmailWorkflowId(row.id));
    expect(await handle.result()).toMatchObject({ sent: true });
    const history = await handle.fetchHistory();
    expect(activitySteps(history).map((a) => a.type)).toEqual(['sendAccountEmail']);
    const started = history.events?.find((e) => e.activityTaskStartedEventAttributes);
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(2);
    const text = JSON.stringify(history);
    expect(text).not.toContain(token);
    expect(text).not.toContain(u.email);
    expect(Buffer.from(text).toString('base64')).not.toContain(Buffer.from(u.email).toString('base64'));
  }, 60_000);

  it('a permanent refusal (550) is not retried: the run fails with smtp_error', async () => {
    const u = await register(app);
    await smtp.mailTo(u.email);
    smtp.refuseNext(1, 550);
    await askReset(u.email).expect(202);
    let row = await latestToken(u.id, 'password_reset').catch(() => undefined);
    for (let i = 0; i < 100 && !row; i++) {
      await new Promise((r) => setTimeout(r, 50));
      row = await latestToken(u.id, 'password_reset').catch(() => undefined);
    }
    const handle = s.client.workflow.getHandle(accountEmailWorkflowId(row!.id));
    await expect(handle.result()).rejects.toThrow();
    const history = await handle.fetchHistory();
    const failed = history.events?.find((e) => e.activityTaskFailedEventAttributes);
    expect(failed?.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo)
      .toMatchObject({ type: 'smtp_error', nonRetryable: true });
    expect(failed?.activityTaskFailedEventAttributes?.failure?.message).toMatch(/reply 550/);
    expect(JSON.stringify(history)).not.toContain(u.email);
    expect(smtp.mailsTo(u.email)).toHaveLength(1);
  }, 60_000);
});

describe('e-mail off (no SMTP_HOST)', () => {
  it('the sending routes answer 503 email_disabled; registration works and sends nothing', async () => {
    const off = (await buildTestApp(s, { cfg: testConfig(s, { TEMPORAL_TASK_QUEUE: cfg.TEMPORAL_TASK_QUEUE }) })).app;
    const u = await register(off);
    const res = await askReset(u.email, randomIp(), off).expect(503);
    expect(res.body).toMatchObject({ detail: expect.stringMatching(/not configured/), error_code: 'email_disabled' });
    const resend = await request(off).post('/api/auth/verify-email/resend').set(...bearer(u.access)).expect(503);
    expect(resend.body.error_code).toBe('email_disabled');
    expect(await s.db.models.EmailToken.count({ where: { userId: u.id } })).toBe(0);
    expect(smtp.mailsTo(u.email)).toEqual([]);
  }, 60_000);
});
