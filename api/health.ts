// Dependency checks for the health routes: each answers {status, response_time} within a
// short deadline, so a dead dependency makes a probe slow by at most that deadline.
import { Connection } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import { pingDatabase } from '../db/index.ts';
import { pingRedis, withTimeout, type Redis } from '../lib/redis.ts';

export interface CheckResult {
  status: 'healthy' | 'unhealthy';
  response_time: number;
  error?: string;
  [extra: string]: unknown;
}

/**
 * A Temporal connection for probes only: no retry interceptor, so a probe that gives up at
 * its deadline leaves no retrying call behind (the SDK's default retries UNAVAILABLE).
 */
export function healthConnection(address: string): Connection {
  return Connection.lazy({ address, interceptors: [] });
}

export interface HealthDeps {
  sequelize: Sequelize;
  redis: Redis;
  temporal: Connection;
  namespace: string;
  taskQueue: string;
}

const DEADLINE_MS = 1500;

async function timed(fn: () => Promise<Record<string, unknown>>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const extra = await withTimeout(fn(), DEADLINE_MS, 'check');
    return { status: 'healthy', response_time: ms(started), ...extra };
  } catch (err) {
    return { status: 'unhealthy', response_time: ms(started), error: (err as Error).message.split('\n')[0] };
  }
}

const ms = (started: number): number => Math.round((performance.now() - started) * 10) / 10;

export function createHealthChecks(deps: HealthDeps) {
  const database = () =>
    timed(async () => {
      await pingDatabase(deps.sequelize);
      return {};
    });

  const redis = () =>
    timed(async () => {
      await pingRedis(deps.redis, DEADLINE_MS);
      const info = await deps.redis.info();
      const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
      return {
        connected_clients: Number(field('connected_clients') ?? 0),
        memory_usage: field('used_memory_human') ?? 'unknown',
      };
    });

  const temporal = () =>
    timed(async () => {
      const deadline = Date.now() + DEADLINE_MS;
      await deps.temporal.withDeadline(deadline, () => deps.temporal.workflowService.getSystemInfo({}));
      // Pollers on our task queue = workers that are serving jobs right now.
      const tq = await deps.temporal.withDeadline(deadline, () =>
        deps.temporal.workflowService.describeTaskQueue({
          namespace: deps.namespace,
          taskQueue: { name: deps.taskQueue },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        }),
      );
      return { namespace: deps.namespace, task_queue: deps.taskQueue, worker_pollers: tq.pollers?.length ?? 0 };
    });

  const templatesLoaded = async (): Promise<boolean> => {
    const rows = await deps.sequelize.query<{ n: string }>(
      "SELECT count(*) AS n FROM templates WHERE status = 'published'",
      { type: QueryTypes.SELECT },
    );
    return Number(rows[0]?.n ?? 0) > 0;
  };

  const metrics = async (): Promise<Record<string, number>> => {
    const [row] = await deps.sequelize.query<Record<string, string | null>>(
      `SELECT
         (SELECT count(*) FROM sessions WHERE status IN ('initialized', 'active')
            AND (expires_at IS NULL OR expires_at > now())) AS active_sessions,
         (SELECT count(*) FROM game_versions WHERE created_at >= date_trunc('day', now())) AS games_generated_today,
         (SELECT avg(extract(epoch FROM finished_at - started_at)) FROM jobs
            WHERE finished_at >= date_trunc('day', now()) AND started_at IS NOT NULL) AS average_response_time,
         (SELECT CASE WHEN count(*) = 0 THEN 0 ELSE (count(*) FILTER (WHERE state = 'failed'))::float / count(*) END
            FROM jobs WHERE finished_at >= date_trunc('day', now())) AS error_rate`,
      { type: QueryTypes.SELECT },
    );
    const num = (v: string | null | undefined, digits = 3) => Math.round(Number(v ?? 0) * 10 ** digits) / 10 ** digits;
    return {
      active_sessions: num(row?.active_sessions, 0),
      games_generated_today: num(row?.games_generated_today, 0),
      average_response_time: num(row?.average_response_time, 2),
      error_rate: num(row?.error_rate, 4),
    };
  };

  return { database, redis, temporal, templatesLoaded, metrics };
}

export type HealthChecks = ReturnType<typeof createHealthChecks>;
