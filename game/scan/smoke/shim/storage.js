// Smoke-run shim, part 4b: Web Storage. The play page gives games localStorage and
// sessionStorage through a postMessage-backed shim (namespaced per game, size-capped), so here
// both are working in-memory areas with the same cap; cookies, IndexedDB, Cache Storage and
// cookieStore stay blocked (window.js makes them throw as a sandboxed frame does).

/** Per area, in UTF-16 code units of keys plus values, as browsers count their quota. */
const STORAGE_QUOTA = 64 * 1024;

function quotaError(key) {
  const e = new DOMException(`Failed to execute 'setItem' on 'Storage': Setting the value of '${key}' exceeded the quota.`, 'QuotaExceededError');
  e.code = 22;
  return e;
}

// Items live outside the object, so named access (below) sees only the stored keys.
const STORAGE_ITEMS = new WeakMap();
const itemsOf = (area) => { const m = STORAGE_ITEMS.get(area); if (!m) throw new TypeError('Illegal invocation'); return m; };
class Storage {
  constructor() { STORAGE_ITEMS.set(this, new Map()); }
  get length() { return itemsOf(this).size; }
  key(i) { const k = [...itemsOf(this).keys()][Math.floor(Number(i)) || 0]; return k === undefined ? null : k; }
  getItem(k) { const v = itemsOf(this).get(String(k)); return v === undefined ? null : v; }
  setItem(k, v) {
    const key = String(k); const value = String(v);
    const old = itemsOf(this).get(key);
    let used = 0;
    for (const [ik, iv] of itemsOf(this)) used += ik.length + iv.length;
    const after = used - (old === undefined ? 0 : key.length + old.length) + key.length + value.length;
    if (after > STORAGE_QUOTA) throw quotaError(key);
    itemsOf(this).set(key, value);
  }
  removeItem(k) { itemsOf(this).delete(String(k)); }
  clear() { itemsOf(this).clear(); }
}

/** Named access (`localStorage.best`, `localStorage.best = 3`, `delete localStorage.best`,
 *  `Object.keys(localStorage)`) reads and writes the items, as in browsers. */
function storageArea() {
  const area = new Storage();
  return new Proxy(area, {
    get(t, k) {
      if (typeof k === 'symbol' || k in t) { const v = Reflect.get(t, k, t); return typeof v === 'function' ? v.bind(t) : v; }
      return t.getItem(k);
    },
    set(t, k, v) { if (typeof k === 'symbol' || k in t) return Reflect.set(t, k, v, t); t.setItem(k, v); return true; },
    has(t, k) { return typeof k === 'symbol' ? k in t : k in t || itemsOf(t).has(k); },
    deleteProperty(t, k) { if (typeof k !== 'symbol') t.removeItem(k); return true; },
    ownKeys(t) { return [...itemsOf(t).keys()]; },
    getOwnPropertyDescriptor(t, k) {
      if (typeof k === 'symbol' || !itemsOf(t).has(k)) return undefined;
      return { value: itemsOf(t).get(k), writable: true, enumerable: true, configurable: true };
    },
    getPrototypeOf() { return Storage.prototype; },
  });
}
