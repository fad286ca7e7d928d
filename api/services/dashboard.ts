// The console's dashboard figures, straight from the database: jobs per state today,
// failure rate by provider (provider_attempts, today), and the review queue (length and
// average wait).
import { QueryTypes } from 'sequelize';
import type { Database } from '../../db/index.ts';

export interface DashboardFigures {
  since: string;
  jobsByState: Record<string, number>;
  providers: { provider: string; attempts: number; failed: number; failureRate: number }[];
  reviewQueue: { length: number; averageWaitSeconds: number; oldestWaitSeconds: number };
}

export async function dashboardFigures(db: Database, now = new Date()): Promise<DashboardFigures> {
  const { sequelize } = db;
  const since = new Date(now);
  since.setUTCHours(0, 0, 0, 0);
  const [states, providers, queue] = await Promise.all([
    sequelize.query<{ state: string; n: string }>(
      'SELECT state, COUNT(*)::text AS n FROM jobs WHERE created_at >= :since GROUP BY state ORDER BY state',
      { type: QueryTypes.SELECT, replacements: { since } },
    ),
    sequelize.query<{ provider: string; attempts: string; failed: string }>(
      `SELECT provider, COUNT(*)::text AS attempts, COUNT(*) FILTER (WHERE status = 'failed')::text AS failed
         FROM provider_attempts WHERE created_at >= :since GROUP BY provider ORDER BY provider`,
      { type: QueryTypes.SELECT, replacements: { since } },
    ),
    sequelize.query<{ n: string; avg_wait: string | null; max_wait: string | null }>(
      `SELECT COUNT(*)::text AS n, AVG(EXTRACT(EPOCH FROM (:now::timestamptz - created_at)))::text AS avg_wait,
              MAX(EXTRACT(EPOCH FROM (:now::timestamptz - created_at)))::text AS max_wait
         FROM game_versions WHERE review_status = 'pending'`,
      { type: QueryTypes.SELECT, replacements: { now } },
    ),
  ]);
  const q = queue[0];
  return {
    since: since.toISOString(),
    jobsByState: Object.fromEntries(states.map((r) => [r.state, Number(r.n)])),
    providers: providers.map((r) => {
      const attempts = Number(r.attempts);
      const failed = Number(r.failed);
      const failureRate = attempts ? Math.round((failed / attempts) * 1000) / 1000 : 0;
      return { provider: r.provider, attempts, failed, failureRate };
    }),
    reviewQueue: {
      length: Number(q?.n ?? 0),
      averageWaitSeconds: Math.round(Number(q?.avg_wait ?? 0)),
      oldestWaitSeconds: Math.round(Number(q?.max_wait ?? 0)),
    },
  };
}
