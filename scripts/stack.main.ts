// The local stack: `start` (development), `test` (the whole suite against its own
// services) and `migrate` (schema + templates + first admin against DATABASE_URL).
// It starts only what the environment does not already provide: DATABASE_URL,
// REDIS_URL and TEMPORAL_ADDRESS each replace the local server of that kind.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { ConfigError, parseConfig } from '../config.ts';
import { loadDotEnv, plan, type Plan } from './stack/plan.ts';
import { Supervisor, portOpen, waitFor, type ServiceSpec } from './stack/processes.ts';
import { ensureTemporalCli } from './stack/temporal.ts';
import { connectTemporal, ensureNamespace, temporalDevServer } from './stack/temporalServer.ts';
import { ensureRedisServer, localRedis } from './stack/redis.ts';
import { ensureTestTools } from './stack/testTools.ts';
import { canConnect, ensureDatabase } from './stack/database.ts';
import { prepareDatabase } from './stack/prepare.ts';
import { runProbe } from './stack/probe.ts';
import { runJest } from './stack/jestRun.ts';
import { thumbnailsInBackground } from './stack/thumbnails.ts';
import { WORKER_NODE_FLAGS } from '../lib/workerFlags.ts';

const root = resolve(import.meta.dirname, '..');
const t0 = performance.now();
// Benchmarks print JSON on stdout, so there the stack's own lines go to stderr.
let logStream: NodeJS.WriteStream = process.stdout;
const log = (msg: string): void => void logStream.write(`[stack] ${msg}\n`);
const elapsed = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function startServices(p: Plan, sup: Supervisor): Promise<void> {
  const specs: ServiceSpec[] = [];
  const ports: number[] = [];
  const temporalBin = p.local.temporal ? await ensureTemporalCli(join(root, '.tools'), log) : undefined;
  const redisBin = p.local.redis ? ensureRedisServer(log) : undefined;
  if (p.local.postgres) {
    p.local.postgres.initialise();
    specs.push(p.local.postgres.spec);
    ports.push(p.settings.pgPort);
  }
  if (redisBin) {
    specs.push(localRedis(redisBin, p.dataDir, p.settings.redisPort, p.mode === 'dev'));
    ports.push(p.settings.redisPort);
  }
  if (temporalBin) {
    specs.push(temporalDevServer({
      binary: temporalBin, dataRoot: p.dataDir, port: p.settings.temporalPort, uiPort: p.settings.temporalUiPort,
      namespace: p.env.TEMPORAL_NAMESPACE!, persist: p.mode === 'dev',
    }));
    mkdirSync(join(p.dataDir, 'temporal'), { recursive: true });
    ports.push(p.settings.temporalPort, p.settings.temporalUiPort);
  }
  for (const port of ports) {
    if (await portOpen(port)) {
      throw new Error(
        `port ${port} is already in use (another Playforge stack, or set the PLAYFORGE_*_PORT variables)`,
      );
    }
  }
  for (const spec of specs) sup.start(spec);

  await Promise.all([
    waitFor('PostgreSQL', 60, () => canConnect(p.cfg.DATABASE_URL)),
    waitFor('Redis', 30, async () => {
      const r = new Redis(p.cfg.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await r.connect();
        return (await r.ping()) === 'PONG';
      } finally {
        r.disconnect();
      }
    }),
    (async () => {
      const connection = await connectTemporal(p.cfg.TEMPORAL_ADDRESS, 90);
      try {
        await ensureNamespace(connection, p.cfg.TEMPORAL_NAMESPACE);
      } finally {
        await connection.close();
      }
    })(),
  ]);
  log(`services ready (${elapsed()}): postgres, redis, temporal`);
}

function node(script: string, p: Plan, name: string, flags: readonly string[] = []): ServiceSpec {
  return {
    name, command: process.execPath,
    args: ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', ...flags, script],
    cwd: root, env: p.env, stopSignal: 'SIGTERM', stopTimeout: 30,
  };
}

async function start(): Promise<number> {
  loadDotEnv();
  const p = plan('dev');
  const sup = new Supervisor(p.dataDir, log);
  const stop = onSignals(sup);
  await sup.reapStale();
  try {
    await startServices(p, sup);
    await ensureDatabase(p.cfg.DATABASE_URL, { fresh: false });
    await prepareDatabase(p.cfg, root, log, { admin: true, dataDir: p.dataDir });
    sup.start(node('worker/main.ts', p, 'worker', WORKER_NODE_FLAGS));
    sup.start(node('api/main.ts', p, 'api'));
    const api = `http://127.0.0.1:${p.cfg.PORT}`;
    await Promise.all([
      waitFor('API readiness', 90, async () => (await fetch(`${api}/api/health/readiness`)).status === 200),
      runProbe(p.cfg, 90),
    ]);
    log(`Playforge is ready in ${elapsed()}`);
    process.stdout.write([
      `  Play         ${p.cfg.publicUrl}/`,
      `  API          ${p.cfg.publicUrl}/api/health/detailed`,
      `  Admin        ${p.cfg.publicUrl}/admin`,
      `  Temporal UI  ${p.cfg.TEMPORAL_UI_URL}/namespaces/${p.cfg.TEMPORAL_NAMESPACE}/workflows`,
      `  Logs         ${relative(process.cwd(), join(p.dataDir, 'logs'))}/`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'));
    // After readiness, never before: a browser playtest per template takes a while.
    const thumbnails = thumbnailsInBackground(p.cfg.DATABASE_URL, p.cfg.CHROMIUM_PATH, log);
    const ended = await Promise.race([sup.firstExit(), stop.requested]);
    if (ended !== 'signal') log(`${ended} stopped; stopping the stack`);
    await Promise.all([thumbnails.stop(), sup.stopAll()]);
    log('stopped');
    return ended === 'signal' ? 0 : 1;
  } finally {
    if (!sup.isStopping()) await sup.stopAll();
  }
}

async function test(jestArgs: string[]): Promise<number> {
  const p = plan('test');
  const sup = new Supervisor(p.dataDir, log);
  const stop = onSignals(sup);
  await sup.reapStale();
  let code = 1;
  try {
    p.env.CHROMIUM_PATH ??= ensureTestTools(log).chromium;
    await startServices(p, sup);
    await ensureDatabase(p.cfg.DATABASE_URL, { fresh: true });
    // Tests make the users they need; no admin password in CI logs.
    await prepareDatabase(p.cfg, root, log, { admin: false });
    const run = await runJest({
      args: [
        '--experimental-vm-modules', '--no-node-snapshot', '--disable-warning=ExperimentalWarning',
        join(root, 'node_modules/jest/bin/jest.js'), ...jestArgs,
      ],
      results: join(p.dataDir, 'jest-results.json'), cwd: root, env: p.env,
      limitMs: p.settings.testTimeLimitMinutes * 60_000, interrupted: stop.requested,
    });
    await sup.stopAll();
    if (run.timedOut) {
      log(`the tests ran past PLAYFORGE_TEST_TIME_LIMIT_MINUTES (${p.settings.testTimeLimitMinutes}) and were stopped`);
    }
    process.stdout.write(`${run.passed} passed, ${run.failed} failed\n`);
    code = run.exitCode !== 0 || run.failed > 0 ? Math.max(run.exitCode, 1) : 0;
  } finally {
    if (!sup.isStopping()) await sup.stopAll();
  }
  return code;
}

// Benchmarks that need the services get a stack of their own (data folder and ports), so
// they can run beside `npm start` or `npm test`.
const BENCH_STACK = {
  PLAYFORGE_DATA_DIR: '.data/bench',
  PLAYFORGE_PG_PORT: '54341',
  PLAYFORGE_REDIS_PORT: '63801',
  PLAYFORGE_TEMPORAL_PORT: '7253',
  TEMPORAL_UI_PORT: '8253',
};

async function bench(args: string[]): Promise<number> {
  const needsServices = ['pipeline', 'socket'].includes(args[0] ?? '');
  const script = join(root, 'bench/main.ts');
  const nodeArgs = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', script, ...args];
  if (!needsServices) {
    return new Promise((res) => {
      spawn(process.execPath, nodeArgs, { cwd: root, stdio: 'inherit' }).on('exit', (c) => res(c ?? 1));
    });
  }
  for (const [k, v] of Object.entries(BENCH_STACK)) process.env[k] ??= v;
  logStream = process.stderr;
  const p = plan('test');
  const sup = new Supervisor(p.dataDir, log);
  const stop = onSignals(sup);
  await sup.reapStale();
  try {
    // The real pipeline run plays every game in Chromium, as the test run does.
    if (args.includes('--real')) p.env.CHROMIUM_PATH ??= ensureTestTools(log).chromium;
    await startServices(p, sup);
    await ensureDatabase(p.cfg.DATABASE_URL, { fresh: true });
    await prepareDatabase(p.cfg, root, log, { admin: false });
    const child = spawn(process.execPath, nodeArgs, {
      cwd: root, env: { ...p.env, LOG_LEVEL: 'warn' }, stdio: 'inherit',
    });
    return await Promise.race([
      new Promise<number>((res) => child.on('exit', (c) => res(c ?? 1))),
      stop.requested.then(() => 130),
    ]);
  } finally {
    await sup.stopAll();
  }
}

async function migrate(): Promise<number> {
  loadDotEnv();
  const cfg = parseConfig(process.env);
  await ensureDatabase(cfg.DATABASE_URL, { fresh: false });
  await prepareDatabase(cfg, root, log, { admin: true, dataDir: resolve(root, '.data') });
  // Containers share one Temporal: the namespace and search attributes are set up here too.
  const connection = await connectTemporal(cfg.TEMPORAL_ADDRESS, 120);
  try {
    await ensureNamespace(connection, cfg.TEMPORAL_NAMESPACE);
  } finally {
    await connection.close();
  }
  return 0;
}

function onSignals(sup: Supervisor): { requested: Promise<'signal'> } {
  let fire: (v: 'signal') => void = () => undefined;
  const requested = new Promise<'signal'>((res) => (fire = res));
  let count = 0;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      count += 1;
      if (count === 1) {
        log(`${sig}: stopping…`);
        fire('signal');
      } else if (count === 3) {
        log('forced exit');
        process.exit(130);
      }
    });
  }
  // Startup can be interrupted too: stop what already runs, then leave.
  void requested.then(async () => {
    await new Promise((r) => setTimeout(r, 50));
    if (!sup.isStopping()) {
      await sup.stopAll();
      process.exit(130);
    }
  });
  return { requested };
}

async function main(): Promise<void> {
  const [cmd = 'start', ...rest] = process.argv.slice(2);
  try {
    const commands: Record<string, () => Promise<number>> = {
      start, test: () => test(rest), migrate, bench: () => bench(rest),
    };
    const code = await (commands[cmd] ?? (() => Promise.resolve(usage(cmd))))();
    process.exit(code);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`[stack] failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

function usage(cmd: string): number {
  process.stderr.write(`unknown command ${cmd}; use start | test | migrate | bench\n`);
  return 64;
}

await main();
