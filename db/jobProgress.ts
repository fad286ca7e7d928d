// The job row follows the run's progress events: its state, provider, repair rounds and, at the
// end, when and why it ended. One plain UPDATE per event (every event of every job comes here,
// so no model layer), ordered per job by the publisher that calls it. A row in a final state is
// never moved back by a step's event: the version's transaction can write `completed` while the
// event before it is still on its way.
import { QueryTypes } from 'sequelize';
import type { Database } from './index.ts';
import { isTerminalState, TERMINAL_JOB_STATES, type JobState } from '../game/vocabulary.ts';

export interface JobProgress {
  jobId: string;
  state: JobState;
  provider?: string;
  repairRounds: number;
  /** For a final state other than completed: what went wrong. */
  errorCode?: string;
  errorDetail?: string;
}

export async function recordJobProgress(db: Database, p: JobProgress): Promise<void> {
  const terminal = isTerminalState(p.state);
  const failed = terminal && p.state !== 'completed';
  await db.sequelize.query(
    `UPDATE jobs SET state = $2, provider = COALESCE($3, provider), repair_rounds = $4,
       finished_at = CASE WHEN $5 THEN now() ELSE finished_at END,
       error_code = CASE WHEN $6 THEN $7 ELSE error_code END,
       error_detail = CASE WHEN $6 THEN $8 ELSE error_detail END,
       updated_at = now()
     WHERE id = $1 AND ($5 OR state <> ALL($9::text[]))`,
    {
      bind: [
        p.jobId, p.state, p.provider ?? null, p.repairRounds, terminal, failed,
        failed ? (p.errorCode ?? p.state) : null, failed ? (p.errorDetail ?? '').slice(0, 2000) : null,
        TERMINAL_JOB_STATES,
      ],
      type: QueryTypes.UPDATE,
    },
  );
}
