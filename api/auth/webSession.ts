// The player's web app keeps its refresh token where page script cannot read it: an HttpOnly,
// SameSite=Strict cookie scoped to /api/auth. A client asks for this by sending the header
// below on register, login and refresh; API clients that do not keep the bearer flow (the
// token in the body). A cookie is sent by the browser on its own, so a request that spends it
// must also prove it comes from our pages: the custom header (a cross-site page cannot set it
// without a CORS preflight we never grant) and, when the browser says where it comes from,
// our origin (Origin) or same-origin (Sec-Fetch-Site).
import type { Request, Response } from 'express';
import type { Config } from '../../config.ts';
import { AppError } from '../errors.ts';
import { originsOf, requestOrigin } from '../routes/play/access.ts';

export const WEB_CLIENT_HEADER = 'X-Playforge-Client';
export const WEB_CLIENT_VALUE = 'web';
export const REFRESH_COOKIE = 'playforge_refresh';
const COOKIE_PATH = '/api/auth';
const DAY_MS = 24 * 3600 * 1000;

export function wantsCookie(req: Request): boolean {
  return req.get(WEB_CLIENT_HEADER) === WEB_CLIENT_VALUE;
}

/** Secure whenever the page is served over HTTPS (http://localhost in development is not). */
const secureFor = (cfg: Config, req: Request): boolean =>
  req.secure || cfg.NODE_ENV === 'production' || cfg.publicUrl.startsWith('https:');

export function setRefreshCookie(cfg: Config, req: Request, res: Response, token: string): void {
  res.cookie(REFRESH_COOKIE, token, {
    httpOnly: true, sameSite: 'strict', path: COOKIE_PATH, secure: secureFor(cfg, req),
    maxAge: cfg.REFRESH_TOKEN_TTL_DAYS * DAY_MS,
  });
}

export function clearRefreshCookie(cfg: Config, req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true, sameSite: 'strict', path: COOKIE_PATH, secure: secureFor(cfg, req),
  });
}

const COOKIE_VALUE = /^[A-Za-z0-9._-]{10,4096}$/;

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return COOKIE_VALUE.test(value) ? value : undefined;
    }
  }
  return undefined;
}

function assertSameOrigin(cfg: Config, req: Request): void {
  const refused = (why: string) => new AppError(403, 'csrf_refused', `The refresh cookie is ours only: ${why}`);
  if (!wantsCookie(req)) throw refused(`send the ${WEB_CLIENT_HEADER} header`);
  const origin = req.get('origin');
  const ours = [originsOf(cfg).site.origin, requestOrigin(req)];
  if (origin !== undefined && !ours.includes(origin)) throw refused('another origin');
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') throw refused('a cross-site request');
}

/** The refresh token of a web-app request: from the cookie, once the request is shown to be ours. */
export function refreshFromCookie(cfg: Config, req: Request): string | undefined {
  const token = cookieValue(req, REFRESH_COOKIE);
  if (token === undefined) return undefined;
  assertSameOrigin(cfg, req);
  return token;
}

// The OpenID sign-in's `state`, bound to the browser that started it. SameSite=Lax, not
// Strict: the provider sends the browser back with a cross-site GET, and that request needs it.
export const OIDC_STATE_COOKIE = 'playforge_oidc_state';
const OIDC_COOKIE_PATH = '/api/auth/oidc';

export function setOidcStateCookie(cfg: Config, req: Request, res: Response, state: string, ttlSeconds: number): void {
  res.cookie(OIDC_STATE_COOKIE, state, {
    httpOnly: true, sameSite: 'lax', path: OIDC_COOKIE_PATH, secure: secureFor(cfg, req), maxAge: ttlSeconds * 1000,
  });
}

/** The state this browser started a sign-in with; the cookie is spent (cleared) by reading it. */
export function takeOidcStateCookie(cfg: Config, req: Request, res: Response): string | undefined {
  const state = cookieValue(req, OIDC_STATE_COOKIE);
  res.clearCookie(OIDC_STATE_COOKIE, {
    httpOnly: true, sameSite: 'lax', path: OIDC_COOKIE_PATH, secure: secureFor(cfg, req),
  });
  return state;
}
