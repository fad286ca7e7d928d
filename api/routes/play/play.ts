// /play routes — being built (issue 5); the route table entries come with them.
import { Router } from 'express';
import type { ApiDeps } from '../../deps.ts';
import type { RouteSpec } from '../../routeTable.ts';

export const playRoutes: RouteSpec[] = [];

export function playRouter(_deps: ApiDeps): Router {
  return Router();
}
