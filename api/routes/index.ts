// Every router and the route table they declare. app.ts mounts them in this order.
import type { Router } from 'express';
import type { ApiDeps } from '../services/deps.ts';
import type { RouteSpec } from '../routeTable.ts';
import { authRouter, authRoutes } from './auth/auth.ts';
import { oidcRouter, oidcRoutes } from './auth/oidc.ts';
import { accountEmailRouter, accountEmailRoutes } from './auth/email.ts';
import { usersRouter, usersRoutes } from './users/users.ts';
import { progressionRouter, progressionRoutes } from './progression/progression.ts';
import { sessionsRouter, sessionsRoutes } from './sessions/sessions.ts';
import { templatesRouter, templatesRoutes } from './templates/templates.ts';
import { gamesRouter, gamesRoutes } from './games/games.ts';
import { chatRouter, chatRoutes } from './chat/chat.ts';
import { jobsRouter, jobsRoutes } from './jobs/jobs.ts';
import { healthRoutes } from './health/health.ts';
import { playRoutes } from './play/play.ts';
import { docsRouter, docsRoutes } from './docs/docs.ts';
import { featuresRouter, featuresRoutes } from './features/features.ts';
import { playerAppRoutes } from '../web/routes.ts';

export const routeTable: RouteSpec[] = [
  ...healthRoutes, ...authRoutes, ...accountEmailRoutes, ...oidcRoutes, ...usersRoutes, ...progressionRoutes,
  ...featuresRoutes, ...sessionsRoutes, ...templatesRoutes, ...gamesRoutes, ...chatRoutes, ...jobsRoutes,
  ...playRoutes, ...docsRoutes, ...playerAppRoutes,
];

/** The routers of everything under /api except health (mounted before the rate limit) and
 *  /play (outside the JSON API); each mounts its routes at their full paths. */
export function apiRouters(deps: ApiDeps): Router[] {
  return [
    authRouter(deps), accountEmailRouter(deps), oidcRouter(deps), usersRouter(deps), progressionRouter(deps),
    featuresRouter(deps), sessionsRouter(deps), templatesRouter(deps), gamesRouter(deps), chatRouter(deps),
    jobsRouter(deps), docsRouter(deps, routeTable),
  ];
}
