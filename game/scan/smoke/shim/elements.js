// Smoke-run shim, part 2: elements, a small selector engine, innerHTML for simple markup,
// and the document built from the element list the host sends (the host's parse5 tree,
// flattened to plain JSON before it enters the isolate).

class Element extends Node {
  constructor(tag) {
    super();
    this.localName = String(tag).toLowerCase();
    this._attrs = new Map();
    this.style = new CSSStyleDeclaration();
    this.classList = new DOMTokenList(this);
    this.dataset = {};
    this.scrollTop = 0; this.scrollLeft = 0; this.tabIndex = -1; this.hidden = false; this.disabled = false; this.checked = false;
  }
  get tagName() { return this.localName.toUpperCase(); }
  get nodeName() { return this.tagName; }
  get id() { return this.getAttribute('id') || ''; }
  set id(v) { this.setAttribute('id', v); }
  get className() { return this.getAttribute('class') || ''; }
  set className(v) { this.setAttribute('class', v); }
  get value() { return this._value !== undefined ? this._value : this.getAttribute('value') || (this.localName === 'textarea' ? this.textContent : ''); }
  set value(v) { this._value = String(v); }
  get attributes() { if (!this._attrMap) Object.defineProperty(this, '_attrMap', { value: namedNodeMap(this), enumerable: false }); return this._attrMap; }
  getAttributeNode(k) { return this.attributes.getNamedItem(k); }
  getAttributeNodeNS(_ns, k) { return this.getAttributeNode(k); }
  setAttributeNode(a) { return this.attributes.setNamedItem(a); }
  removeAttributeNode(a) { return this.attributes.removeNamedItem(a.name); }
  hasAttributes() { return this._attrs.size > 0; }
  getAttributeNames() { return [...this._attrs.keys()]; }
  getAttributeNS(_ns, k) { return this.getAttribute(k); }
  setAttributeNS(_ns, k, v) { this.setAttribute(String(k).replace(/^[^:]*:/, ''), v); }
  removeAttributeNS(_ns, k) { this.removeAttribute(k); }
  hasAttributeNS(_ns, k) { return this.hasAttribute(k); }
  getAttribute(k) { const v = this._attrs.get(String(k).toLowerCase()); return v === undefined ? null : v; }
  setAttribute(k, v) { this._attrs.set(String(k).toLowerCase(), String(v)); }
  removeAttribute(k) { this._attrs.delete(String(k).toLowerCase()); }
  hasAttribute(k) { return this._attrs.has(String(k).toLowerCase()); }
  toggleAttribute(k, force) { const has = this.hasAttribute(k); const want = force === undefined ? !has : !!force; if (want) this.setAttribute(k, ''); else this.removeAttribute(k); return want; }
  get innerHTML() { return this.childNodes.map(serialize).join(''); }
  set innerHTML(v) { this.replaceChildren(); parseInto(this, v == null ? '' : String(v)); }
  get outerHTML() { return serialize(this); }
  get innerText() { return this.textContent; }
  set innerText(v) { this.textContent = v; }
  insertAdjacentHTML(pos, html) { const f = new DocumentFragment(); parseInto(f, String(html)); const p = String(pos).toLowerCase(); if (p === 'beforeend') this.appendChild(f); else if (p === 'afterbegin') this.insertBefore(f, this.firstChild); else if (this.parentNode) this.parentNode.insertBefore(f, p === 'beforebegin' ? this : this.nextSibling); }
  insertAdjacentElement(pos, el) { const p = String(pos).toLowerCase(); if (p === 'beforeend') this.appendChild(el); else if (p === 'afterbegin') this.insertBefore(el, this.firstChild); else if (this.parentNode) this.parentNode.insertBefore(el, p === 'beforebegin' ? this : this.nextSibling); return el; }
  insertAdjacentText(pos, text) { this.insertAdjacentElement(pos, new Text(text)); }
  size() {
    const px = (v) => { const n = parseFloat(v); return Number.isFinite(n) ? n : undefined; };
    const w = px(this.style.width) ?? px(this.getAttribute('width')) ?? (this.localName === 'canvas' ? 300 : this === S.document.body || this === S.document.documentElement ? G.innerWidth : 100);
    const h = px(this.style.height) ?? px(this.getAttribute('height')) ?? (this.localName === 'canvas' ? 150 : this === S.document.body || this === S.document.documentElement ? G.innerHeight : 20);
    return [w, h];
  }
  getBoundingClientRect() { const [w, h] = this.size(); return new DOMRect(0, 0, w, h); }
  getClientRects() { return [this.getBoundingClientRect()]; }
  get clientWidth() { return this.size()[0]; }
  get clientHeight() { return this.size()[1]; }
  get offsetWidth() { return this.size()[0]; }
  get offsetHeight() { return this.size()[1]; }
  get scrollWidth() { return this.size()[0]; }
  get scrollHeight() { return this.size()[1]; }
  get offsetLeft() { return 0; }
  get offsetTop() { return 0; }
  get offsetParent() { return this.parentElement; }
  focus() { S.document.activeElement = this; }
  blur() { if (S.document.activeElement === this) S.document.activeElement = S.document.body; }
  click() { dispatch(this, new MouseEvent('click', { bubbles: true, cancelable: true })); }
  matches(sel) { return compileSelector(sel)(this); }
  closest(sel) { const test = compileSelector(sel); for (let n = this; n instanceof Element; n = n.parentNode) if (test(n)) return n; return null; }
  setPointerCapture() {}
  releasePointerCapture() {}
  hasPointerCapture() { return false; }
  requestFullscreen() { return Promise.resolve(); }
  webkitRequestFullscreen() {}
  requestPointerLock() { return Promise.resolve(); }
  scrollIntoView() {}
  scrollTo() {}
  animate() { return { finished: Promise.resolve(), cancel() {}, play() {}, pause() {}, onfinish: null }; }
  getAnimations() { return []; }
}
class HTMLElement extends Element {}
class HTMLCanvasElement extends HTMLElement {
  get width() { const v = parseInt(this.getAttribute('width'), 10); return Number.isFinite(v) ? v : 300; }
  set width(v) { this.setAttribute('width', Math.max(0, Math.floor(Number(v)) || 0)); }
  get height() { const v = parseInt(this.getAttribute('height'), 10); return Number.isFinite(v) ? v : 150; }
  set height(v) { this.setAttribute('height', Math.max(0, Math.floor(Number(v)) || 0)); }
  getContext(kind) {
    if (String(kind) !== '2d') return null; // no WebGL in the smoke run: games must cope, browsers without GPU do the same
    if (!this._ctx) this._ctx = new CanvasRenderingContext2D(this);
    return this._ctx;
  }
  toDataURL() { return 'data:image/png;base64,'; }
  toBlob(cb) { G.setTimeout(() => { if (typeof cb === 'function') cb(null); }, 0); }
  captureStream() { return {}; }
}

function makeElement(tag) {
  const t = String(tag).toLowerCase();
  if (t === 'canvas') return new HTMLCanvasElement(t);
  if (t === 'img') return new HTMLImageElement(t);
  if (t === 'audio' || t === 'video') return new HTMLMediaElement(t);
  return new HTMLElement(t);
}

// Selectors: compound selectors (tag, #id, .class, [attr], [attr=value], :first-child…
// pseudo-classes are ignored), descendant and child combinators, comma lists.
// Compiled once per selector text: games look the same things up every frame. Bounded (the
// selectors come from the game); past the bound a selector is compiled per call as before.
const SELECTORS = new Map();
const SELECTORS_KEPT = 64;
function compileSelector(selector) {
  const text = String(selector);
  let test = SELECTORS.get(text);
  if (!test) {
    test = compileSelectorText(text);
    if (SELECTORS.size < SELECTORS_KEPT && text.length <= 200) SELECTORS.set(text, test);
  }
  return test;
}
function compileSelectorText(selector) {
  const alternatives = selector.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const parts = s.replace(/\s*>\s*/g, ' > ').split(/\s+/);
    const steps = [];
    let combinator = ' ';
    for (const p of parts) { if (p === '>') { combinator = '>'; continue; } steps.push({ test: compound(p), combinator }); combinator = ' '; }
    return steps;
  });
  return (el) => alternatives.some((steps) => matchSteps(el, steps, steps.length - 1));
}
function compound(text) {
  const tag = /^[a-zA-Z*][\w-]*/.exec(text);
  const ids = [...text.matchAll(/#([\w-]+)/g)].map((m) => m[1]);
  const classes = [...text.matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
  const attrs = [...text.matchAll(/\[\s*([\w-]+)\s*(?:([~^$*|]?=)\s*["']?([^"'\]]*)["']?)?\s*\]/g)].map((m) => ({ name: m[1], op: m[2], value: m[3] }));
  return (el) => (!tag || tag[0] === '*' || el.localName === tag[0].toLowerCase()) && ids.every((id) => el.id === id) &&
    classes.every((c) => el.classList.contains(c)) &&
    attrs.every((a) => { const v = el.getAttribute(a.name); if (v === null) return false; if (!a.op) return true; if (a.op === '=') return v === a.value; if (a.op === '^=') return v.startsWith(a.value); if (a.op === '$=') return v.endsWith(a.value); if (a.op === '*=') return v.includes(a.value); return v.split(/\s+/).includes(a.value); });
}
function matchSteps(el, steps, i) {
  if (!(el instanceof Element) || !steps[i].test(el)) return false;
  if (i === 0) return true;
  if (steps[i].combinator === '>') return matchSteps(el.parentNode, steps, i - 1);
  for (let p = el.parentNode; p instanceof Element; p = p.parentNode) if (matchSteps(p, steps, i - 1)) return true;
  return false;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
function decodeEntities(s) { return s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (m, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: '\u00a0' })[e]); }
/** Enough HTML for what games put in innerHTML: tags, attributes, text. Scripts never run. */
function parseInto(parent, html) {
  const stack = [parent];
  for (const m of html.matchAll(/<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>|<!--[\s\S]*?-->|([^<]+|<)/g)) {
    const top = stack[stack.length - 1];
    if (m[1]) { const i = stack.map((n) => n.localName).lastIndexOf(m[1].toLowerCase()); if (i > 0) stack.length = i; continue; }
    if (m[2]) {
      const el = makeElement(m[2]);
      for (const a of (m[3] || '').matchAll(/([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) el.setAttribute(a[1], decodeEntities((a[2] || '').replace(/^["']|["']$/g, '')));
      top.appendChild(el);
      if (!VOID.has(el.localName) && !m[0].endsWith('/>')) stack.push(el);
      continue;
    }
    if (m[4]) top.appendChild(new Text(decodeEntities(m[4])));
  }
}
function serialize(n) {
  if (n instanceof Text) return n.data.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (!(n instanceof Element)) return '';
  const attrs = [...n._attrs].map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('');
  return VOID.has(n.localName) ? `<${n.localName}${attrs}>` : `<${n.localName}${attrs}>${n.childNodes.map(serialize).join('')}</${n.localName}>`;
}

/** A document detached from the page (jQuery parses HTML strings into one): same shim, no window. */
const DOM_IMPLEMENTATION = {
  createHTMLDocument(title) {
    const d = new Document();
    const html = makeElement('html'); const head = makeElement('head'); const body = makeElement('body');
    d.appendChild(html); html.appendChild(head); html.appendChild(body);
    if (title !== undefined) { const t = makeElement('title'); t.textContent = title; head.appendChild(t); }
    d.readyState = 'complete';
    return d;
  },
  hasFeature: () => true,
};

class Document extends Node {
  constructor() {
    super(); this.nodeType = 9; this.readyState = 'loading'; this.hidden = false; this.visibilityState = 'visible';
    this.fullscreenElement = null; this.pointerLockElement = null; this.referrer = ''; this.currentScript = null; this.characterSet = 'UTF-8';
    this.fonts = { ready: Promise.resolve(), status: 'loaded', add() {}, delete() {}, load: () => Promise.resolve([]), check: () => true, forEach() {} };
    this.activeElement = null; this.styleSheets = [];
  }
  get nodeName() { return '#document'; }
  get documentElement() { return this.children[0] || null; }
  get head() { return this.querySelector('head'); }
  get body() { return this.querySelector('body'); }
  get title() { const t = this.querySelector('title'); return t ? t.textContent.trim() : ''; }
  set title(v) { let t = this.querySelector('title'); if (!t) { t = makeElement('title'); if (this.head) this.head.appendChild(t); } t.textContent = v; }
  get defaultView() { return G; }
  get location() { return G.location; }
  get URL() { return G.location.href; }
  get cookie() { throw sandboxError('cookie'); }
  set cookie(_v) { throw sandboxError('cookie'); }
  getElementById(id) { const want = String(id); let found = null; walkElements(this, (e) => e.id === want && (found = e, true)); return found; }
  getElementsByName(name) { const out = []; walkElements(this, (e) => { if (e.getAttribute('name') === String(name)) out.push(e); }); return nodeList(out); }
  createElement(tag) { return makeElement(tag); }
  createElementNS(_ns, tag) { return makeElement(tag); }
  createTextNode(t) { return new Text(t); }
  createComment() { return new Text(''); }
  createDocumentFragment() { return new DocumentFragment(); }
  createAttribute(name) { return new Attr(null, String(name).toLowerCase()); }
  get implementation() { return DOM_IMPLEMENTATION; }
  createEvent() { return new Event(''); }
  hasFocus() { return true; }
  exitFullscreen() { return Promise.resolve(); }
  exitPointerLock() {}
  elementFromPoint() { return this.body; }
  getSelection() { return { removeAllRanges() {}, addRange() {}, toString: () => '' }; }
  execCommand() { return false; }
  open() { return this; }
  write() {}
  writeln() {}
  close() {}
}
