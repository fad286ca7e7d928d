// The Express application: middleware order, routers, errors. No process concerns here
// (see main.ts), so tests can drive it with supertest.
import express, { type Router } from 'express';
import type { HealthChecks } from './health.ts';
import { requestContext } from './middleware/requestContext.ts';
import { accessLog } from './middleware/accessLog.ts';
import { securityHeaders } from './middleware/securityHeaders.ts';
import { errorHandler, notFoundHandler } from './middleware/errorHandler.ts';
import { healthRouter } from './routes/health/health.ts';
import { playRouter } from './routes/play/play.ts';
import { apiRouters } from './routes/index.ts';
import { playerAppRouter } from './web/routes.ts';
import { apiRate } from './middleware/rateLimit.ts';
import type { ApiDeps } from './services/deps.ts';

export interface AppDeps extends ApiDeps {
  health: HealthChecks;
  /** AdminJS's router; it must come before the JSON body parser (its forms break otherwise). */
  adminRouter?: { rootPath: string; router: Router };
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.cfg.TRUST_PROXY);
  app.use(requestContext(deps.logger));
  app.use(accessLog(deps.logger));
  app.use(securityHeaders(deps.adminRouter?.rootPath));
  if (deps.adminRouter) app.use(deps.adminRouter.rootPath, deps.adminRouter.router);

  app.use(playRouter(deps));
  app.use(playerAppRouter(deps));
  app.use(healthRouter(deps, deps.health));
  app.use('/api', apiRate(deps.cfg, deps.redis));
  app.use('/api', express.json({ limit: '256kb', strict: true }));
  for (const router of apiRouters(deps)) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
