// /api/auth: register (and its verification mail), sign in, refresh (rotation with reuse
// detection), sign out.
// The token design lives in api/auth/ (tokens.ts, refresh.ts); these handlers only wire it.
import type { Request, Response, Router } from 'express';
import { UniqueConstraintError } from 'sequelize';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import type { User } from '../../../db/models/index.ts';
import { AppError } from '../../errors.ts';
import { issueAccessToken } from '../../auth/tokens.ts';
import { hashPassword, prepareDummyHash } from '../../auth/passwords.ts';
import { createLoginThrottle } from '../../auth/throttle.ts';
import { registrationRate } from '../../middleware/rateLimit.ts';
import { signIn } from '../../auth/credentials.ts';
import {
  revokeAllFamilies, revokeFamilyOf, rotateRefreshToken, startFamily, type ClientMeta,
} from '../../auth/refresh.ts';
import { presentSignedIn } from '../../presenters/users.ts';
import {
  clearRefreshCookie, refreshFromCookie, setRefreshCookie, wantsCookie, WEB_CLIENT_HEADER,
} from '../../auth/webSession.ts';
import { mailEnabled } from '../../../lib/mail.ts';
import { mailToken } from '../../services/accountEmail.ts';
import { routeRegistry } from '../registry.ts';
import { loginBody, logoutBody, refreshBody, registerBody } from './schema.ts';

const register = {
  method: 'post', path: '/api/auth/register', tag: 'auth', access: 'public', body: registerBody,
  summary: 'Create an account and sign in (access + refresh token)',
  responses: {
    201: 'account created, signed in', 400: 'invalid body (password or username rules)',
    409: 'username or e-mail taken', 429: 'too many registrations from this address',
  },
} satisfies RouteSpec;

const login = {
  method: 'post', path: '/api/auth/login', tag: 'auth', access: 'public', body: loginBody,
  summary: 'Sign in with username or e-mail and password',
  responses: {
    200: 'signed in', 400: 'invalid body', 401: 'invalid credentials', 403: 'account suspended',
    429: 'too many failed attempts (account or address)',
  },
} satisfies RouteSpec;

const refresh = {
  method: 'post', path: '/api/auth/refresh', tag: 'auth', access: 'public', body: refreshBody,
  summary: 'Exchange a refresh token for a new pair (the old one is spent; reuse ends the session); '
    + `the web app sends none and the ${WEB_CLIENT_HEADER} header, and its HttpOnly cookie is used`,
  responses: {
    200: 'new token pair', 400: 'invalid body, or no refresh token at all',
    401: 'invalid, expired, revoked or reused refresh token',
    403: 'account suspended, or the cookie sent from another origin (csrf_refused)',
  },
} satisfies RouteSpec;

const logout = {
  method: 'post', path: '/api/auth/logout', tag: 'auth', access: 'user', owned: 'user', body: logoutBody,
  summary: 'End this session (its refresh-token family: the body\'s token, or the web app\'s cookie) '
    + 'or, with all: true, every session',
  responses: {
    204: 'signed out', 400: 'invalid body or refresh token', 401: 'no token',
    403: 'account suspended, or the cookie sent from another origin',
    404: 'not a session of the caller',
  },
} satisfies RouteSpec;

export const authRoutes: RouteSpec[] = [register, login, refresh, logout];

const meta = (req: Request): ClientMeta => ({ userAgent: req.get('user-agent'), ip: req.ip });

export function authRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);
  const { cfg, db } = deps;
  const throttle = createLoginThrottle(cfg, deps.redis);
  const registrations = registrationRate(cfg, deps.redis);
  prepareDummyHash(cfg.BCRYPT_COST);

  /** The web app gets its refresh token as an HttpOnly cookie, never in the body its script reads. */
  const signedIn = (req: Request, res: Response, user: User, refreshToken: string) => {
    const answer = presentSignedIn(user, {
      accessToken: issueAccessToken(cfg, user), refreshToken, expiresIn: cfg.ACCESS_TOKEN_TTL_SECONDS,
    });
    if (!wantsCookie(req)) return answer;
    setRefreshCookie(cfg, req, res, refreshToken);
    return { ...answer, refresh_token: null };
  };
  const missingToken = () => new AppError(
    400, 'validation_error', 'refresh_token: is required', { field: 'refresh_token', location: 'body' },
  );

  routes.mount(register, async ({ body, req, res }) => {
    await registrations(req.ip);
    const passwordHash = await hashPassword(body.password, cfg.BCRYPT_COST);
    try {
      const { user, refreshToken } = await db.sequelize.transaction(async (transaction) => {
        const user = await db.models.User.create({
          username: body.username, email: body.email, passwordHash, displayName: body.display_name ?? body.username,
          avatarUrl: null, bio: null, lastLoginAt: new Date(),
        }, { transaction });
        return { user, refreshToken: await startFamily(deps, user.id, meta(req), transaction) };
      });
      if (mailEnabled(cfg)) {
        // The account exists either way: a mail that cannot be started now is asked for again
        // from the app (POST /api/auth/verify-email/resend).
        await mailToken(deps, user, 'email_verification').catch((err: unknown) => {
          req.log.warn({ err }, 'verification mail not started');
        });
      }
      res.status(201).location('/api/users/profile').json(signedIn(req, res, user, refreshToken));
    } catch (err) {
      // One answer for either field: which of the two is taken is not disclosed.
      if (err instanceof UniqueConstraintError) {
        throw new AppError(409, 'account_taken', 'That username or e-mail is already taken');
      }
      throw err;
    }
  });

  routes.mount(login, async ({ body, req, res }) => {
    const user = await signIn(deps, throttle, { login: body.login, password: body.password, ip: req.ip });
    res.json(signedIn(req, res, user, await startFamily(deps, user.id, meta(req))));
  });

  routes.mount(refresh, async ({ body, req, res }) => {
    const fromCookie = body.refresh_token === undefined;
    const given = body.refresh_token ?? refreshFromCookie(cfg, req);
    if (given === undefined) throw missingToken();
    try {
      const { user, token } = await rotateRefreshToken(deps, given, req.log);
      res.json(signedIn(req, res, user, token));
    } catch (err) {
      // A dead session's cookie is dropped, so the browser stops sending it.
      if (fromCookie && err instanceof AppError && err.status === 401) clearRefreshCookie(cfg, req, res);
      throw err;
    }
  });

  routes.mount(logout, async ({ caller, body, req, res }) => {
    if (body.all === true) await revokeAllFamilies(db, caller.id, 'logout_all');
    else {
      const given = body.refresh_token ?? refreshFromCookie(cfg, req);
      if (given === undefined) throw missingToken();
      await revokeFamilyOf(deps, given, caller.id, 'logout');
    }
    if (wantsCookie(req)) clearRefreshCookie(cfg, req, res);
    res.status(204).end();
  });

  return routes.router;
}
