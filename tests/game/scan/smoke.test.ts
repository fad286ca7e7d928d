// The smoke run: games run in an isolate inside pooled child processes. CPU bombs, memory
// bombs, promise loops and timer bombs each end within their limits, are reported as block
// findings, never stall this process, and the pool stays usable afterwards (a benign game
// scanned right after passes). A child that stops answering is killed and replaced.
import { afterAll, describe, expect, it } from '@jest/globals';
import { createScanner, type ScanReport, type Scanner } from '../../../game/scan/index.ts';
import { createSmokePool } from '../../../game/scan/smoke/pool.ts';
import { loadTemplate } from '../../templates/helpers.ts';

const LIMITS = { poolSize: 2, memoryLimitMb: 64, cpuTimeoutMs: 600, wallTimeoutMs: 3000 };
const scanner: Scanner = createScanner(LIMITS);
const benign = loadTemplate('basic_shooter').html;

afterAll(async () => {
  await scanner.close();
});

function page(js: string): string {
  return `<!DOCTYPE html><html><body><canvas id="c" width="200" height="100"></canvas><script>
const ctx = document.getElementById('c').getContext('2d');
addEventListener('keydown', () => {});
requestAnimationFrame(function draw() { ctx.fillRect(0, 0, 10, 10); requestAnimationFrame(draw); });
${js}
</script></body></html>`;
}

/** Scan while counting this process's event-loop ticks: a bomb must not stall the caller. */
async function scanTimed(html: string): Promise<{ report: ScanReport; ms: number; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 10);
  const started = Date.now();
  try {
    const report = await scanner.scanGame(html);
    return { report, ms: Date.now() - started, ticks };
  } finally {
    clearInterval(timer);
  }
}

const bombs: [string, string, string, string][] = [
  ['CPU bomb at load', 'let n = 1; while (n > 0) { n = (n * 3) % 1000003 + 1; }', 'timeout', 'resource.cpu-timeout'],
  ['CPU bomb in a frame',
    'let t = 0; requestAnimationFrame(function f() { ' +
      'if (++t > 20) for (let i = 1; i !== 0; i = (i * 5) % 65537) {} requestAnimationFrame(f); });',
    'timeout', 'resource.cpu-timeout'],
  ['memory bomb',
    // One chunk is past the limit: it ends on memory at once, never on time, even on a busy machine.
    'const hoard = []; while (hoard.length >= 0) hoard.push(new Array(30000000).fill(Math.random()));',
    'memory', 'resource.memory-limit'],
  ['promise loop', 'function spin() { Promise.resolve().then(spin); } spin();', 'timeout', 'resource.microtask-flood'],
  ['async loop in a frame',
    'let t = 0; requestAnimationFrame(function f() { ' +
      'if (++t === 10) (async () => { for (;;) await null; })(); requestAnimationFrame(f); });',
    'timeout', 'resource.microtask-flood'],
  ['timer bomb', 'function fork() { setTimeout(fork, 0); setTimeout(fork, 0); } fork();', 'ok', 'resource.timer-flood'],
  ['interval bomb',
    'setInterval(() => { for (let i = 0; i < 500; i++) setTimeout(() => {}, 0); }, 0);', 'ok', 'resource.timer-flood'],
  ['animation-frame flood',
    'function more() { requestAnimationFrame(more); requestAnimationFrame(more); } more();',
    'ok', 'resource.raf-flood'],
];

describe('smoke run limits', () => {
  it('runs a template for 120 frames and on to 90 s of game time, with input and no errors', async () => {
    const { report } = await scanTimed(benign);
    expect(report.verdict).toBe('pass');
    expect(report.smoke).toMatchObject({ status: 'ok', frames: 120 + (90_000 - 2_000) / 500, errors: [] });
    expect(report.smoke.ms).toBeLessThan(LIMITS.cpuTimeoutMs);
  });

  it.each(bombs)('%s ends within its limit, is blocked, and the pool still passes a benign game', async (
    _name, js, status, rule,
  ) => {
    const { report, ms, ticks } = await scanTimed(page(js));
    expect(report.verdict).toBe('block');
    expect(report.smoke.status).toBe(status);
    expect(report.findings.find((f) => f.rule === rule)).toMatchObject({ severity: 'block' });
    expect(ms).toBeLessThan(LIMITS.cpuTimeoutMs + 3000); // the limit plus a busy machine's start-up of the run
    // the event loop of the calling process kept turning all along
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(ms / 10 / 4));
    const after = await scanner.scanGame(benign);
    expect(after.verdict).toBe('pass');
    expect(after.smoke.status).toBe('ok');
  }, 20_000);

  it('reports load errors (block) and runtime errors (review) with their line', async () => {
    const load = await scanner.scanGame(page('const hero = null;\nhero.jump();'));
    expect(load.findings.find((f) => f.rule === 'smoke.script-error')).toMatchObject({ severity: 'block', line: 6 });
    const runtime = await scanner.scanGame(page(
      'let n = 0;\nrequestAnimationFrame(function g() { if (++n === 5) missing(); requestAnimationFrame(g); });',
    ));
    expect(runtime.verdict).toBe('review');
    expect(runtime.findings.find((f) => f.rule === 'smoke.runtime-error')).toMatchObject({
      severity: 'review', line: 6, message: expect.stringContaining('first at frame 4') as unknown as string,
    });
    expect(runtime.smoke.errors).toEqual([expect.stringContaining('missing is not defined')]);
  });

  it('scans games concurrently on the pool', async () => {
    const reports = await Promise.all(Array.from({ length: 6 }, (_, i) => scanner.scanGame(`${benign}<!-- ${i} -->`)));
    expect(reports.map((r) => r.smoke.status)).toEqual(Array(6).fill('ok'));
  });

  it('runs engine games with the vendored engine (scene create and update) and can be turned off', async () => {
    const engine = `<!DOCTYPE html><html><head><script src="/play/vendor/phaser.min.js"></script></head><body>
<div id="game"></div><script>
let ticks = 0;
new Phaser.Game({ type: Phaser.AUTO, parent: 'game', width: 200, height: 100, scene: {
  create() { this.add.text(10, 10, 'hi'); },
  update(time) {
    ticks++;
    if (time > 60000 && ticks > 200) { const k = 'coo' + 'kie'; try { void document[k]; } catch (e) {} }
  },
} });
</script></body></html>`;
    const report = await scanner.scanGame(engine);
    expect(report.smoke).toMatchObject({ status: 'ok', errors: [] });
    expect(report.smoke.frames).toBeGreaterThan(200);
    expect(report.findings.find((f) => f.rule === 'smoke.forbidden-call')).toMatchObject({
      severity: 'block', line: 8, message: expect.stringContaining('document.cookie') as unknown as string,
    });
    expect((await scanner.scanGame(benign, { smoke: false })).smoke.status).toBe('skipped');
  }, 20_000);
});

describe('smoke pool watchdog', () => {
  it('kills a child that does not answer in time and respawns one for the next job', async () => {
    // The CPU budget outlasts the wall clock, so only the parent's watchdog can end this run.
    const pool = createSmokePool({ poolSize: 1, memoryLimitMb: 64, cpuTimeoutMs: 20_000, wallTimeoutMs: 300 });
    try {
      const started = Date.now();
      const hung = await pool.run({
        elements: [], scripts: [{ code: 'for (;;) {}', line: 1, column: 1, module: false }], frames: 10, lateUntilMs: 0,
      });
      expect(hung).toMatchObject({ status: 'timeout', timeoutKind: 'wall' });
      expect(Date.now() - started).toBeLessThan(300 + 1000 + 2000);
      const next = await pool.run({
        elements: [],
        scripts: [{
          code: 'requestAnimationFrame(function f() { requestAnimationFrame(f); });', line: 1, column: 1, module: false,
        }],
        frames: 10, lateUntilMs: 0,
      });
      expect(next).toMatchObject({ status: 'ok', frames: 10 });
      expect(pool.spawned()).toBe(2);
    } finally {
      await pool.close();
    }
  }, 20_000);
});
