// The AdminJS console at /admin, in the API process. Staff sign in against our users table
// (api/services/consoleSignIn.ts); sessions live in Redis. Resources list and show through the
// Sequelize models; what a console user may do is asked of api/policies.ts, and every action
// runs a use case of api/services. Every request passes admin/gate.ts first (CSRF, body
// bounds, the signed-in account re-read).
import { createHmac } from 'node:crypto';
import type { Request, Router } from 'express';
import session from 'express-session';
import { RedisSessionStore } from './sessionStore.ts';
import { consoleResources } from './resources/index.ts';
import { registerConsoleComponents } from './components/moderation/registry.ts';
import { adminDashboard } from './dashboard.ts';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiDeps } from '../api/services/deps.ts';
import { consoleSignIn } from '../api/services/consoleSignIn.ts';
import { consoleGate, formidableOptions } from './gate.ts';

export const ADMIN_ROOT = '/admin';

export async function buildAdminRouter(deps: ApiDeps): Promise<{ rootPath: string; router: Router }> {
  // AdminJS reads its bundle folder from the environment when it is first imported; Express
  // 5 does not serve dot-folders, so the default `.adminjs` would break the console.
  process.env.ADMIN_JS_TMP_DIR ??= 'admin-bundle';
  const [{ default: AdminJS, ComponentLoader }, { default: AdminJSExpress }, AdminJSSequelize] =
    await Promise.all([import('adminjs'), import('@adminjs/express'), import('@adminjs/sequelize')]);
  AdminJS.registerAdapter({ Resource: AdminJSSequelize.Resource, Database: AdminJSSequelize.Database });
  // Outside production AdminJS serves an existing bundle without rebuilding it: start fresh.
  if (deps.cfg.NODE_ENV !== 'production') {
    await rm(join(process.env.ADMIN_JS_TMP_DIR, 'bundle.js'), { force: true });
  }
  // Components are registered before the resources that refer to them are built.
  const componentLoader = registerConsoleComponents(new ComponentLoader());

  const admin = new AdminJS({
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    branding: { companyName: 'Playforge', withMadeWithLove: false },
    componentLoader,
    dashboard: adminDashboard(deps),
    resources: consoleResources(deps),
  });

  // One secret to manage: the cookie key is derived from JWT_SECRET, never equal to it.
  const cookieSecret = createHmac('sha256', deps.cfg.JWT_SECRET).update('playforge-admin-session').digest('hex');
  const cookieName = 'playforge.admin';
  const sessionOptions = {
    secret: cookieSecret,
    store: new RedisSessionStore(deps.redis),
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: deps.cfg.NODE_ENV === 'production',
      maxAge: 8 * 3600 * 1000,
      path: ADMIN_ROOT,
    },
  };
  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: (email: string, password: string, ctx?: { req: Request }) =>
        consoleSignIn(deps, { login: email, password, ip: ctx?.req.ip ?? 'unknown' }),
      cookieName,
      cookiePassword: cookieSecret,
    },
    null,
    sessionOptions,
    formidableOptions(),
  );
  // The same session middleware as AdminJS's (same name and secret), run first by the gate.
  const sessionFirst = session({ ...sessionOptions, name: cookieName });
  return { rootPath: ADMIN_ROOT, router: consoleGate(router, deps, sessionFirst) };
}
