// The worker's view of its dependencies, run as an activity so that a round trip through
// Temporal proves the whole chain: server → task queue → worker → Postgres and Redis.
import { pingRedis, type Redis } from '../lib/redis.ts';
import { pingDatabase } from '../db/index.ts';
import type { Sequelize } from 'sequelize';

export interface DependencyProbe {
  postgres_ms: number;
  redis_ms: number;
  worker_pid: number;
  node_version: string;
}

export function createDiagnosticActivities(deps: { sequelize: Sequelize; redis: Redis }) {
  return {
    async probeDependencies(): Promise<DependencyProbe> {
      const [postgres_ms, redis_ms] = await Promise.all([pingDatabase(deps.sequelize), pingRedis(deps.redis)]);
      return { postgres_ms, redis_ms, worker_pid: process.pid, node_version: process.version };
    },
  };
}

export type DiagnosticActivities = ReturnType<typeof createDiagnosticActivities>;
