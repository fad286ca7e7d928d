// Every router and the route table they declare. app.ts mounts them in this order.
import type { Router } from 'express';
import type { ApiDeps } from '../services/deps.ts';
import type { RouteSpec } from '../routeTable.ts';
import { authRouter, authRoutes } from './auth/auth.ts';
import { usersRouter, usersRoutes } from './users/users.ts';
import { sessionsRouter, sessionsRoutes } from './sessions/sessions.ts';
import { templatesRouter, templatesRoutes } from './templates/templates.ts';
import { gamesRouter, gamesRoutes } from './games/games.ts';
import { chatRouter, chatRoutes } from './chat/chat.ts';
import { jobsRouter, jobsRoutes } from './jobs/jobs.ts';
import { healthRoutes } from './health/health.ts';
import { playRoutes } from './play/play.ts';
import { docsRouter, docsRoutes } from './docs/docs.ts';

export const routeTable: RouteSpec[] = [
  ...healthRoutes, ...authRoutes, ...usersRoutes, ...sessionsRoutes, ...templatesRoutes, ...gamesRoutes, ...chatRoutes, ...jobsRoutes, ...playRoutes, ...docsRoutes,
];

/** [mount path, router] for everything under /api except health (mounted before the rate limit). */
export function apiRouters(deps: ApiDeps): [string, Router][] {
  return [
    ['/api/auth', authRouter(deps)],
    ['/api/users', usersRouter(deps)],
    ['/api/sessions', sessionsRouter(deps)],
    ['/api/templates', templatesRouter(deps)],
    ['/api/games', gamesRouter(deps)],
    ['/api/chat', chatRouter(deps)],
    ['/api/jobs', jobsRouter(deps)],
    ['/api', docsRouter(deps, routeTable)],
  ];
}
