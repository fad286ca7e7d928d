// How the chaos run's jobs ended, from the sources of truth: each job's workflow result in
// Temporal, its row and its version rows in PostgreSQL. The run's database is its own, so
// every job row in it is one of the run's.
import type { Client } from '@temporalio/client';
import type { Database } from '../db/index.ts';
import type { GameJobResult } from '../workflows/messages.ts';

export interface Outcome {
  summary: {
    jobs: number;
    completed: number;
    failed: Record<string, number>;
    versions: number;
    lost: number;
    /** Job rows the client was never told of (an answer lost in a fault); they count as jobs. */
    untracked: number;
    /** Completed in Temporal but the row says otherwise (the final write was lost). */
    row_state_mismatch: number;
  };
  duplicateVersions: number;
}

export async function countOutcomes(db: Database, temporal: Client, accepted: string[]): Promise<Outcome> {
  const rows = await db.models.Job.findAll({ attributes: ['id', 'state', 'workflowId', 'idempotencyKey'] });
  const versions = await db.models.GameVersion.findAll({ attributes: ['jobId'] });
  const perJob = new Map<string, number>();
  for (const v of versions) if (v.jobId) perJob.set(v.jobId, (perJob.get(v.jobId) ?? 0) + 1);
  const known = new Set(rows.map((r) => r.id));
  const failed: Record<string, number> = {};
  let completed = 0;
  let lost = accepted.filter((id) => !known.has(id)).length;
  let mismatch = 0;
  for (const row of rows) {
    const result = await resultOf(temporal, row.workflowId);
    const count = perJob.get(row.id) ?? 0;
    if (result?.state === 'completed' && count === 1) completed++;
    else if (result && result.state !== 'completed') {
      const why = `${result.state}:${result.error_code ?? 'unknown'}`;
      failed[why] = (failed[why] ?? 0) + 1;
    } else lost++;
    if (result && row.state !== result.state) mismatch++;
  }
  const keys = new Map<string, number>();
  for (const r of rows) if (r.idempotencyKey) keys.set(r.idempotencyKey, (keys.get(r.idempotencyKey) ?? 0) + 1);
  const extraJobs = [...keys.values()].reduce((s, n) => s + n - 1, 0);
  const extraVersions = [...perJob.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
  return {
    summary: {
      jobs: rows.length, completed, failed, versions: [...perJob.values()].reduce((s, n) => s + n, 0), lost,
      untracked: rows.filter((r) => !accepted.includes(r.id)).length, row_state_mismatch: mismatch,
    },
    duplicateVersions: extraVersions + extraJobs,
  };
}

async function resultOf(temporal: Client, workflowId: string | null): Promise<GameJobResult | undefined> {
  if (!workflowId) return undefined;
  try {
    const handle = temporal.workflow.getHandle(workflowId);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), 60_000)));
    return await Promise.race([handle.result() as Promise<GameJobResult>, timeout]).finally(() => clearTimeout(timer));
  } catch {
    return undefined;
  }
}
