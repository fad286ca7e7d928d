// The worker's activities, built from their dependencies (no module-level singletons), so
// tests can build them with real services of their own.
import type { Sequelize } from 'sequelize';
import type { Redis } from '../lib/redis.ts';
import { createDiagnosticActivities } from './diagnostics.ts';

export interface ActivityDeps {
  sequelize: Sequelize;
  redis: Redis;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createDiagnosticActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
