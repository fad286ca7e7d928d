// Smoke-run shim, part 2b: attributes as the DOM has them. `element.attributes` is a live
// NamedNodeMap (length, index and named access, item/getNamedItem, iteration) of Attr nodes;
// jQuery 1.x and Sizzle read attributes this way (`elem.attributes[i].name`,
// `elem.attributes.id`, `getAttributeNode('id').specified`), so a list of plain pairs breaks them.

class Attr {
  constructor(owner, name) { this._owner = owner; this._name = name; this._value = ''; }
  get name() { return this._name; }
  get localName() { return this._name; }
  get nodeName() { return this._name; }
  get nodeType() { return 2; }
  get specified() { return true; }
  get namespaceURI() { return null; }
  get prefix() { return null; }
  get ownerElement() { return this._owner && this._owner._attrs.has(this._name) ? this._owner : null; }
  get ownerDocument() { return S.document; }
  get value() { const el = this.ownerElement; return el ? el._attrs.get(this._name) : this._value; }
  set value(v) { const el = this.ownerElement; if (el) el._attrs.set(this._name, String(v)); else this._value = String(v); }
  get nodeValue() { return this.value; }
  set nodeValue(v) { this.value = v; }
  get textContent() { return this.value; }
  set textContent(v) { this.value = v; }
  cloneNode() { const a = new Attr(null, this._name); a._value = this.value; return a; }
}

/** The one Attr per element and name, so `attributes[0] === getAttributeNode(name)` as in browsers. */
function attrNode(el, name) {
  if (!el._attrNodes) Object.defineProperty(el, '_attrNodes', { value: new Map(), enumerable: false });
  let a = el._attrNodes.get(name);
  if (!a) { a = new Attr(el, name); el._attrNodes.set(name, a); }
  a._owner = el;
  return a;
}

class NamedNodeMap {
  constructor(el) { Object.defineProperty(this, '_el', { value: el, enumerable: false }); }
  get length() { return this._el._attrs.size; }
  item(i) { const name = [...this._el._attrs.keys()][Math.floor(Number(i)) || 0]; return name === undefined ? null : attrNode(this._el, name); }
  getNamedItem(name) { const k = String(name).toLowerCase(); return this._el._attrs.has(k) ? attrNode(this._el, k) : null; }
  getNamedItemNS(_ns, name) { return this.getNamedItem(name); }
  setNamedItem(attr) { const old = this.getNamedItem(attr.name); this._el.setAttribute(attr.name, attr.value); return old; }
  setNamedItemNS(attr) { return this.setNamedItem(attr); }
  removeNamedItem(name) {
    const a = this.getNamedItem(name);
    if (!a) { const e = new DOMException(`Failed to execute 'removeNamedItem' on 'NamedNodeMap': No item with name '${name}' was found.`, 'NotFoundError'); throw e; }
    const value = a.value; this._el.removeAttribute(a.name); a._value = value; return a;
  }
  removeNamedItemNS(_ns, name) { return this.removeNamedItem(name); }
  *[Symbol.iterator]() { for (const name of [...this._el._attrs.keys()]) yield attrNode(this._el, name); }
}

const INDEX = /^(0|[1-9]\d*)$/;
function namedNodeMap(el) {
  const map = new NamedNodeMap(el);
  return new Proxy(map, {
    get(t, k) {
      if (typeof k === 'string' && INDEX.test(k)) return t.item(Number(k)) || undefined;
      if (typeof k === 'symbol' || k in t) { const v = Reflect.get(t, k, t); return typeof v === 'function' ? v.bind(t) : v; }
      return t.getNamedItem(k) || undefined;
    },
    has(t, k) {
      if (typeof k === 'string' && INDEX.test(k)) return Number(k) < t.length;
      return k in t || (typeof k === 'string' && t._el._attrs.has(k.toLowerCase()));
    },
    ownKeys(t) { return [...Array(t.length).keys()].map(String).concat([...t._el._attrs.keys()], ['_el']); },
    getOwnPropertyDescriptor(t, k) {
      if (k === '_el') return Reflect.getOwnPropertyDescriptor(t, k);
      const v = typeof k === 'string' && INDEX.test(k) ? t.item(Number(k)) : typeof k === 'string' ? t.getNamedItem(k) : null;
      return v ? { value: v, writable: false, enumerable: INDEX.test(k), configurable: true } : undefined;
    },
    set() { return true; },
  });
}
