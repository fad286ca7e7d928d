// npm run bench -- <name> [args]: runs one benchmark and prints its JSON result on stdout.
// A small map so more benchmarks plug in with one line each.
const BENCHMARKS: Record<string, (args: string[]) => Promise<Record<string, unknown>>> = {
  scan: async (args) => (await import('./scan.ts')).benchScan(args),
  pipeline: async (args) => (await import('./pipeline.ts')).benchPipeline(args),
  socket: async (args) => (await import('./socket.ts')).benchSocket(args),
  offline: async (args) => (await import('./offline.ts')).benchOffline(args),
  chaos: async (args) => (await import('./chaos.ts')).benchChaos(args),
};

const [name, ...args] = process.argv.slice(2);
const run = name && Object.hasOwn(BENCHMARKS, name) ? BENCHMARKS[name] : undefined;
if (!run) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [args]\n`);
  process.exitCode = 2;
} else {
  try {
    process.stdout.write(`${JSON.stringify(await run(args), null, 2)}\n`);
  } catch (e) {
    // Jobs still in flight when the run failed would hold the process until their timeouts.
    const message = `bench ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`;
    process.stderr.write(message, () => process.exit(1));
  }
}
