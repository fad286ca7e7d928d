// /api/auth/oidc: "Sign in with Google" (any OpenID Connect issuer). start sends the browser to
// the provider; callback checks what comes back (api/auth/oidc.ts), finds, links or creates the
// account (api/auth/oidcAccounts.ts) and signs the web app in the way a password sign-in does:
// the refresh token in its HttpOnly cookie, then back to the app, whose first refresh picks it up.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { AppError } from '../../errors.ts';
import { createOidcSignIn, oidcConfigured, PENDING_TTL_SECONDS, type OidcSignIn } from '../../auth/oidc.ts';
import { accountForIdentity } from '../../auth/oidcAccounts.ts';
import { startFamily } from '../../auth/refresh.ts';
import { setOidcStateCookie, setRefreshCookie, takeOidcStateCookie } from '../../auth/webSession.ts';
import { routeRegistry } from '../registry.ts';

const info = {
  method: 'get', path: '/api/auth/oidc', tag: 'auth', access: 'public',
  summary: 'Whether sign-in with an OpenID Connect provider (Google by default) is offered, and where it starts',
  responses: { 200: '{enabled, provider, start_url}' },
} satisfies RouteSpec;

const start = {
  method: 'get', path: '/api/auth/oidc/start', tag: 'auth', access: 'public',
  summary: 'Begin the provider sign-in (a browser navigation): 302 to the provider, with the state in a cookie',
  responses: {
    302: 'to the provider', 404: 'provider sign-in is not configured', 503: 'the provider cannot be reached',
  },
} satisfies RouteSpec;

// The provider's answer: its fields are checked by the OpenID client, not here; this only bounds them.
const callbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(256).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
}).catchall(z.string().max(4096));

const callback = {
  method: 'get', path: '/api/auth/oidc/callback', tag: 'auth', access: 'public', query: callbackQuery,
  summary: 'Where the provider sends the browser back: signs in (or links, or creates the account) and '
    + 'redirects to the app; a browser is sent to the app\'s sign-in page with the error code instead of JSON',
  responses: {
    303: 'signed in; to the app', 400: 'state missing or not this browser\'s, used or expired, refused or denied',
    403: 'account suspended', 404: 'provider sign-in is not configured',
    409: 'the address belongs to an account that cannot be linked (an address not verified on one side)',
    503: 'the provider cannot be reached',
  },
} satisfies RouteSpec;

export const oidcRoutes: RouteSpec[] = [info, start, callback];

const notConfigured = () => new AppError(404, 'oidc_not_configured', 'Sign-in with a provider is not configured here');

/** A browser navigation gets a page back, not JSON: the app's sign-in view shows the reason. */
const wantsPage = (req: Request): boolean => (req.get('accept') ?? '').includes('text/html');

export function oidcRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);
  const { cfg, db } = deps;
  const signIn: OidcSignIn | undefined = oidcConfigured(cfg) ? createOidcSignIn(cfg, deps.redis) : undefined;
  const configured = (): OidcSignIn => {
    if (!signIn) throw notConfigured();
    return signIn;
  };

  routes.mount(info, ({ res }) => {
    res.json({ enabled: signIn !== undefined, provider: signIn?.providerName ?? null, start_url: start.path });
  });

  routes.mount(start, async ({ req, res }) => {
    const { url, state } = await configured().begin();
    setOidcStateCookie(cfg, req, res, state, PENDING_TTL_SECONDS);
    res.redirect(302, url);
  });

  const finish = async (req: Request, res: Response) => {
    const bound = takeOidcStateCookie(cfg, req, res);
    const identity = await configured().finish(new URL(req.originalUrl, cfg.publicUrl), bound);
    const user = await accountForIdentity(cfg, db, identity, { ip: req.ip, requestId: String(req.id) });
    const meta = { userAgent: req.get('user-agent'), ip: req.ip };
    setRefreshCookie(cfg, req, res, await startFamily(deps, user.id, meta));
    res.redirect(303, '/#/');
  };

  routes.mount(callback, async ({ req, res }) => {
    try {
      await finish(req, res);
    } catch (err) {
      if (!(err instanceof AppError) || !wantsPage(req)) throw err;
      req.log.info({ error_code: err.errorCode }, 'provider sign-in refused');
      res.redirect(303, `/#/signin?error=${encodeURIComponent(err.errorCode)}`);
    }
  });

  return routes.router;
}
