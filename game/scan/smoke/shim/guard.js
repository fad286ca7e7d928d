// Smoke-run shim, part 4c: what a game must never do, seen when it does it. The static scan
// reads the code; this records the call itself, with the game time and the line it came from,
// so abuse held back for a minute, hidden behind a key press or built at run time is still
// caught. Code from strings, the network, cookies and other blocked storage, navigation and
// document.write are recorded; the call then fails the way the sandboxed, CSP-bound play
// frame makes it fail (or does nothing), so the run goes on and later calls are seen too.

const MAX_FORBIDDEN = 12;

function forbidden(api) {
  if (S.forbidden.some((x) => x.api === api)) return;
  if (S.forbidden.length >= MAX_FORBIDDEN) return;
  const at = /game\.html:(\d+):(\d+)/.exec(String(new Error().stack || ''));
  S.forbidden.push({ api, ms: Math.round(S.now), frame: S.frame, line: at ? Number(at[1]) : 0, column: at ? Number(at[2]) : 0 });
}

function cspError(what) {
  const e = new DOMException(`Failed to construct '${what}': Refused by the page's Content Security Policy.`, 'SecurityError');
  return e;
}

/** An object that accepts handlers and calls, and never connects. */
class Inert extends EventTarget {
  constructor() { super(); this.readyState = 3; this.bufferedAmount = 0; this.onopen = null; this.onmessage = null; this.onerror = null; this.onclose = null; }
  send() {} close() {} postMessage() {} terminate() {} abort() {} open() {} setRequestHeader() {} getResponseHeader() { return null; }
  getAllResponseHeaders() { return ''; } overrideMimeType() {}
}

function inertClass(name) {
  const C = class extends Inert { constructor(url) { super(); forbidden(`new ${name}(${typeof url === 'string' ? JSON.stringify(url.slice(0, 60)) : ''})`); } };
  Object.defineProperty(C, 'name', { value: name });
  return C;
}
class XMLHttpRequest extends Inert {
  constructor() { super(); this.readyState = 0; this.status = 0; this.responseText = ''; this.response = null; }
  open(_m, url) { forbidden(`XMLHttpRequest.open(${JSON.stringify(String(url).slice(0, 60))})`); }
  send() { forbidden('XMLHttpRequest.send'); G.setTimeout(() => { if (typeof this.onerror === 'function') this.onerror(new Event('error')); }, 0); }
}
function blockedConstructor(name) {
  const C = function () { forbidden(`new ${name}`); throw cspError(name); };
  Object.defineProperty(C, 'name', { value: name });
  return C;
}

/** eval and every Function constructor (also reached as `fn.constructor`) record strings
 *  turned into code, then run them as browsers would. */
function guardCodeFromStrings() {
  const realEval = G.eval;
  define('eval', { eval(x) { if (typeof x === 'string') forbidden('eval'); return realEval(x); } }.eval);
  const kinds = [
    ['Function', function () {}], ['AsyncFunction', async function () {}],
    ['GeneratorFunction', function* () {}], ['AsyncGeneratorFunction', async function* () {}],
  ];
  for (const [name, sample] of kinds) {
    const Real = Object.getPrototypeOf(sample).constructor;
    const Guarded = function (...args) { forbidden(`${name} constructor`); return Real(...args); };
    Guarded.prototype = Real.prototype;
    Object.defineProperty(Guarded, 'name', { value: name });
    Object.defineProperty(Real.prototype, 'constructor', { value: Guarded, writable: true, configurable: true, enumerable: false });
    if (name === 'Function') define('Function', Guarded);
  }
}

/** The network, workers and blocked storage, on the global object. */
function guardGlobals(navigator) {
  define('fetch', (input) => { forbidden(`fetch(${JSON.stringify(String(input && input.url ? input.url : input).slice(0, 60))})`); return Promise.reject(new TypeError('Failed to fetch')); });
  define('XMLHttpRequest', XMLHttpRequest);
  for (const name of ['WebSocket', 'EventSource', 'RTCPeerConnection', 'webkitRTCPeerConnection', 'BroadcastChannel']) define(name, inertClass(name));
  for (const name of ['Worker', 'SharedWorker']) define(name, blockedConstructor(name));
  navigator.sendBeacon = (url) => { forbidden(`navigator.sendBeacon(${JSON.stringify(String(url).slice(0, 60))})`); return false; };
  navigator.serviceWorker = { register() { forbidden('navigator.serviceWorker.register'); return Promise.reject(cspError('ServiceWorker')); }, getRegistrations: () => Promise.resolve([]), ready: new Promise(() => {}), controller: null, addEventListener() {}, removeEventListener() {} };
  for (const name of ['indexedDB', 'caches', 'cookieStore']) {
    Object.defineProperty(G, name, { get() { forbidden(name); throw sandboxError(name); }, configurable: true, enumerable: false });
  }
}

/** Navigation away from the game and document.write. */
function guardNavigation(location, doc) {
  const go = (how) => (url) => { forbidden(`location.${how}(${JSON.stringify(String(url).slice(0, 60))})`); };
  location.assign = go('assign');
  location.replace = go('replace');
  const href = location.href;
  // Setting the page's own address (or a #fragment) only reloads or scrolls it.
  const leaves = (v) => String(v) !== href && !String(v).startsWith('#');
  Object.defineProperty(location, 'href', { get: () => href, set(v) { if (leaves(v)) forbidden(`location.href = ${JSON.stringify(String(v).slice(0, 60))}`); }, enumerable: true });
  for (const part of ['hash', 'search', 'pathname', 'host', 'hostname', 'protocol', 'port']) {
    let value = location[part];
    Object.defineProperty(location, part, { get: () => value, set(v) { if (part === 'hash') { value = String(v); return; } forbidden(`location.${part} = …`); }, enumerable: true });
  }
  define('open', (url) => { forbidden(`window.open(${JSON.stringify(String(url === undefined ? '' : url).slice(0, 60))})`); return null; });
  doc.write = () => { forbidden('document.write'); };
  doc.writeln = () => { forbidden('document.writeln'); };
  Object.defineProperty(doc, 'cookie', { get() { forbidden('document.cookie'); throw sandboxError('cookie'); }, set() { forbidden('document.cookie'); throw sandboxError('cookie'); }, configurable: true });
}
