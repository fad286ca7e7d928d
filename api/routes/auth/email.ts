// /api/auth: the routes of account mails — password reset and address verification. The mails
// are sent by the worker (api/services/accountEmail.ts starts them); with SMTP_HOST unset, the
// routes that would send one answer 503 email_disabled, and links mailed before still work.
import type { Router } from 'express';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { AppError, notFound } from '../../errors.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { accountEmailRate } from '../../middleware/rateLimit.ts';
import {
  checkResetToken, confirmPasswordReset, mailToken, requestPasswordReset, requireEmail, verifyEmail,
} from '../../services/accountEmail.ts';
import { routeRegistry } from '../registry.ts';
import { passwordResetBody, passwordResetConfirmBody, verifyEmailBody } from './schema.ts';

const resetRequest = {
  method: 'post', path: '/api/auth/password-reset', tag: 'auth', access: 'public', body: passwordResetBody,
  summary: 'Mail a single-use password-reset link to the address, if an account has it (the answer never says)',
  responses: {
    202: 'accepted (whether or not the address has an account)', 400: 'invalid body',
    429: 'too many requests for this address or from this client', 503: 'e-mail is not configured (email_disabled)',
  },
} satisfies RouteSpec;

const resetConfirm = {
  method: 'post', path: '/api/auth/password-reset/confirm', tag: 'auth', access: 'public',
  body: passwordResetConfirmBody,
  summary: "Set a new password with the mail's token; the token is spent and every session of the account ends",
  responses: {
    204: 'password changed; sign in again', 400: 'invalid body (password rules), or an unknown or used token',
    403: 'account suspended', 410: 'the link has expired',
  },
} satisfies RouteSpec;

const verify = {
  method: 'post', path: '/api/auth/verify-email', tag: 'auth', access: 'public', body: verifyEmailBody,
  summary: "Confirm the account's e-mail address with the token of the verification mail (works once)",
  responses: {
    200: 'address verified', 400: 'invalid body, or an unknown or used token', 403: 'account suspended',
    410: 'the link has expired',
  },
} satisfies RouteSpec;

const resend = {
  method: 'post', path: '/api/auth/verify-email/resend', tag: 'auth', access: 'user', owned: 'user',
  summary: "Mail a new verification link to the caller's address",
  responses: {
    202: 'mail on its way', 401: 'no token', 403: 'account suspended', 409: 'the address is already verified',
    429: 'too many mails asked for this address', 503: 'e-mail is not configured, or the mail service is down',
  },
} satisfies RouteSpec;

export const accountEmailRoutes: RouteSpec[] = [resetRequest, resetConfirm, verify, resend];

export function accountEmailRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);
  const rate = accountEmailRate(deps.cfg, deps.redis);

  routes.mount(resetRequest, async ({ body, req, res }) => {
    requireEmail(deps);
    await rate.ip(req.ip);
    await rate.address(body.email);
    res.status(202).json({
      status: 'accepted', detail: 'If an account has this address, a reset link is on its way',
    });
    // After the answer, so that its timing does not tell whether the address has an account.
    requestPasswordReset(deps, body.email).catch((err: unknown) => {
      req.log.error({ err }, 'password-reset mail not started');
    });
  });

  routes.mount(resetConfirm, async ({ body, res }) => {
    await checkResetToken(deps, body.token);
    await confirmPasswordReset(deps, body.token, await hashPassword(body.password, deps.cfg.BCRYPT_COST));
    res.status(204).end();
  });

  routes.mount(verify, async ({ body, res }) => {
    const user = await verifyEmail(deps, body.token);
    res.json({ email_verified: user.emailVerified, email_verified_at: user.emailVerifiedAt?.toISOString() ?? null });
  });

  routes.mount(resend, async ({ caller, req, res }) => {
    requireEmail(deps);
    const user = await deps.db.models.User.findByPk(caller.id);
    if (!user) throw notFound('user');
    if (user.emailVerified) throw new AppError(409, 'email_already_verified', 'This address is already verified');
    await rate.address(user.email);
    try {
      await mailToken(deps, user, 'email_verification');
    } catch (err) {
      req.log.error({ err }, 'verification mail not started');
      throw new AppError(503, 'temporal_unavailable', 'The mail service is unavailable; try again shortly', {},
        { 'Retry-After': '5' });
    }
    res.status(202).json({ status: 'accepted', detail: `A verification link is on its way to ${user.email}` });
  });

  return routes.router;
}
