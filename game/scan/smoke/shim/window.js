// Smoke-run shim, part 5: install() builds the document from the host's element list and
// puts the browser globals on the isolate's global object, then exposes the control API
// (handler/loaded/run) under a per-run random, non-enumerable name.

class FontFace { constructor(family) { this.family = family; this.status = 'loaded'; } load() { return Promise.resolve(this); } }
class Observer { constructor(cb) { this.cb = cb; } observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } }
class URLSearchParams {
  constructor(q) { this._p = String(q || '').replace(/^\?/, '').split('&').filter(Boolean).map((kv) => kv.split('=').map((x) => { try { return decodeURIComponent(x.replace(/\+/g, ' ')); } catch (_) { return x; } })); }
  get(k) { const e = this._p.find((p) => p[0] === String(k)); return e ? e[1] || '' : null; }
  getAll(k) { return this._p.filter((p) => p[0] === String(k)).map((p) => p[1] || ''); }
  has(k) { return this._p.some((p) => p[0] === String(k)); }
  set(k, v) { this.delete(k); this._p.push([String(k), String(v)]); }
  append(k, v) { this._p.push([String(k), String(v)]); }
  delete(k) { this._p = this._p.filter((p) => p[0] !== String(k)); }
  toString() { return this._p.map((p) => p.map(encodeURIComponent).join('=')).join('&'); }
}
class DOMException extends Error { constructor(message, name) { super(message); this.name = name || 'Error'; } }
class SpeechSynthesisUtterance { constructor(text) { this.text = text; this.rate = 1; this.pitch = 1; this.volume = 1; } }

/** Date on the run's virtual clock, so `Date.now() - start` sees the same time as timers,
 *  requestAnimationFrame and performance.now (a real date, moved on by game time). */
function virtualDate(epoch) {
  const RealDate = Date;
  function VirtualDate(...args) {
    if (!new.target) return new RealDate(epoch + S.now).toString();
    return args.length ? new RealDate(...args) : new RealDate(epoch + S.now);
  }
  VirtualDate.prototype = RealDate.prototype;
  VirtualDate.now = () => Math.floor(epoch + S.now);
  VirtualDate.parse = RealDate.parse;
  VirtualDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true, enumerable: false });
  return VirtualDate;
}

function define(name, value) { Object.defineProperty(G, name, { value, writable: true, configurable: true, enumerable: false }); }
const BODY_FORWARDED = new Set(['onload', 'onresize', 'onblur', 'onfocus', 'onerror', 'onscroll', 'onbeforeunload', 'onunload', 'onpagehide', 'onpageshow', 'onhashchange', 'onpopstate', 'onmessage', 'ononline', 'onoffline']);

function buildDocument(elements) {
  const doc = new Document();
  S.document = doc;
  const made = [];
  for (const e of elements) {
    const el = makeElement(e.tag);
    for (const [k, v] of e.attrs) el._attrs.set(k, v);
    if (typeof e.text === 'string' && e.text) el.appendChild(new Text(e.text));
    const parent = e.parent >= 0 ? made[e.parent] : doc;
    (parent || doc).appendChild(el);
    made.push(el);
  }
  S.byIndex = made;
  doc.activeElement = doc.body;
  return doc;
}

function install(setup) {
  const doc = buildDocument(setup.elements);
  const epoch = Date.now();
  S.player = makePlayer(setup.controls || null);
  const location = {
    href: 'http://127.0.0.1/play/game', protocol: 'http:', host: '127.0.0.1', hostname: '127.0.0.1', port: '', pathname: '/play/game', search: '', hash: '', origin: 'null',
    assign() {}, replace() {}, reload() {}, toString() { return this.href; },
  };
  const navigator = {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', appVersion: '5.0', platform: 'Linux x86_64',
    vendor: 'Google Inc.', language: 'en-US', languages: ['en-US', 'en'], maxTouchPoints: 0, hardwareConcurrency: 4, deviceMemory: 8, onLine: true,
    cookieEnabled: false, webdriver: false, userActivation: { isActive: true, hasBeenActive: true }, getGamepads: () => [null, null, null, null], vibrate: () => false,
  };
  const consoleObject = {};
  for (const m of ['log', 'info', 'debug', 'warn', 'trace', 'table', 'group', 'groupCollapsed', 'groupEnd', 'time', 'timeEnd', 'timeLog', 'count', 'countReset', 'dir', 'dirxml', 'clear']) consoleObject[m] = () => {};
  consoleObject.error = (...args) => { if (S.consoleErrors.length < 10) S.consoleErrors.push(args.map((a) => { try { return String(a); } catch (_) { return '?'; } }).join(' ').slice(0, 300)); };
  consoleObject.assert = (ok, ...args) => { if (!ok) consoleObject.error('Assertion failed:', ...args); };

  const globals = {
    window: G, self: G, top: G, parent: G, frames: G, document: doc, location, navigator, console: consoleObject,
    history: { length: 1, state: null, scrollRestoration: 'auto', pushState() {}, replaceState() {}, back() {}, forward() {}, go() {} },
    screen: { width: 1280, height: 800, availWidth: 1280, availHeight: 800, colorDepth: 24, pixelDepth: 24, orientation: { type: 'landscape-primary', angle: 0, lock: () => Promise.resolve(), unlock() {}, addEventListener() {}, removeEventListener() {} } },
    performance: { now: () => S.now, timeOrigin: epoch, mark() {}, measure() {}, clearMarks() {}, clearMeasures() {}, getEntriesByName: () => [], getEntriesByType: () => [] },
    innerWidth: 1024, innerHeight: 768, outerWidth: 1024, outerHeight: 768, devicePixelRatio: 1, screenX: 0, screenY: 0, screenLeft: 0, screenTop: 0,
    scrollX: 0, scrollY: 0, pageXOffset: 0, pageYOffset: 0, name: '', closed: false, length: 0, frameElement: null, opener: null, origin: 'null',
    isSecureContext: true, crossOriginIsolated: false, visualViewport: { width: 1024, height: 768, scale: 1, offsetLeft: 0, offsetTop: 0, addEventListener() {}, removeEventListener() {} },
    requestAnimationFrame, cancelAnimationFrame: (id) => { S.raf.delete(id); },
    setTimeout: (fn, ms, ...args) => setTimer(fn, ms, args, false), setInterval: (fn, ms, ...args) => setTimer(fn, ms, args, true),
    clearTimeout: (id) => { S.timers.delete(id); }, clearInterval: (id) => { S.timers.delete(id); },
    requestIdleCallback: (fn) => setTimer(() => fn({ didTimeout: false, timeRemaining: () => 10 }), 1, [], false), cancelIdleCallback: (id) => { S.timers.delete(id); },
    queueMicrotask: (fn) => { Promise.resolve().then(() => { try { fn(); } catch (e) { reportError(e, 'microtask'); } }); },
    matchMedia: (q) => ({ matches: false, media: String(q), onchange: null, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} }),
    getComputedStyle: (el) => { const s = new CSSStyleDeclaration(); Object.assign(s, el && el.style); if (el && el.size) { const [w, h] = el.size(); s.width = `${w}px`; s.height = `${h}px`; } return s; },
    addEventListener: (t, f, o) => addListener(G, t, f, o), removeEventListener: (t, f, o) => removeListener(G, t, f, o), dispatchEvent: (ev) => dispatch(G, ev),
    scrollTo() {}, scrollBy() {}, scroll() {}, focus() {}, blur() {}, postMessage() {}, close() {}, stop() {}, moveTo() {}, resizeTo() {},
    alert() {}, confirm: () => false, prompt: () => null, print() {}, open: () => null, getSelection: () => doc.getSelection(),
    atob: (s) => base64(s, true), btoa: (s) => base64(s, false), structuredClone: (v) => (v === undefined ? v : JSON.parse(stringify(v))),
    fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    crypto: { getRandomValues(a) { for (let i = 0; i < a.length; i++) a[i] = Math.floor(Math.random() * 256); return a; }, randomUUID: () => '00000000-0000-4000-8000-' + String(Math.floor(Math.random() * 1e12)).padStart(12, '0') },
    speechSynthesis: { speak() {}, cancel() {}, pause() {}, resume() {}, getVoices: () => [], speaking: false, pending: false, addEventListener() {} },
    createImageBitmap: (src) => Promise.resolve({ width: (src && src.width) || 1, height: (src && src.height) || 1, close() {} }),
    EventTarget, Event, UIEvent, FocusEvent, CustomEvent, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent, TouchEvent,
    Node, Text, Element, HTMLElement, Document, DocumentFragment, HTMLCanvasElement, HTMLImageElement, HTMLMediaElement,
    HTMLAudioElement: HTMLMediaElement, HTMLVideoElement: HTMLMediaElement, HTMLDivElement: HTMLElement, HTMLSpanElement: HTMLElement,
    HTMLButtonElement: HTMLElement, HTMLInputElement: HTMLElement, HTMLBodyElement: HTMLElement, CSSStyleDeclaration, DOMTokenList,
    DOMRect, DOMMatrix, ImageData, Path2D, CanvasGradient, CanvasPattern, CanvasRenderingContext2D, OffscreenCanvas, Image, Audio,
    AudioContext, webkitAudioContext: AudioContext, OfflineAudioContext: AudioContext, FontFace, ResizeObserver: Observer,
    IntersectionObserver: Observer, MutationObserver: Observer, PerformanceObserver: Observer, URLSearchParams, DOMException, SpeechSynthesisUtterance,
  };
  for (const [name, value] of Object.entries(globals)) define(name, value);
  define('Date', virtualDate(epoch));
  define('localStorage', storageArea());
  define('sessionStorage', storageArea());
  define('Storage', Storage);
  guardCodeFromStrings();
  guardGlobals(navigator);
  guardNavigation(location, doc);

  const api = {
    handler(index, name, fn) {
      const el = S.byIndex[index];
      if (!el) return;
      if (el === doc.body && BODY_FORWARDED.has(name)) G[name] = fn; else el[name] = fn;
    },
    mark(i) { S.marked = i; },
    loaded,
    run,
    progress,
    report,
  };
  Object.defineProperty(G, setup.api, { value: Object.freeze(api), enumerable: false, configurable: false, writable: false });
}
