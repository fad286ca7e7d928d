// The scanner assumes the worst: the global object is followed through properties,
// parameters, callbacks' `this`, constructors and implicit globals; distinctive API names
// fire on any object that may be the global; strings reach timers by any route; traps and
// unreadable code are reported. Presence tests and ordinary game code stay quiet.
import { describe, expect, it } from '@jest/globals';
import { staticScan } from '../../../game/scan/index.ts';
import { scanObfuscatedText } from '../../../game/scan/rules/obfuscation-text.ts';
import { withBudget } from '../../../game/scan/budget.ts';

const page = (js: string, module = false): string => `<!DOCTYPE html>\n<html><head></head><body><canvas></canvas>\n` +
  `<script${module ? ' type="module"' : ''}>\n${js}\n</script></body></html>`;
const findings = (js: string, module = false): string[] => [...new Set(staticScan(page(js, module)).findings
  .filter((f) => f.severity !== 'info').map((f) => `${f.rule}:${f.severity}`))].sort();
const rules = (js: string): string[] => [...new Set(findings(js).map((f) => f.split(':')[0]!))];

describe('the global object through any path', () => {
  const cases: [string, string][] = [
    ['const o = { w: window }; o.w.eval(s)', 'dynamic-code.eval'],
    ['function G() { this.g = self; } new G().g.fetch(u)', 'network.fetch'],
    ['let h = {}; h.w = window; h.w.eval(s)', 'dynamic-code.eval'],
    ['class A { constructor() { this.w = window } go() { this.w.eval(s) } }', 'dynamic-code.eval'],
    ['const { w } = { w: window }; w.eval(s)', 'dynamic-code.eval'],
    ['const [g] = [globalThis]; g.fetch(u)', 'network.fetch'],
    ['const m = new Map(); m.set("w", window); m.get("w").eval(s)', 'dynamic-code.eval'],
    ['const util = { run(w) { w.fetch(u) } }; util.run(window)', 'network.fetch'],
    ['[1].forEach(function () { this.eval(s) })', 'dynamic-code.eval'],
    ['setTimeout(function () { this.fetch(u) }, 10)', 'network.fetch'],
    ['(function () { this.eval(s) }).call(null)', 'dynamic-code.eval'],
    ['(function () { this.eval(s) }).apply(undefined)', 'dynamic-code.eval'],
    ['addEventListener("click", function (e) { e.view.eval(s) })', 'dynamic-code.eval'],
    ['canvas.ownerDocument.defaultView.eval(s)', 'dynamic-code.eval'],
    ['addEventListener("click", function (evt) { evt.view.open("https://x.example/") })', 'navigation.popup'],
    ['const o = {}; Reflect.set(o, "w", window); o.w.eval(s)', 'dynamic-code.eval'],
    ['const o = { w: self }; o.w.location = "https://x.example/"', 'navigation.location'],
    ['Math.max.constructor("return this")().eval(s)', 'dynamic-code.eval'],
    ['[].at.constructor("return this")().fetch(u)', 'network.fetch'],
    ['[].at.constructor("return this")', 'dynamic-code.function-constructor'],
    ['(class {}).constructor("return this")().fetch(u)', 'network.fetch'],
    ['(0, eval)("this").fetch(u)', 'network.fetch'],
    ['const g = Function("return this")(); g.fetch(u)', 'network.fetch'],
    ['window[0].eval(s)', 'dynamic-code.eval'],
    ['w = window; w.eval(s)', 'dynamic-code.eval'],
    ['function a() { w = self } function b() { w.fetch(u) }', 'network.fetch'],
    ['eval = eval; eval(s)', 'dynamic-code.eval'],
    ['Object.values(window).find((f) => f.name === "eval")(s)', 'obfuscation.computed-global'],
    ['for (const k in self) if (k === "eval") self[k](s)', 'obfuscation.computed-global'],
  ];
  it.each(cases)('%s → %s', (js, rule) => {
    expect(rules(js)).toContain(rule);
  });
});

describe('distinctive names fire on any base that may be the global', () => {
  const cases: [string, string][] = [
    ['function f(o) { return new o.RTCPeerConnection({}) }', 'network.webrtc'],
    ['cfg.env.WebSocket', 'network.websocket'],
    ['pc.createDataChannel("x")', 'network.webrtc'],
    ['function s(g) { return new g.Worker("/w.js") }', 'exec.worker'],
    ['api.nav.serviceWorker.register("/sw.js")', 'exec.service-worker'],
    ['el.setHTMLUnsafe(s)', 'dom.html-unsafe'],
    ['Document.prototype.write.call(document, s)', 'dom.document-write'],
    ['Reflect.apply(HTMLDocument.prototype.writeln, document, [s])', 'dom.document-write'],
    ['Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML").set.call(el, s)', 'dom.descriptor-setter'],
    ['el.__lookupSetter__("innerHTML").call(el, s)', 'dom.descriptor-setter'],
    ['Object.assign(img, { src: "https://x.example/p?" + d })', 'network.resource-url'],
    ['Object.assign(el, { innerHTML: "<img src=x onerror=alert(1)>" })', 'dom.script-injection'],
    ['Object.defineProperty(el, "onclick", { value: "alert(1)" })', 'dynamic-code.handler-string'],
    ['Reflect.set(document, "domain", "example.com")', 'navigation.document-domain'],
    ['Reflect.set(document, "cookie", "a=b")', 'storage.cookie'],
    ['el.setAttributeNS(null, "onerror", "alert(1)")', 'dynamic-code.handler-string'],
    ['const a = document.createAttribute("onclick"); el.setAttributeNode(a)', 'dynamic-code.handler-string'],
    ['x.y.execCommand("copy")', 'dom.exec-command'],
  ];
  it.each(cases)('%s → %s', (js, rule) => {
    expect(rules(js)).toContain(rule);
  });

  it('reports import.meta in a module', () => {
    expect(findings('console.log(import.meta.url)', true)).toContain('exec.import-meta:review');
  });
});

describe('strings handed to timers from any computed source', () => {
  it.each([
    'setTimeout`alert(1)`', 'setTimeout(["a", "lert(1)"].map((x) => x).join(""))', 'setTimeout(String.raw`alert(1)`)',
    'setTimeout(`${a}`)', 'setTimeout(a + b)', 'setTimeout(code.toString())', 'setTimeout(["alert(1)"])',
    'window.setInterval(parts.join(""), 10)', 'const o = { w: window }; o.w.setTimeout("alert(1)")',
    'setTimeout(ok ? "alert(1)" : f)',
  ])('%s blocks', (js) => {
    expect(findings(js)).toContain('dynamic-code.string-timer:block');
  });

  it('reviews arguments that are not functions', () => {
    expect(findings('setTimeout(42)')).toEqual(['dynamic-code.string-timer:review']);
    expect(findings('setInterval({ a: 1 }, 5)')).toEqual(['dynamic-code.string-timer:review']);
  });

  it.each([
    'function G() {} G.prototype.s = function () { setInterval(this.loop.bind(this), 16) }',
    'function later(fn) { setTimeout(fn, 0) }', 'setTimeout(() => go(), 5)', 'setTimeout(game.tick, 5)',
    'setTimeout(make(3), 5)', 'setTimeout(function () {}, 5)', 'const h = () => 1; setTimeout(h)',
  ])('%s is a function', (js) => {
    expect(findings(js)).toEqual([]);
  });
});

describe('traps', () => {
  it.each([
    ['addEventListener("beforeunload", (e) => { e.returnValue = "" })', 'navigation.unload-trap:block'],
    ['window.onbeforeunload = () => "stay"', 'navigation.unload-trap:block'],
    ['onunload = () => 0', 'navigation.unload-trap:block'],
    ['document.body.onbeforeunload = () => "stay"', 'navigation.unload-trap:block'],
    ['setInterval(() => { debugger }, 100)', 'obfuscation.debugger:block'],
    ['while (x) { debugger }', 'obfuscation.debugger:block'],
    ['function f() { debugger }', 'obfuscation.debugger:review'],
    ['window.onblur = function () { window.focus() }', 'navigation.focus-trap:review'],
  ])('%s → %s', (js, finding) => {
    expect(findings(js)).toContain(finding);
  });
});

describe('obfuscation recognised from the text', () => {
  const part = '([][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]+(![]+[])[+!+[]]+(!![]+[])[+[]]])';
  const jsfuck = [part, part, part].join('+');
  it('flags JSFuck, jjencode-style and obfuscator.io-style names', () => {
    expect(rules(`const g = ${jsfuck};`)).toContain('obfuscation.jsfuck');
    const jj = Array.from({ length: 30 }, (_, i) => `$.${'$_'.repeat(2 + (i % 3))}_=++$;`).join('');
    expect(rules(`var $ = {}; ${jj}`)).toContain('obfuscation.symbol-names');
    expect(rules('var ﾟωﾟﾉ = 1; ' + 'ﾟωﾟﾉ += ﾟωﾟﾉ; '.repeat(10))).toContain('obfuscation.symbol-names');
    const hex = Array.from({ length: 25 }, (_, i) => `var _0x${(0x1a2b + i).toString(16)} = ${i};`).join('\n');
    expect(rules(hex)).toContain('obfuscation.hex-names');
  });

  it('leaves minified code alone', () => {
    const min = '!function(){var t=!0,n=void 0,e=[],o={a:1};function r(t){return!t&&n}for(var i=0;i<9;i++)' +
      'e.push(r(t)),t=!t,o.a+=e[i]?1:0;$.x=_.y=o}();';
    expect(findings(min.repeat(40))).toEqual([]);
  });

  it('reads a large input in linear time', () => {
    const text = '[]()!+ ab $_$ _0x1234 '.repeat(20_000);
    const start = performance.now();
    const { exhausted } = withBudget({ ms: 5_000, units: 100_000_000 }, () => scanObfuscatedText(text));
    expect(exhausted).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('presence tests are not use', () => {
  it.each([
    'var f = { worker: !!window.Worker, geo: "geolocation" in navigator, ws: typeof WebSocket !== "undefined" }',
    'if (Function.bind && Function.prototype.bind) { x = 1 }', 'var b = Function.prototype.bind ? 1 : 2',
    'var w = typeof importScripts === "function"', 'if (window.fetch) { console.log(1) }',
    'var ok = navigator.geolocation !== undefined',
    'var r = !!(window.RTCPeerConnection || window.webkitRTCPeerConnection)',
    'if (!window.indexedDB) { x = 1 }',
  ])('%s', (js) => {
    expect(findings(js)).toEqual([]);
  });

  it.each([
    ['window.fetch && window.fetch(u)', 'network.fetch'],
    ['(window.fetch || f)(u)', 'network.fetch'],
    ['const W = window.Worker || null; new W("/w.js")', 'exec.worker'],
    ['if (window.WebSocket) new WebSocket(u)', 'network.websocket'],
    ['typeof eval === "function" && eval(s)', 'dynamic-code.eval'],
    ['Function.bind(null, "return this")()', 'dynamic-code.function-constructor'],
  ])('use after a test still fires: %s', (js, rule) => {
    expect(rules(js)).toContain(rule);
  });
});

describe('ordinary game code stays quiet', () => {
  it.each([
    'class Doc { write(s) { this.b += s } open() { this.b = "" } } const d = new Doc(); d.open(); d.write("hi")',
    'class Loader { fetch(k) { return this.c[k] } } new Loader().fetch("a")',
    'canvas.addEventListener("mousedown", function (e) { var r = e.view.devicePixelRatio; this.style.left = r })',
    'var Game = { on: function (el, t, fn) { el.addEventListener(t, fn) } }; Game.on(document, "keydown", go)',
    '[1, 2].forEach(function (v) { this.total += v }, game)',
    'var o = { top: 1, parent: null }; var t = o.parent; var q = node.parent.top',
    'function S() {} S.prototype.clone = function () { return new this.constructor("x") }',
    'player.view.x = 3; camera.view.width = 10', 'function draw(cam) { return cam.view.top }',
    'var player = {}; player.location = "town"',
    '(function (root) { root.Game = {}; root.Game.run = function () {} })(this)',
  ])('%s', (js) => {
    expect(findings(js)).toEqual([]);
  });
});
