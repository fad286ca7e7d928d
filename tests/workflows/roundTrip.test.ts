import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createPlayforgeWorker } from '../../worker/createWorker.ts';
import { providerChain } from '../../game/providers/chain.ts';
import { createScanner } from '../../game/scan/index.ts';
import { SEARCH_ATTRIBUTES } from '../../workflows/searchAttributes.ts';
import { stackProbe } from '../../workflows/diagnostics.ts';
import { connectServices, type Services } from '../helpers/services.ts';

let s: Services;
beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  s = await connectServices();
});
afterAll(async () => s.close());

describe('Temporal round trip through the real worker', () => {
  it('runs stackProbe on the dev server; the activity reaches Postgres and Redis', async () => {
    const taskQueue = `test-probe-${randomUUID()}`;
    const cfg = { ...s.cfg, TEMPORAL_TASK_QUEUE: taskQueue };
    const scanner = createScanner({ poolSize: 1 });
    const { worker, connection } = await createPlayforgeWorker({
      cfg, deps: { cfg, db: s.db, redis: s.redis, chain: providerChain(cfg), scanner },
    });
    const client = new Client({ connection: s.temporal, namespace: s.cfg.TEMPORAL_NAMESPACE });
    const workflowId = `probe-${randomUUID()}`;
    const result = await worker.runUntil(
      client.workflow.execute(stackProbe, { taskQueue, workflowId, workflowExecutionTimeout: '30 seconds' }),
    );
    await connection.close();
    await scanner.close();
    expect(result.workflow_id).toBe(workflowId);
    expect(result.task_queue).toBe(taskQueue);
    expect(result.postgres_ms).toBeGreaterThanOrEqual(0);
    expect(result.redis_ms).toBeGreaterThanOrEqual(0);
    expect(result.node_version).toMatch(/^v24\./);

    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const scheduled = history.events?.filter((e) => e.activityTaskScheduledEventAttributes) ?? [];
    expect(scheduled.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name))
      .toEqual(['probeDependencies']);
  });

  it('the namespace carries the job search attributes', async () => {
    const { customAttributes } = await s.temporal.operatorService.listSearchAttributes({
      namespace: s.cfg.TEMPORAL_NAMESPACE,
    });
    for (const key of SEARCH_ATTRIBUTES) expect(Object.keys(customAttributes ?? {})).toContain(key.name);
  });
});
