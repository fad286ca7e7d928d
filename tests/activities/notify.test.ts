// The progress publisher sends each of a job's events once: a workflow task that runs again on
// another worker (its first worker was killed after publishing) hands over the same events,
// seq for seq, and they must not reach clients twice (bench/chaos.ts found them doing so).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createProgressPublisher } from '../../activities/notify.ts';
import type { ProgressDelivery } from '../../workflows/messages.ts';
import { waitFor } from '../../scripts/stack/processes.ts';
import { connectServices, type Services } from '../helpers/services.ts';

let s: Services;
beforeAll(async () => { s = await connectServices(); }, 60_000);
afterAll(async () => { await s.close(); });

describe('createProgressPublisher', () => {
  it('sends an event handed over again (same job, seq at or below the last sent) only once', async () => {
    const jobId = randomUUID();
    const delivery = (seq: number, message: string): ProgressDelivery => ({
      userId: randomUUID(),
      event: {
        job_id: jobId, seq, state: 'generating', step: 'generate', status: 'started', message, percent: 10,
        at: new Date().toISOString(), kind: 'create', game_id: randomUUID(), repair_rounds: 0,
      },
    });
    // What reaches Socket.IO's Redis channels (the adapters of every API node listen there).
    const sub = s.redis.duplicate();
    const sent: string[] = [];
    sub.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, msg: Buffer) => {
      const text = msg.toString('latin1');
      if (text.includes(jobId)) sent.push(/step-\d/.exec(text)?.[0] ?? '?');
    });
    await sub.psubscribe('socket.io#*');
    try {
      const publisher = createProgressPublisher({ db: s.db, redis: s.redis });
      await publisher.publish(delivery(1, 'step-1'));
      await publisher.publish(delivery(2, 'step-2'));
      // The re-run task: the same events again, then its new one.
      await publisher.publish(delivery(1, 'step-1'));
      await publisher.publish(delivery(2, 'step-2'));
      await publisher.publish(delivery(3, 'step-3'));
      await waitFor('step-3 on the channel', 10, () => sent.includes('step-3'));
      expect(sent).toEqual(['step-1', 'step-2', 'step-3']);
    } finally {
      sub.disconnect();
    }
  });

  it('handed a burst at once: every event in order, the job row written once and left at the last state', async () => {
    const { user, job } = await userWithJob('burst');
    const states = ['generating', 'validating', 'scanning', 'versioning'] as const;
    const written: string[] = [];
    const publisher = createProgressPublisher({
      db: { ...s.db, sequelize: watched(s.db.sequelize, written) }, redis: s.redis,
    });
    const sub = s.redis.duplicate();
    const sent: number[] = [];
    sub.on('pmessageBuffer', (_p: Buffer, _c: Buffer, msg: Buffer) => {
      const text = msg.toString('latin1');
      const seq = /burst-(\d)/.exec(text);
      if (text.includes(job.id) && text.includes('job:progress') && seq) sent.push(Number(seq[1]));
    });
    await sub.psubscribe('socket.io#*');
    try {
      await Promise.all(states.map((state, i) => publisher.publish({
        userId: user.id,
        event: {
          job_id: job.id, seq: i + 1, state, step: state, status: 'started', message: `burst-${i + 1}`, percent: 10 * i,
          at: new Date().toISOString(), kind: 'create', game_id: randomUUID(), repair_rounds: 0,
        },
      })));
      await waitFor('the last event on the channel', 10, () => sent.includes(states.length));
      expect(sent).toEqual([1, 2, 3, 4]);
      // All four were handed over before the first was sent: only the last one's row write is left.
      expect(written).toHaveLength(1);
      await job.reload();
      expect(job.state).toBe('versioning');
    } finally {
      sub.disconnect();
    }
  });

  it('a final state the version wrote is not written again, and a late step event does not move it back', async () => {
    const { user, job } = await userWithJob('final');
    // As storeJobVersion leaves it when the version completes the job.
    const finishedAt = new Date(Date.now() - 60_000);
    await job.update({ state: 'completed', provider: 'openai', finishedAt });
    const written: string[] = [];
    const publisher = createProgressPublisher({
      db: { ...s.db, sequelize: watched(s.db.sequelize, written) }, redis: s.redis,
    });
    const event = (seq: number, state: 'versioning' | 'completed'): ProgressDelivery['event'] => ({
      job_id: job.id, seq, state, step: state, status: 'succeeded', message: state, percent: 90,
      at: new Date().toISOString(), kind: 'create', game_id: randomUUID(), repair_rounds: 0,
    });
    // The step's event arrives after the version's transaction committed: the row stays final.
    await publisher.publish({ userId: user.id, event: event(1, 'versioning') });
    await job.reload();
    expect(written).toHaveLength(1);
    expect(job.state).toBe('completed');
    // The final event, marked as recorded: no write at all.
    await publisher.publish({ userId: user.id, event: event(2, 'completed'), recorded: true });
    expect(written).toHaveLength(1);
    // Not marked: written (a final state must reach the row), idempotently.
    await publisher.publish({ userId: user.id, event: event(3, 'completed') });
    expect(written).toHaveLength(2);
    await job.reload();
    expect(job.state).toBe('completed');
  });
});

/** A user and a job of theirs that has not started. */
async function userWithJob(name: string) {
  const user = await s.db.models.User.create({
    username: `${name}_${Date.now()}`, email: `${name}_${Date.now()}@example.com`, passwordHash: 'x',
    displayName: null, avatarUrl: null, bio: null, role: 'user', lastLoginAt: null,
  });
  const job = await s.db.models.Job.create({
    kind: 'create', userId: user.id, gameId: null, sessionId: null, baseVersion: null, workflowId: null,
    idempotencyKey: null, templateId: null, provider: null, errorCode: null, errorDetail: null,
    resultVersionId: null, startedAt: null, finishedAt: null,
  });
  return { user, job };
}

/** The database handle with every UPDATE of the jobs table noted. */
function watched(sequelize: Services['db']['sequelize'], written: string[]): Services['db']['sequelize'] {
  return new Proxy(sequelize, {
    get(target, key, receiver) {
      if (key !== 'query') return Reflect.get(target, key, receiver) as unknown;
      return (sql: string, ...rest: unknown[]) => {
        if (/^\s*UPDATE jobs/.test(sql)) written.push(sql);
        return (target.query as (...a: unknown[]) => unknown).call(target, sql, ...rest);
      };
    },
  });
}
