// Storage for sandboxed games. A game document has an opaque origin, so the browser's own
// localStorage and sessionStorage throw; games that keep a high score would break. Instead a
// small shim, injected before the game's first script, gives the game a Storage backed by
// the wrapper page: the wrapper hands the saved items in through the frame's name (readable
// synchronously, before any game code runs) and keeps every change the game posts back, under
// one key per game in its own origin's storage. Each area is capped; cookies, IndexedDB and
// the rest stay blocked by the sandbox.
/** Characters (keys + values) one game may keep per area, like a small browser quota. */
export const GAME_STORAGE_CAP = 64 * 1024;
/** Marks the frame name and the messages of the storage bridge. */
const MARK = 'playforgeStorage';

// Runs inside the game document, first. ES5 on purpose: it must run wherever the game runs.
export const GAME_STORAGE_SHIM = `(function () {
'use strict';
var CAP = ${GAME_STORAGE_CAP}, MARK = '${MARK}', seed = {};
try {
  var named = JSON.parse(window.name || 'null');
  if (named && typeof named === 'object' && named[MARK]) seed = named[MARK];
} catch (e) { /* a name that is not ours */ }
try { window.name = ''; } catch (e) { /* ignore */ }
function post(area, op, key, value) {
  var m = { area: area, op: op, key: key, value: value };
  m[MARK] = 1;
  try { parent.postMessage(m, '*'); } catch (e) { /* no parent: nothing keeps the items */ }
}
function quota() {
  var e;
  try { e = new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }
  catch (x) { e = new Error('quota'); }
  return e;
}
function area(name) {
  var items = Object.create(null), size = 0, keys = [];
  var saved = seed && typeof seed[name] === 'object' && seed[name] ? seed[name] : {};
  for (var k in saved) {
    var v = saved[k];
    if (!Object.prototype.hasOwnProperty.call(saved, k) || typeof v !== 'string' || size + k.length + v.length > CAP) {
      continue;
    }
    items[k] = v; keys.push(k); size += k.length + v.length;
  }
  var api = {
    getItem: function (key) { key = String(key); return key in items ? items[key] : null; },
    setItem: function (key, value) {
      key = String(key); value = String(value);
      var next = size - (key in items ? key.length + items[key].length : 0) + key.length + value.length;
      if (next > CAP) throw quota();
      if (!(key in items)) keys.push(key);
      items[key] = value; size = next; post(name, 'set', key, value);
    },
    removeItem: function (key) {
      key = String(key);
      if (!(key in items)) return;
      size -= key.length + items[key].length; delete items[key]; keys.splice(keys.indexOf(key), 1);
      post(name, 'remove', key);
    },
    clear: function () { items = Object.create(null); keys = []; size = 0; post(name, 'clear'); },
    key: function (i) { i = Number(i) >>> 0; return i < keys.length ? keys[i] : null; }
  };
  Object.defineProperty(api, 'length', { get: function () { return keys.length; }, configurable: true });
  // Games also use storage as an object: localStorage.best = 10, localStorage['best'].
  return new Proxy(api, {
    get: function (t, p) { return typeof p !== 'string' || p in t ? t[p] : p in items ? items[p] : undefined; },
    set: function (t, p, v) { if (typeof p === 'string' && !(p in t)) t.setItem(p, v); return true; },
    deleteProperty: function (t, p) { if (typeof p === 'string' && !(p in t)) t.removeItem(p); return true; },
    has: function (t, p) { return p in t || (typeof p === 'string' && p in items); },
    ownKeys: function () { return keys.slice(); },
    getOwnPropertyDescriptor: function (t, p) {
      return typeof p === 'string' && p in items
        ? { value: items[p], writable: true, enumerable: true, configurable: true } : undefined;
    }
  });
}
var local = area('local'), session = area('session');
Object.defineProperty(window, 'localStorage', { get: function () { return local; }, configurable: true });
Object.defineProperty(window, 'sessionStorage', { get: function () { return session; }, configurable: true });
})();`;

// Runs in the wrapper page: puts the game's frame in, its name seeded, then keeps what the game
// posts. Only messages from this frame count; writes are applied in memory at once and saved
// a moment later, so a game writing every frame cannot keep the page busy serialising.
export const WRAPPER_STORAGE_BRIDGE = `(function () {
var placeholder = document.querySelector('iframe'), CAP = ${GAME_STORAGE_CAP}, MARK = '${MARK}';
// A frame's name is fixed when its document is created, so the real frame is a copy of the
// placeholder that gets its name before it enters the page.
var frame = placeholder.cloneNode(false);
var key = 'playforge:game-storage:' + placeholder.getAttribute('data-storage-key');
function store(name) {
  try { return name === 'local' ? window.localStorage : window.sessionStorage; } catch (e) { return null; }
}
function load(name) {
  var s = store(name), v = null;
  try { v = s && JSON.parse(s.getItem(key) || 'null'); } catch (e) { v = null; }
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}
function sizeOf(items) { var n = 0; for (var k in items) n += k.length + items[k].length; return n; }
var areas = { local: load('local'), session: load('session') }, dirty = {}, timer = 0;
function save() {
  timer = 0;
  for (var name in dirty) {
    var s = store(name);
    try { if (s) s.setItem(key, JSON.stringify(areas[name])); } catch (e) { /* full or disabled: kept in memory */ }
  }
  dirty = {};
}
var seed = {}; seed[MARK] = areas;
frame.name = JSON.stringify(seed);
frame.src = frame.getAttribute('data-src');
placeholder.replaceWith(frame);
window.addEventListener('message', function (e) {
  var m = e.data;
  if (e.source !== frame.contentWindow || !m || typeof m !== 'object' || m[MARK] !== 1) return;
  var items = areas[m.area];
  if (!items || !Object.prototype.hasOwnProperty.call(areas, m.area)) return;
  if (m.op === 'clear') areas[m.area] = {};
  else if (m.op === 'remove' && typeof m.key === 'string') delete items[m.key];
  else if (m.op === 'set' && typeof m.key === 'string' && typeof m.value === 'string') {
    var before = Object.prototype.hasOwnProperty.call(items, m.key) ? items[m.key] : undefined;
    items[m.key] = m.value;
    if (sizeOf(items) > CAP) { if (before === undefined) delete items[m.key]; else items[m.key] = before; return; }
  } else return;
  dirty[m.area] = 1;
  if (!timer) timer = setTimeout(save, 200);
});
window.addEventListener('pagehide', save);
})();`;
