// Ordinary game code that must not be read as an attack, each next to the shape an attacker
// would use to abuse the same relaxation: numbers shown through innerHTML, byte-order marks left
// by joined files, javascript: links that only call the game.
import { describe, expect, it } from '@jest/globals';
import { staticScan } from '../../../game/scan/index.ts';

const page = (js: string, body = ''): string =>
  `<!DOCTYPE html>\n<html><body><canvas></canvas><div id="s"></div>${body}\n<script>\n${js}\n</script></body></html>`;
const severityOf = (html: string, rule: string): string[] =>
  staticScan(html).findings.filter((f) => f.rule === rule).map((f) => f.severity);

describe('innerHTML of numbers', () => {
  const el = "var el = document.getElementById('s');";
  it.each([
    ['a number variable', 'var score = 0; onkeydown = function () { score += 10; }; el.innerHTML = score;'],
    ['arithmetic on unknowns', 'function show(n) { el.innerHTML = n * 10; } onkeydown = show;'],
    ['a number and constant text', 'var count = 0; count++; el.innerHTML = count + " pts";'],
    ['a Math call', 'function show(p) { el.innerHTML = Math.floor(p / 2); } onkeydown = show;'],
    ['a variable set from Math',
      'var best = 0; function hit(s) { best = Math.max(best, s | 0); el.innerHTML = best; }'],
    ['a template of numbers', 'var t = 0; t += 0.5; el.innerHTML = `${t.toFixed(1)} s <b>${t * 2}</b>`;'],
    ['a parameter every direct call gives a number', 'function html(v) { el.innerHTML = v; } html(1); html(2 * 3);'],
  ])('%s is only a note', (_, js) => {
    expect(severityOf(page(`${el} ${js}`), 'dom.inner-html')).toEqual(['info']);
  });

  it.each([
    ['a number joined with unknown text',
      'function show(n, label) { el.innerHTML = n * 1 + label; } onkeydown = show;'],
    ['a variable later set from data', 'var v = 0; onkeydown = function (e) { v = e.key; }; el.innerHTML = v;'],
    ['a parameter with no known caller', 'function show(v) { var w = 0; w = v; el.innerHTML = w; } onkeydown = show;'],
    ['a toFixed of an unknown object', 'function show(o) { el.innerHTML = o.toFixed(1); } onkeydown = show;'],
    ['a property', 'var g = { score: 0 }; el.innerHTML = g.score;'],
  ])('%s keeps the review', (_, js) => {
    expect(severityOf(page(`${el} ${js}`), 'dom.inner-html')).toEqual(['review']);
  });

  it('constant markup with a handler around a number still blocks', () => {
    const js = `${el} var n = 1; el.innerHTML = '<img src=x on' + 'error=f(' + n + ')>';`;
    expect(severityOf(page(js), 'dom.script-injection')).toEqual(['block']);
  });
});

describe('byte-order marks', () => {
  it('a BOM where files were joined is a note, outside strings', () => {
    const html = page('var a = 1;\n\uFEFF/* next file */\nvar b = a;\n\uFEFFvar c = b;');
    expect(severityOf(html, 'obfuscation.byte-order-mark')).toEqual(['info']);
    expect(severityOf(html, 'obfuscation.invisible-char')).toEqual([]);
  });

  it('a BOM inside a string and a zero-width inside a name keep their findings', () => {
    expect(severityOf(page("var k = 'key\uFEFFdown';"), 'obfuscation.invisible-char')).toEqual(['review']);
    expect(severityOf(page('var ru\u200Cn = 1; \uFEFF'), 'obfuscation.invisible-char')).toEqual(['block']);
  });
});

describe('javascript: links', () => {
  const game = 'function play() { document.title = "go"; } function label() { return "<b>x</b>"; }';
  it.each([
    ['a call of a game function', '<a href="javascript:play();">Play</a>'],
    ['void of a call', '<a href="javascript:void play()">Play</a>'],
    ['calls then void 0', '<area href="javascript:play(); play(); void 0">'],
  ])('%s is a note', (_, link) => {
    expect(severityOf(page(game, link), 'dynamic-code.javascript-url')).toEqual(['info']);
  });

  it.each([
    ['a string value', `<a href="javascript:'<b>x</b>'">Play</a>`],
    ['a call of a function returning markup', '<a href="javascript:label()">Play</a>'],
    ['a call of an unknown function', '<a href="javascript:other()">Play</a>'],
    ['an image source', '<img src="javascript:play()">'],
    ['an iframe source', '<iframe src="javascript:play()"></iframe>'],
  ])('%s keeps the review', (_, link) => {
    expect(severityOf(page(game, link), 'dynamic-code.javascript-url')).toContain('review');
  });
});

describe('a Function constructor as a fallback for browsers without JSON', () => {
  const rule = 'dynamic-code.function-constructor';
  const inWindow = (body: string): string => page(`(function (a) { ${body} })(window);`);
  it.each([
    ['jQuery 1.4 shape', 'var p = function (d) { return a.JSON && a.JSON.parse ? a.JSON.parse(d) : ' +
      '(new Function("return " + d))(); };'],
    ['jQuery 1.12 shape', 'var p = function (b) { if (a.JSON && a.JSON.parse) return a.JSON.parse(b + ""); ' +
      'var e = b; return Function("return " + e)(); };'],
  ])('%s is a note', (_, body) => {
    expect(severityOf(inWindow(body), rule)).toEqual(['info']);
  });

  it.each([
    ['the call in the branch that runs', 'var p = a.JSON && a.JSON.parse ? Function("return 1")() : 0;'],
    ['a test of a local object', 'var o = { JSON: 1 }; var p = o.JSON ? 0 : Function("return 1")();'],
    ['a test of an unknown name', 'var p = a.Foo && a.Foo.parse ? 0 : Function("return 1")();'],
    ['the global overwritten first', 'a.JSON = undefined; var p = a.JSON && a.JSON.parse ? 0 : Function("x")();'],
    ['the global deleted first', 'delete a.JSON; var p = a.JSON ? 0 : Function("x")();'],
    ['a computed write on the global', 'a[k] = 0; var p = a.JSON ? 0 : Function("x")();'],
    ['a hoisted helper the live branch calls', 'function p() { if (a.JSON) return h(); ' +
      'function h() { return Function("x")(); } }'],
  ])('%s still blocks', (_, body) => {
    expect(severityOf(inWindow(body), rule)).toContain('block');
  });
});

describe('markup probes', () => {
  const rule = 'dom.script-injection';
  const probe = (html: string): string => page(`var d = document.createElement('div'); d.innerHTML = ${html};`);
  it('a bare <link/> probe (jQuery 1.x) is constant markup, not injection', () => {
    const js = `"  <link/><table></table><a href='/a'>a</a><input type='checkbox'/>"`;
    expect(severityOf(probe(js), rule)).toEqual([]);
    expect(severityOf(probe(js), 'dom.inner-html')).toEqual(['info']);
  });

  it.each([
    ['a link that loads', `"<link rel=stylesheet href='//evil.example/x.css'>"`],
    ['a meta refresh', `'<meta http-equiv="refresh" content="0;url=//evil.example">'`],
    ['a base', `"<base href='//evil.example/'>"`],
    ["a script", `"<script>1<\\/script>"`],
    ['an iframe without src', `"<iframe></iframe>"`],
    ['a handler on a probe', `"<link/><img src=x onerror=f()>"`],
    ['an attribute after a slash', `"<link/href=//evil.example/x.css>"`],
  ])('%s still blocks', (_, html) => {
    expect(severityOf(probe(html), rule)).toEqual(['block']);
  });
});

describe('a JSONP-style computed global write next to the fallback', () => {
  const rule = 'dynamic-code.function-constructor';
  const withWrite = (key: string): string => page(`(function (a) { var n = 1; a[${key}] = function () {}; ` +
    'var p = a.JSON && a.JSON.parse ? 0 : (new Function("return 1"))(); })(window);');
  it('a key with another prefix leaves the fallback dead', () => {
    expect(severityOf(withWrite('"jsonp" + n'), rule)).toEqual(['info']);
  });
  it('a key that may name the API makes it live', () => {
    expect(severityOf(withWrite('"JS" + "ON"'), rule)).toContain('block');
    expect(severityOf(withWrite('"JS" + Math.random()'), rule)).toContain('block');
  });
});
