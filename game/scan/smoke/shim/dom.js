// Smoke-run shim, part 1 of 3: events, nodes, elements, selectors, the document.
// Runs INSIDE the isolate (plain JS, read as text by smoke-child.ts and concatenated with
// media.js and runtime.js into one function body); it never sees a host object.
// `S` (shared state) and `reportError` are defined by runtime.js in the same function scope.

class Event {
  constructor(type, init) {
    const i = init || {};
    this.type = String(type); this.bubbles = !!i.bubbles; this.cancelable = !!i.cancelable; this.composed = !!i.composed;
    this.defaultPrevented = false; this.target = null; this.currentTarget = null; this.eventPhase = 0;
    this.timeStamp = S.now; this.isTrusted = true; this._stop = false; this._stopNow = false; this._path = [];
  }
  preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
  stopPropagation() { this._stop = true; }
  stopImmediatePropagation() { this._stop = true; this._stopNow = true; }
  composedPath() { return this._path.slice(); }
  initEvent(type, bubbles, cancelable) { this.type = String(type); this.bubbles = !!bubbles; this.cancelable = !!cancelable; }
}
class UIEvent extends Event { constructor(t, i) { super(t, i); this.detail = (i && i.detail) || 0; this.view = (i && i.view) || null; } }
class FocusEvent extends UIEvent { constructor(t, i) { super(t, i); this.relatedTarget = null; } }
class CustomEvent extends Event { constructor(t, i) { super(t, i); this.detail = i && i.detail !== undefined ? i.detail : null; } }
class KeyboardEvent extends UIEvent {
  constructor(t, i) {
    super(t, i); const o = i || {};
    this.key = o.key || ''; this.code = o.code || ''; this.keyCode = o.keyCode || 0; this.which = this.keyCode; this.charCode = o.charCode || 0;
    this.repeat = !!o.repeat; this.shiftKey = !!o.shiftKey; this.ctrlKey = !!o.ctrlKey; this.altKey = !!o.altKey; this.metaKey = !!o.metaKey;
    this.location = 0; this.isComposing = false;
  }
  getModifierState() { return false; }
}
class MouseEvent extends UIEvent {
  constructor(t, i) {
    super(t, i); const o = i || {};
    this.clientX = o.clientX || 0; this.clientY = o.clientY || 0; this.pageX = this.clientX; this.pageY = this.clientY;
    this.screenX = this.clientX; this.screenY = this.clientY; this.offsetX = this.clientX; this.offsetY = this.clientY; this.x = this.clientX; this.y = this.clientY;
    this.movementX = o.movementX || 0; this.movementY = o.movementY || 0; this.button = o.button || 0; this.buttons = o.buttons || 0;
    this.shiftKey = false; this.ctrlKey = false; this.altKey = false; this.metaKey = false; this.relatedTarget = null;
  }
  getModifierState() { return false; }
}
class PointerEvent extends MouseEvent {
  constructor(t, i) {
    super(t, i); const o = i || {};
    this.pointerId = o.pointerId || 1; this.pointerType = o.pointerType || 'mouse'; this.isPrimary = true;
    this.width = 1; this.height = 1; this.pressure = this.buttons ? 0.5 : 0; this.tiltX = 0; this.tiltY = 0;
  }
  getCoalescedEvents() { return [this]; }
  getPredictedEvents() { return []; }
}
class WheelEvent extends MouseEvent { constructor(t, i) { super(t, i); const o = i || {}; this.deltaX = o.deltaX || 0; this.deltaY = o.deltaY || 0; this.deltaZ = 0; this.deltaMode = 0; } }
class TouchEvent extends UIEvent {
  constructor(t, i) { super(t, i); const o = i || {}; this.touches = o.touches || []; this.targetTouches = o.targetTouches || this.touches; this.changedTouches = o.changedTouches || this.touches; }
}

const LISTENERS = new WeakMap();
function listenersOf(target, type, create) {
  let byType = LISTENERS.get(target);
  if (!byType) { if (!create) return undefined; byType = new Map(); LISTENERS.set(target, byType); }
  let list = byType.get(type);
  if (!list && create) { list = []; byType.set(type, list); }
  return list;
}
function addListener(target, type, fn, opts) {
  if (typeof fn !== 'function' && !(fn && typeof fn.handleEvent === 'function')) return;
  const capture = typeof opts === 'boolean' ? opts : !!(opts && opts.capture);
  const list = listenersOf(target, String(type), true);
  if (list.some((l) => l.fn === fn && l.capture === capture)) return;
  list.push({ fn, capture, once: !!(opts && typeof opts === 'object' && opts.once) });
}
function removeListener(target, type, fn, opts) {
  const capture = typeof opts === 'boolean' ? opts : !!(opts && opts.capture);
  const list = listenersOf(target, String(type), false);
  if (!list) return;
  const i = list.findIndex((l) => l.fn === fn && l.capture === capture);
  if (i >= 0) list.splice(i, 1);
}
function invoke(node, ev, phase) {
  ev.currentTarget = node;
  const list = listenersOf(node, ev.type, false);
  if (list) {
    for (const l of list.slice()) {
      if ((phase === 1 && !l.capture) || (phase === 3 && l.capture)) continue;
      if (l.once) removeListener(node, ev.type, l.fn, l.capture);
      try { if (typeof l.fn === 'function') l.fn.call(node, ev); else l.fn.handleEvent(ev); } catch (e) { reportError(e, 'event'); }
      if (ev._stopNow) return;
    }
  }
  if (phase !== 1) {
    const h = node['on' + ev.type];
    if (typeof h === 'function') {
      try { if (h.call(node, ev) === false) ev.preventDefault(); } catch (e) { reportError(e, 'event'); }
    }
  }
}
function dispatch(target, ev) {
  const path = [];
  for (let n = target; n; n = parentTarget(n)) path.push(n);
  ev.target = target; ev._path = path;
  ev.eventPhase = 1;
  for (let i = path.length - 1; i > 0 && !ev._stop; i--) invoke(path[i], ev, 1);
  ev.eventPhase = 2;
  if (!ev._stop) invoke(target, ev, 2);
  ev.eventPhase = 3;
  if (ev.bubbles) for (let i = 1; i < path.length && !ev._stop; i++) invoke(path[i], ev, 3);
  ev.currentTarget = null; ev.eventPhase = 0;
  return !ev.defaultPrevented;
}
function parentTarget(n) {
  if (n === G) return null;
  if (n === S.document) return G;
  return n.parentNode || null;
}

class EventTarget {
  addEventListener(type, fn, opts) { addListener(this, type, fn, opts); }
  removeEventListener(type, fn, opts) { removeListener(this, type, fn, opts); }
  dispatchEvent(ev) { return dispatch(this, ev); }
}

class Node extends EventTarget {
  constructor() { super(); this.childNodes = []; this.parentNode = null; this.nodeType = 1; }
  get children() { return this.childNodes.filter((n) => n instanceof Element); }
  get childElementCount() { return this.children.length; }
  get firstChild() { return this.childNodes[0] || null; }
  get lastChild() { return this.childNodes[this.childNodes.length - 1] || null; }
  get firstElementChild() { return this.children[0] || null; }
  get lastElementChild() { const c = this.children; return c[c.length - 1] || null; }
  get parentElement() { return this.parentNode instanceof Element ? this.parentNode : null; }
  get ownerDocument() { return S.document; }
  get isConnected() { let n = this; while (n.parentNode) n = n.parentNode; return n === S.document; }
  sibling(d) { const p = this.parentNode; if (!p) return null; return p.childNodes[p.childNodes.indexOf(this) + d] || null; }
  get nextSibling() { return this.sibling(1); }
  get previousSibling() { return this.sibling(-1); }
  get nextElementSibling() { let n = this.nextSibling; while (n && !(n instanceof Element)) n = n.nextSibling; return n; }
  get previousElementSibling() { let n = this.previousSibling; while (n && !(n instanceof Element)) n = n.previousSibling; return n; }
  appendChild(c) { return this.insertBefore(c, null); }
  insertBefore(c, ref) {
    if (c instanceof DocumentFragment) { for (const k of c.childNodes.slice()) this.insertBefore(k, ref); return c; }
    if (c.parentNode) c.parentNode.removeChild(c);
    const i = ref ? this.childNodes.indexOf(ref) : -1;
    if (i >= 0) this.childNodes.splice(i, 0, c); else this.childNodes.push(c);
    c.parentNode = this;
    return c;
  }
  removeChild(c) { const i = this.childNodes.indexOf(c); if (i >= 0) { this.childNodes.splice(i, 1); c.parentNode = null; } return c; }
  replaceChild(n, o) { this.insertBefore(n, o); return this.removeChild(o); }
  append(...nodes) { for (const n of nodes) this.appendChild(typeof n === 'object' && n ? n : new Text(n)); }
  prepend(...nodes) { const first = this.firstChild; for (const n of nodes) this.insertBefore(typeof n === 'object' && n ? n : new Text(n), first); }
  replaceChildren(...nodes) { for (const c of this.childNodes) c.parentNode = null; this.childNodes = []; this.append(...nodes); }
  remove() { if (this.parentNode) this.parentNode.removeChild(this); }
  contains(n) { for (; n; n = n.parentNode) if (n === this) return true; return false; }
  hasChildNodes() { return this.childNodes.length > 0; }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(''); }
  set textContent(v) { for (const c of this.childNodes) c.parentNode = null; this.childNodes = []; const s = v == null ? '' : String(v); if (s) this.appendChild(new Text(s)); }
  cloneNode(deep) {
    const copy = this instanceof Text ? new Text(this.data) : this instanceof Element ? makeElement(this.localName) : new DocumentFragment();
    if (this instanceof Element) for (const [k, v] of this._attrs) copy._attrs.set(k, v);
    if (deep) for (const c of this.childNodes) copy.appendChild(c.cloneNode(true));
    return copy;
  }
  querySelector(sel) { const test = compileSelector(sel); let found = null; walkElements(this, (e) => test(e) && (found = e, true)); return found; }
  querySelectorAll(sel) { const test = compileSelector(sel); const out = []; walkElements(this, (e) => { if (test(e)) out.push(e); }); return nodeList(out); }
  getElementsByTagName(tag) { const t = String(tag).toLowerCase(); const out = []; walkElements(this, (e) => { if (t === '*' || e.localName === t) out.push(e); }); return nodeList(out); }
  getElementsByClassName(names) { const want = String(names).split(/\s+/).filter(Boolean); const out = []; walkElements(this, (e) => { if (want.every((c) => e.classList.contains(c))) out.push(e); }); return nodeList(out); }
}
function nodeList(arr) { arr.item = (i) => arr[i] || null; return arr; }
/** Every element under root in document order; a callback that returns true ends the walk. */
function walkElements(root, fn) {
  for (const c of root.childNodes) if (c instanceof Element && (fn(c) === true || walkElements(c, fn))) return true;
  return false;
}

class Text extends Node {
  constructor(data) { super(); this.nodeType = 3; this.data = data == null ? '' : String(data); }
  get textContent() { return this.data; }
  set textContent(v) { this.data = String(v); }
  get nodeValue() { return this.data; }
  get nodeName() { return '#text'; }
}
class DocumentFragment extends Node { constructor() { super(); this.nodeType = 11; } }

class CSSStyleDeclaration {
  setProperty(k, v) { this[String(k)] = String(v); }
  getPropertyValue(k) { const v = this[String(k)]; return v == null ? '' : String(v); }
  removeProperty(k) { const v = this.getPropertyValue(k); delete this[String(k)]; return v; }
}
class DOMTokenList {
  constructor(el) { this._el = el; }
  _list() { return (this._el.getAttribute('class') || '').split(/\s+/).filter(Boolean); }
  _set(l) { this._el.setAttribute('class', l.join(' ')); }
  get length() { return this._list().length; }
  get value() { return this._list().join(' '); }
  item(i) { return this._list()[i] || null; }
  contains(c) { return this._list().includes(String(c)); }
  add(...cs) { const l = this._list(); for (const c of cs) if (!l.includes(String(c))) l.push(String(c)); this._set(l); }
  remove(...cs) { this._set(this._list().filter((c) => !cs.map(String).includes(c))); }
  toggle(c, force) { const has = this.contains(c); const want = force === undefined ? !has : !!force; if (want && !has) this.add(c); if (!want && has) this.remove(c); return want; }
  replace(a, b) { if (!this.contains(a)) return false; this._set(this._list().map((c) => (c === String(a) ? String(b) : c))); return true; }
  forEach(fn) { this._list().forEach(fn); }
  [Symbol.iterator]() { return this._list()[Symbol.iterator](); }
}
