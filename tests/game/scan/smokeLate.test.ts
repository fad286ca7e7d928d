// The smoke run's late phase and scripted player: game time runs on to 90 s in coarse steps
// with timers, animation frames, performance.now and Date.now agreeing; every ordinary key
// goes down and up and the pointer, mouse and touch events reach the canvas, document and
// window; declared controls are pressed first. Abuse that waits for a minute or for a key is
// seen, and a hog late in the run is still a hog.
import { afterAll, describe, expect, it } from '@jest/globals';
import { createScanner, type ScanReport } from '../../../game/scan/index.ts';

const scanner = createScanner({ poolSize: 1 });

afterAll(async () => {
  await scanner.close();
});

function page(js: string): string {
  return `<!DOCTYPE html><html><body><canvas id="c" width="200" height="100"></canvas><script>
const ctx = document.getElementById('c').getContext('2d');
requestAnimationFrame(function draw() { ctx.fillRect(0, 0, 1, 1); requestAnimationFrame(draw); });
function check(ok, what) { if (!ok) throw new Error('late run differs: ' + what); }
${js}
</script></body></html>`;
}

const rules = (r: ScanReport): string[] => r.findings.filter((f) => f.rule.startsWith('smoke.') ||
  f.rule.startsWith('resource.')).map((f) => f.rule);

/** Records every input the page receives; at 89 s checks that all were seen. */
const INPUT_AUDIT = `
const seen = new Set();
for (const target of [window, document, document.getElementById('c')]) {
  const name = target === window ? 'window' : target === document ? 'document' : 'canvas';
  for (const type of ['keydown', 'keyup', 'pointerdown', 'pointerup', 'pointermove', 'mousedown', 'mouseup',
    'mousemove', 'click', 'touchstart', 'touchend']) {
    target.addEventListener(type, (e) => { seen.add(name + ':' + type); if (e.code) seen.add(type + ':' + e.code); });
  }
}
const want = [];
for (const t of ['window', 'document', 'canvas']) {
  for (const type of ['pointerdown', 'click', 'touchstart', 'touchend']) want.push(t + ':' + type);
}
for (const code of ['ArrowLeft', 'KeyW', 'Space', 'Enter', 'Escape', 'Digit7', 'KeyP', 'KeyZ']) {
  want.push('keydown:' + code, 'keyup:' + code);
}
setTimeout(() => {
  const missing = want.filter((w) => !seen.has(w));
  check(missing.length === 0, 'missing ' + missing.join(' '));
}, 89000);
`;

describe('smoke run, late and input-driven', () => {
  it('moves timers, frames, performance.now and Date.now together to 90 s', async () => {
    const report = await scanner.scanGame(page(`
const t0 = Date.now();
let lastFrame = 0;
requestAnimationFrame(function f(ts) { lastFrame = ts; requestAnimationFrame(f); });
setTimeout(() => {
  const now = performance.now();
  check(now >= 45000 && now < 45600, 'performance.now ' + now);
  check(Math.abs(Date.now() - t0 - now) < 50, 'Date.now ' + (Date.now() - t0));
  check(new Date().getTime() === Date.now(), 'new Date()');
  check(lastFrame > 44000, 'frames ' + lastFrame);
}, 45000);
let links = 0;
(function chain() { if (++links < 600) setTimeout(chain, 100); })();
setTimeout(() => check(links >= 500, 'a 100 ms chain kept pace: ' + links), 88000);
`));
    expect(report.smoke).toMatchObject({ status: 'ok', errors: [] });
  });

  it('presses every ordinary key and taps, clicks and touches the canvas by 90 s', async () => {
    const report = await scanner.scanGame(page(INPUT_AUDIT));
    expect(report.smoke).toMatchObject({ status: 'ok', errors: [] });
    // Without the late phase most of it is missing: the audit can fail.
    const early = await scanner.scanGame(page(INPUT_AUDIT.replace('89000', '1900')), { lateUntilMs: 0 });
    expect(early.smoke.errors).toEqual([expect.stringContaining('missing')]);
  });

  it('presses the declared controls in the first seconds', async () => {
    const js = `let z = 0; addEventListener('keydown', (e) => { if (e.code === 'KeyZ') z++; });
setTimeout(() => check(z > 0, 'KeyZ not pressed early'), 1900);`;
    const controls = { start: ['Enter'], move: ['ArrowLeft'], action: ['KeyZ'], pointer: 'tap' };
    expect((await scanner.scanGame(page(js), { controls })).smoke.errors).toEqual([]);
    expect((await scanner.scanGame(page(js))).smoke.errors).toEqual([expect.stringContaining('KeyZ not pressed')]);
  });

  it('catches a hog that starts after a minute, and abuse on a key or a click', async () => {
    const hog = await scanner.scanGame(page(
      'setTimeout(() => { let n = 2; while (n > 0) n = (n * 3) % 1000003 + 1; }, 61000);'));
    expect(hog.smoke.status).toBe('timeout');
    expect(rules(hog)).toContain('resource.cpu-timeout');
    const onKey = await scanner.scanGame(page(
      "addEventListener('keyup', (e) => { if (e.code === 'KeyK') self['ev' + 'al']('1'); });"));
    expect(onKey.findings.find((f) => f.rule === 'smoke.forbidden-call')).toMatchObject({
      severity: 'block', line: 5, message: expect.stringContaining('eval after') as unknown as string,
    });
    const onClick = await scanner.scanGame(page(
      "document.body.addEventListener('click', () => { const w = window; w['op' + 'en']('https://x.example'); });"));
    expect(onClick.findings.find((f) => f.rule === 'smoke.forbidden-call')?.message).toContain('window.open');
  });

  it('lets a game keep scores in storage and still plays without a forbidden call', async () => {
    const report = await scanner.scanGame(page(`
let best = Number(localStorage.getItem('best') || 0);
addEventListener('keydown', () => { best++; localStorage.setItem('best', String(best)); });
setTimeout(() => check(localStorage.getItem('best') === String(best) && best > 20, 'stored ' + best), 80000);`));
    expect(report.smoke).toMatchObject({ status: 'ok', errors: [] });
    expect(rules(report)).toEqual([]);
  });
});
