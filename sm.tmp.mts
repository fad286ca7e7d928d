import fs from 'node:fs';
import { createScanner } from './activities/scan/index.ts';
const scanner = createScanner({ cpuTimeoutMs: 500, wallTimeoutMs: 2000 });
for (const t of ['basic_platformer','basic_puzzle','basic_racing','basic_shooter']) {
  const html = fs.readFileSync('templates/'+t+'/game.html','utf8');
  const r = await scanner.scanGame(html);
  console.log(t, JSON.stringify(r));
}
const wrap = (js: string) => `<!doctype html><html><body><canvas id=c></canvas><script>\n${js}\n</script></body></html>`;
const cases: Record<string, string> = {
  cpu: 'requestAnimationFrame(function f(){ requestAnimationFrame(f) }); let i = 0; while (i >= 0) { i++ }',
  cpuFrame: 'let n = 0; function f(){ n++; if (n > 10) { while(n > 0){ n++ } } requestAnimationFrame(f) } requestAnimationFrame(f)',
  memory: 'const a = []; while (a.length >= 0) a.push(new Array(100000).fill(Math.random()));',
  promise: 'function f(){ return Promise.resolve().then(f) } f(); requestAnimationFrame(function g(){ requestAnimationFrame(g) })',
  promiseLater: 'let n = 0; function f(){ return Promise.resolve().then(f) } requestAnimationFrame(function g(){ if (++n === 30) f(); requestAnimationFrame(g) })',
  asyncLoop: '(async () => { for (;;) await null; })(); requestAnimationFrame(function g(){ requestAnimationFrame(g) })',
  timer: 'function b(){ setTimeout(b, 0); setTimeout(b, 0); } b(); requestAnimationFrame(function g(){ requestAnimationFrame(g) })',
  interval: 'setInterval(() => { for (let i = 0; i < 100; i++) setTimeout(() => {}, 0) }, 0); requestAnimationFrame(function g(){ requestAnimationFrame(g) })',
  raf: 'function b(){ requestAnimationFrame(b); requestAnimationFrame(b); } b();',
  throwLoad: 'const x = null; x.foo();',
  throwFrame: 'let n=0; requestAnimationFrame(function g(){ n++; if (n===5) undefinedThing(); requestAnimationFrame(g) })',
};
for (const [name, js] of Object.entries(cases)) {
  const t0 = performance.now();
  const r = await scanner.scanGame(wrap(js));
  console.log(name, Math.round(performance.now() - t0) + 'ms', r.verdict, JSON.stringify(r.smoke), r.findings.map(f => f.rule + '@' + (f.line ?? '')).join(' '));
}
const html = fs.readFileSync('templates/basic_platformer/game.html','utf8');
const times: number[] = [];
for (let i = 0; i < 100; i++) { const t0 = performance.now(); await scanner.scanGame(html + ' '.repeat(i % 9)); times.push(performance.now() - t0); }
times.sort((a, b) => a - b); console.log('p50', times[50]!.toFixed(1), 'p95', times[95]!.toFixed(1));
await scanner.close();
