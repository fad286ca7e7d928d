// A real worker (the same factory as worker/main.ts) on its own task queue, in-process, so a
// test can point its providers at fake servers and stop it when done.
import { randomUUID } from 'node:crypto';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { parseConfig, type Config } from '../../config.ts';
import { providerChain } from '../../game/providers/chain.ts';
import { createScanner, type Scanner } from '../../game/scan/index.ts';
import { createWarmBrowser } from '../../game/scan/playtest/warm.ts';
import { createPlayforgeWorker } from '../../worker/createWorker.ts';
import type { Services } from './services.ts';

let runtimeInstalled = false;

/** The test config with changes (provider keys and fake base URLs, a task queue of its own). */
export function testConfig(s: Services, env: Record<string, string> = {}): Config {
  return parseConfig({ ...process.env, TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`, ...env });
}

export interface TestWorker {
  cfg: Config;
  worker: Worker;
  scanner: Scanner;
  stop: () => Promise<void>;
}

export async function startTestWorker(s: Services, cfg: Config, opts: { scanner?: Scanner } = {}): Promise<TestWorker> {
  if (!runtimeInstalled) {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // already installed by another helper in this file's module registry
    }
    runtimeInstalled = true;
  }
  const scanner = opts.scanner ?? createScanner({ poolSize: 1 });
  // As worker/main.ts does: playtests share one browser kept running.
  const browsers = cfg.BROWSER_PLAYTEST && cfg.CHROMIUM_PATH
    ? createWarmBrowser({ executablePath: cfg.CHROMIUM_PATH })
    : undefined;
  const connection = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const { worker } = await createPlayforgeWorker({
    cfg, connection, deps: { cfg, db: s.db, redis: s.redis, chain: providerChain(cfg), scanner, browsers },
  });
  const running = worker.run();
  return {
    cfg, worker, scanner,
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
      if (!opts.scanner) await scanner.close();
      await browsers?.close();
    },
  };
}
