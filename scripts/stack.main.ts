// The local stack: `start` (development), `test` (the whole suite against its own
// services) and `migrate` (schema + templates + first admin against DATABASE_URL).
// It starts only what the environment does not already provide: DATABASE_URL,
// REDIS_URL and TEMPORAL_ADDRESS each replace the local server of that kind.
import { spawn } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { ConfigError, parseConfig } from '../config.ts';
import { loadDotEnv, plan, type Plan } from './stack/plan.ts';
import { Supervisor } from './stack/processes.ts';
import { connectTemporal, ensureNamespace } from './stack/temporalServer.ts';
import { ensureTestTools } from './stack/testTools.ts';
import { ensureDatabase } from './stack/database.ts';
import { prepareDatabase } from './stack/prepare.ts';
import { runProbe } from './stack/probe.ts';
import { runJest } from './stack/jestRun.ts';
import { thumbnailsInBackground } from './stack/thumbnails.ts';
import { startServices } from './stack/services.ts';
import { appNodes, FlagError, parseScaleFlags, startNodes } from './stack/nodes.ts';

const root = resolve(import.meta.dirname, '..');
const t0 = performance.now();
// Benchmarks print JSON on stdout, so there the stack's own lines go to stderr.
let logStream: NodeJS.WriteStream = process.stdout;
const log = (msg: string): void => void logStream.write(`[stack] ${msg}\n`);
const elapsed = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function servicesUp(p: Plan, sup: Supervisor): Promise<void> {
  await startServices(p, sup, log);
  log(`services ready (${elapsed()}): postgres, redis, temporal`);
}

async function start(args: string[]): Promise<number> {
  const scale = parseScaleFlags(args);
  loadDotEnv();
  const p = plan('dev');
  const sup = new Supervisor(p.dataDir, log);
  const stop = onSignals(sup);
  await sup.reapStale();
  try {
    await servicesUp(p, sup);
    await ensureDatabase(p.cfg.DATABASE_URL, { fresh: false });
    await prepareDatabase(p.cfg, root, log, { admin: true, dataDir: p.dataDir });
    const nodes = appNodes(p.env, p.cfg.PORT, scale);
    await Promise.all([startNodes(sup, nodes, 90), runProbe(p.cfg, 90)]);
    log(`Playforge is ready in ${elapsed()}`);
    const apis = nodes.filter((n) => n.port !== undefined);
    // Each node by its own address; PUBLIC_URL (a load balancer in front of them) leads.
    const nodeLines = apis.length === 1 ? [] : apis.map((n) =>
      `  ${`Node ${n.name}`.padEnd(13)}http://localhost:${n.port}/  (console /admin, Socket.IO /socket.io)`);
    const workers = nodes.length - apis.length;
    process.stdout.write([
      `  Play         ${p.cfg.publicUrl}/`,
      `  API          ${p.cfg.publicUrl}/api/health/detailed`,
      `  Admin        ${p.cfg.publicUrl}/admin`,
      ...nodeLines,
      ...(workers > 1 ? [`  Workers      ${workers} on task queue ${p.cfg.TEMPORAL_TASK_QUEUE}`] : []),
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
    await servicesUp(p, sup);
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

const CHAOS_STACK = {
  PLAYFORGE_DATA_DIR: '.data/bench-chaos',
  PLAYFORGE_PG_PORT: '54342',
  PLAYFORGE_REDIS_PORT: '63802',
  PLAYFORGE_TEMPORAL_PORT: '7254',
  TEMPORAL_UI_PORT: '8254',
  PORT: '3311',
};

async function bench(args: string[]): Promise<number> {
  const needsServices = ['pipeline', 'socket'].includes(args[0] ?? '');
  const script = join(root, 'bench/main.ts');
  const nodeArgs = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning', script, ...args];
  if (!needsServices) {
    // The chaos run starts, stops and restarts a whole stack of its own.
    const env = args[0] === 'chaos' ? { ...CHAOS_STACK, ...process.env } : process.env;
    return new Promise((res) => {
      spawn(process.execPath, nodeArgs, { cwd: root, env, stdio: 'inherit' }).on('exit', (c) => res(c ?? 1));
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
    await servicesUp(p, sup);
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
      start: () => start(rest), test: () => test(rest), migrate, bench: () => bench(rest),
    };
    const code = await (commands[cmd] ?? (() => Promise.resolve(usage(cmd))))();
    process.exit(code);
  } catch (err) {
    if (err instanceof FlagError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(64);
    }
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
