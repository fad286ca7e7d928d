// Smoke-run shim, part 3: the 2D canvas context (counts draw calls, draws nothing), images
// (load on the next frame), audio (Web Audio and <audio> accept everything, play nothing),
// and the small geometry classes games touch.

class DOMRect {
  constructor(x, y, w, h) { this.x = x || 0; this.y = y || 0; this.width = w || 0; this.height = h || 0; }
  get left() { return this.x; }
  get top() { return this.y; }
  get right() { return this.x + this.width; }
  get bottom() { return this.y + this.height; }
  toJSON() { return { x: this.x, y: this.y, width: this.width, height: this.height }; }
}
class DOMMatrix {
  constructor() { this.a = 1; this.b = 0; this.c = 0; this.d = 1; this.e = 0; this.f = 0; this.is2D = true; this.isIdentity = true; }
  get m11() { return this.a; } get m12() { return this.b; } get m21() { return this.c; } get m22() { return this.d; } get m41() { return this.e; } get m42() { return this.f; }
  multiply() { return new DOMMatrix(); } inverse() { return new DOMMatrix(); } translate() { return new DOMMatrix(); } scale() { return new DOMMatrix(); } rotate() { return new DOMMatrix(); }
  transformPoint(p) { return { x: (p && p.x) || 0, y: (p && p.y) || 0, z: 0, w: 1 }; }
}
class ImageData {
  constructor(a, b, c) {
    if (a instanceof Uint8ClampedArray) { this.data = a; this.width = b; this.height = c || a.length / 4 / b; } else { this.width = Math.max(1, a | 0); this.height = Math.max(1, b | 0); this.data = new Uint8ClampedArray(this.width * this.height * 4); }
    this.colorSpace = 'srgb';
  }
}
class CanvasGradient { addColorStop() {} }
class CanvasPattern { setTransform() {} }
const PATH_METHODS = ['arc', 'arcTo', 'bezierCurveTo', 'closePath', 'ellipse', 'lineTo', 'moveTo', 'quadraticCurveTo', 'rect', 'roundRect'];
class Path2D { addPath() {} }
for (const m of PATH_METHODS) Path2D.prototype[m] = function () {};

const DRAW_METHODS = ['clearRect', 'fillRect', 'strokeRect', 'fillText', 'strokeText', 'fill', 'stroke', 'drawImage', 'putImageData', 'drawFocusIfNeeded'];
const STATE_METHODS = ['beginPath', 'clip', 'save', 'restore', 'scale', 'rotate', 'translate', 'transform', 'setTransform', 'resetTransform', 'reset', 'setLineDash', 'scrollPathIntoView'];
class CanvasRenderingContext2D {
  constructor(canvas) {
    this.canvas = canvas;
    this.fillStyle = '#000000'; this.strokeStyle = '#000000'; this.lineWidth = 1; this.lineCap = 'butt'; this.lineJoin = 'miter'; this.miterLimit = 10;
    this.lineDashOffset = 0; this.font = '10px sans-serif'; this.textAlign = 'start'; this.textBaseline = 'alphabetic'; this.direction = 'ltr';
    this.letterSpacing = '0px'; this.wordSpacing = '0px'; this.fontKerning = 'auto'; this.globalAlpha = 1; this.globalCompositeOperation = 'source-over';
    this.shadowBlur = 0; this.shadowColor = 'rgba(0, 0, 0, 0)'; this.shadowOffsetX = 0; this.shadowOffsetY = 0;
    this.imageSmoothingEnabled = true; this.imageSmoothingQuality = 'low'; this.filter = 'none';
  }
  measureText(text) {
    const size = Number((/(\d+(?:\.\d+)?)px/.exec(String(this.font)) || [])[1] || 10);
    const width = String(text).length * size * 0.55;
    return { width, actualBoundingBoxLeft: 0, actualBoundingBoxRight: width, actualBoundingBoxAscent: size * 0.8, actualBoundingBoxDescent: size * 0.2, fontBoundingBoxAscent: size * 0.9, fontBoundingBoxDescent: size * 0.25, emHeightAscent: size * 0.8, emHeightDescent: size * 0.2 };
  }
  getLineDash() { return []; }
  createLinearGradient() { return new CanvasGradient(); }
  createRadialGradient() { return new CanvasGradient(); }
  createConicGradient() { return new CanvasGradient(); }
  createPattern() { return new CanvasPattern(); }
  createImageData(w, h) { return w instanceof ImageData ? new ImageData(w.width, w.height) : new ImageData(w, h); }
  getImageData(_x, _y, w, h) { return new ImageData(Math.abs(w | 0) || 1, Math.abs(h | 0) || 1); }
  isPointInPath() { return false; }
  isPointInStroke() { return false; }
  getTransform() { return new DOMMatrix(); }
  getContextAttributes() { return { alpha: true, desynchronized: false, colorSpace: 'srgb', willReadFrequently: false }; }
  isContextLost() { return false; }
}
for (const m of DRAW_METHODS) CanvasRenderingContext2D.prototype[m] = function () { S.draws++; };
for (const m of [...STATE_METHODS, ...PATH_METHODS]) if (!CanvasRenderingContext2D.prototype[m]) CanvasRenderingContext2D.prototype[m] = function () {};

class OffscreenCanvas extends EventTarget {
  constructor(w, h) { super(); this.width = w; this.height = h; }
  getContext(kind) { if (String(kind) !== '2d') return null; if (!this._ctx) this._ctx = new CanvasRenderingContext2D(this); return this._ctx; }
  convertToBlob() { return Promise.resolve(null); }
  transferToImageBitmap() { return { width: this.width, height: this.height, close() {} }; }
}

class HTMLImageElement extends HTMLElement {
  constructor(w, h) {
    super('img'); this.complete = false; this.naturalWidth = 0; this.naturalHeight = 0; this.decoding = 'auto'; this.crossOrigin = null;
    if (typeof w === 'number') this.setAttribute('width', w);
    if (typeof h === 'number') this.setAttribute('height', h);
  }
  get src() { return this.getAttribute('src') || ''; }
  set src(v) { this.setAttribute('src', v); this.complete = false; if (String(v)) S.pendingLoads.push(this); }
  get width() { return parseInt(this.getAttribute('width'), 10) || this.naturalWidth; }
  set width(v) { this.setAttribute('width', v); }
  get height() { return parseInt(this.getAttribute('height'), 10) || this.naturalHeight; }
  set height(v) { this.setAttribute('height', v); }
  decode() { return Promise.resolve(); }
  _loaded() { this.complete = true; this.naturalWidth = this.naturalWidth || 32; this.naturalHeight = this.naturalHeight || 32; dispatch(this, new Event('load')); }
}
function Image(w, h) { return new HTMLImageElement(w, h); }
Image.prototype = HTMLImageElement.prototype;

class HTMLMediaElement extends HTMLElement {
  constructor(tag) { super(tag || 'audio'); this.paused = true; this.currentTime = 0; this.duration = 1; this.volume = 1; this.muted = false; this.loop = false; this.playbackRate = 1; this.readyState = 4; this.ended = false; }
  get src() { return this.getAttribute('src') || ''; }
  set src(v) { this.setAttribute('src', v); }
  play() { this.paused = false; return Promise.resolve(); }
  pause() { this.paused = true; }
  load() {}
  canPlayType() { return 'maybe'; }
  fastSeek() {}
}
function Audio(src) { const a = new HTMLMediaElement('audio'); if (src !== undefined) a.src = src; return a; }
Audio.prototype = HTMLMediaElement.prototype;

/** Web Audio: any property is another node/param, any call returns one; numbers read as 0. */
function audioStub(overrides) {
  const store = new Map(Object.entries(overrides || {}));
  const target = function () {};
  const proxy = new Proxy(target, {
    get(_t, k) {
      if (store.has(k)) { const v = store.get(k); return typeof v === 'function' && v.__getter ? v() : v; }
      if (k === Symbol.toPrimitive) return () => 0;
      if (typeof k === 'symbol' || k === 'then' || k === 'toJSON') return undefined;
      if (k === 'value' || k === 'defaultValue' || k === 'minValue' || k === 'maxValue' || k === 'length' || k === 'numberOfChannels' || k === 'duration') return 0;
      const child = audioStub();
      store.set(k, child);
      return child;
    },
    set(_t, k, v) { store.set(k, v); return true; },
    has() { return true; },
    apply() { return proxy; },
    construct() { return audioStub(); },
  });
  return proxy;
}
function currentTimeGetter() { return S.now / 1000; }
currentTimeGetter.__getter = true;
function AudioContext() {
  return audioStub({ currentTime: currentTimeGetter, sampleRate: 44100, state: 'running', baseLatency: 0.01, resume: () => Promise.resolve(), suspend: () => Promise.resolve(), close: () => Promise.resolve(), decodeAudioData: () => Promise.resolve(audioStub()) });
}
