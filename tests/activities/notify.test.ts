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
});
