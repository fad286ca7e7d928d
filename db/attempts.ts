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

export async function recordAttempt(db: Database, a: AttemptRecord): Promise<void> {
  const finishedAt = new Date();
  await db.models.ProviderAttempt.create({
    jobId: a.jobId, activityAttempt: a.attempt, provider: a.provider, model: a.model.slice(0, 200), status: a.status,
    errorClass: a.status === 'failed' ? (a.errorClass ?? 'non_retryable') : null, httpStatus: a.httpStatus ?? null,
    errorMessage: a.errorMessage?.slice(0, 2000) ?? null, latencyMs: Math.max(0, Math.round(a.latencyMs)),
    tokensIn: a.tokensIn, tokensOut: a.tokensOut, costUsd: a.costUsd,
    startedAt: new Date(finishedAt.getTime() - Math.max(0, Math.round(a.latencyMs))), finishedAt,
  });
  await db.sequelize.query(
    `INSERT INTO provider_usage (day, user_id, provider, model, requests, failures, tokens_in, tokens_out, cost_usd)
     VALUES (current_date, $1, $2, $3, 1, $4, $5, $6, $7)
     ON CONFLICT (day, user_id, provider, model) DO UPDATE SET
       requests = provider_usage.requests + 1,
       failures = provider_usage.failures + EXCLUDED.failures,
       tokens_in = provider_usage.tokens_in + EXCLUDED.tokens_in,
       tokens_out = provider_usage.tokens_out + EXCLUDED.tokens_out,
       cost_usd = provider_usage.cost_usd + EXCLUDED.cost_usd,
       updated_at = now()`,
    {
      bind: [
        a.userId, a.provider, a.model.slice(0, 200), a.status === 'failed' ? 1 : 0, a.tokensIn, a.tokensOut, a.costUsd,
      ],
      type: QueryTypes.INSERT,
    },
  );
}
