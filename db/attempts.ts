// Every provider attempt is recorded (provider, model, latency, tokens, error class), and
// the day's usage per user and model is kept in one upserted row.
import { QueryTypes } from 'sequelize';
import type { Database } from './index.ts';
import type { ProviderId } from '../game/vocabulary.ts';

export interface AttemptRecord {
  jobId: string;
  userId: string;
  attempt: number;
  provider: ProviderId;
  model: string;
  status: 'succeeded' | 'failed';
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  errorClass: 'retryable' | 'non_retryable' | 'safety_refusal' | 'context_too_long' | 'truncated' | 'malformed' | null;
  httpStatus?: number | null;
  errorMessage?: string | null;
}

/** The attempt's row and the day's usage in one statement (one round trip, no model layer:
 *  every provider call of every job comes through here). */
export async function recordAttempt(db: Database, a: AttemptRecord): Promise<void> {
  const latencyMs = Math.max(0, Math.round(a.latencyMs));
  const model = a.model.slice(0, 200);
  await db.sequelize.query(
    `WITH attempt AS (
       INSERT INTO provider_attempts (job_id, activity_attempt, provider, model, status, error_class, http_status,
         error_message, latency_ms, tokens_in, tokens_out, cost_usd, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now() - $9::integer * interval '1 millisecond', now())
     )
     INSERT INTO provider_usage (day, user_id, provider, model, requests, failures, tokens_in, tokens_out, cost_usd)
     VALUES (current_date, $13, $3, $4, 1, $14, $10, $11, $12)
     ON CONFLICT (day, user_id, provider, model) DO UPDATE SET
       requests = provider_usage.requests + 1,
       failures = provider_usage.failures + EXCLUDED.failures,
       tokens_in = provider_usage.tokens_in + EXCLUDED.tokens_in,
       tokens_out = provider_usage.tokens_out + EXCLUDED.tokens_out,
       cost_usd = provider_usage.cost_usd + EXCLUDED.cost_usd,
       updated_at = now()`,
    {
      bind: [
        a.jobId, a.attempt, a.provider, model, a.status,
        a.status === 'failed' ? (a.errorClass ?? 'non_retryable') : null, a.httpStatus ?? null,
        a.errorMessage?.slice(0, 2000) ?? null, latencyMs, a.tokensIn, a.tokensOut, a.costUsd,
        a.userId, a.status === 'failed' ? 1 : 0,
      ],
      type: QueryTypes.INSERT,
    },
  );
}
