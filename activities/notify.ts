// Progress: the job's state in PostgreSQL follows each progress event, and the event goes to
// Socket.IO rooms through Redis (any API node delivers it). The publisher keeps each job's
// events in order (one chain per job); the workflow hands it events through a sink (fast
// layout, fire and forget) or the notify local activity (its final event, and runs from before).
import { Emitter } from '@socket.io/redis-emitter';
import type { Database } from '../db/index.ts';
import type { Redis } from '../lib/redis.ts';
import type { JobSnapshot, ProgressDelivery } from '../workflows/messages.ts';
import { isTerminalState } from '../game/vocabulary.ts';
import { recordJobProgress } from '../db/jobProgress.ts';

export type NotifyInput = ProgressDelivery;

/** The event as clients receive it: the design's fields, nothing internal. */
export function presentProgress(e: JobSnapshot) {
  return {
    job_id: e.job_id, seq: e.seq, state: e.state, step: e.step, status: e.status,
    ...(e.provider ? { provider: e.provider } : {}), ...(e.model ? { model: e.model } : {}),
    ...(e.attempt ? { attempt: e.attempt } : {}),
    message: e.message, percent: e.percent, at: e.at,
    ...(e.version !== undefined ? { version: e.version } : {}),
    ...(e.error_code ? { error_code: e.error_code } : {}),
  };
}

// A job's events can be handed over twice: a worker killed after publishing but before
// Temporal recorded its workflow task has that task run again on another worker, its sink
// calls and local activities included (the chaos bench saw every event of such a job twice).
// Redis keeps the last seq sent per job, and an event at or below it is not sent again.
const CLAIM_SEQ = `local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) <= last then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;
// Longer than any job runs (a review waits up to 7 days).
const SEQ_TTL_SECONDS = 8 * 24 * 3600;

export interface ProgressPublisher {
  /** Publishes after every event of the same job handed over before it; rejects if this one failed. */
  publish(input: NotifyInput): Promise<void>;
}

export function createProgressPublisher(deps: { db: Database; redis: Redis }): ProgressPublisher {
  const emitter = new Emitter(deps.redis);
  const chains = new Map<string, { tail: Promise<void>; queued: number }>();

  /** `superseded`: a later event of the job is already queued, and its row write covers this one. */
  async function send(input: NotifyInput, superseded: boolean): Promise<void> {
    const e = input.event;
    const terminal = isTerminalState(e.state);
    // The row's write stays unconditional for the last event handed over: a final state must
    // reach it even when an earlier attempt sent the event and died before writing it — unless
    // the version's transaction wrote it. Both writes go out together; the event is published
    // once both are done.
    const [, fresh] = await Promise.all([
      (superseded && !terminal) || input.recorded ? undefined : recordJobProgress(deps.db, {
        jobId: e.job_id, state: e.state, provider: e.provider, repairRounds: e.repair_rounds,
        errorCode: e.error_code, errorDetail: e.detail ?? e.message,
      }),
      deps.redis.eval(CLAIM_SEQ, 1, `job-seq:${e.job_id}`, e.seq, SEQ_TTL_SECONDS),
    ]);
    if (fresh !== 1) return;
    const payload = presentProgress(e);
    const rooms = [`job:${e.job_id}`, ...(input.sessionId ? [`session:${input.sessionId}`] : [])];
    emitter.to(rooms).emit('job:progress', payload);
    if (terminal) emitter.to(rooms).emit(e.state === 'completed' ? 'job:completed' : 'job:failed', payload);
    // The seed's conversational update: the new code and what changed, to the session.
    if (e.state === 'completed' && e.kind === 'modify' && input.sessionId && e.version_id) {
      const v = await deps.db.models.GameVersion.findByPk(e.version_id, {
        attributes: ['content', 'changeSummary', 'changes', 'version'],
      });
      if (v) {
        emitter.to(`session:${input.sessionId}`).emit('game_update', {
          type: 'game_update', job_id: e.job_id, game_id: e.game_id, game_code: v.content,
          changes: { summary: v.changeSummary ?? '', modifications: Array.isArray(v.changes) ? v.changes : [] },
          version: v.version, timestamp: e.at,
        });
      }
    }
  }

  return {
    publish(input) {
      const jobId = input.event.job_id;
      const chain = chains.get(jobId) ?? { tail: Promise.resolve(), queued: 0 };
      chain.queued++;
      const done = chain.tail.then(() => send(input, --chain.queued > 0));
      const settled = done.catch(() => undefined);
      chain.tail = settled;
      chains.set(jobId, chain);
      void settled.then(() => { if (chains.get(jobId) === chain && chain.tail === settled) chains.delete(jobId); });
      return done;
    },
  };
}

export function createNotifyActivities(deps: { progress: ProgressPublisher }) {
  return {
    notify(input: NotifyInput): Promise<void> {
      return deps.progress.publish(input);
    },
  };
}
