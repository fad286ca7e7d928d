// The game document's time during a playtest. Two copies of a game are played side by side,
// one with input and one left alone; for "it responds" to mean "the input changed it", both
// must live through exactly the same time and the same random numbers. So, before the game's
// scripts run, its timers, animation frames, clocks and Math.random are replaced by virtual
// ones that move only when the playtest advances them; the playtest advances both copies by
// the same amounts and reads a small signature of what each shows. Virtual time also runs
// faster than the wall clock: two seconds of play cost what the game's frames cost to compute.
// Not a security boundary: the game could see or break it, and would only fail its own test.

/** What a copy of the game shows at a checkpoint: its largest canvas scaled down to RGB
 *  samples (base64), and a hash of the visible document (elements, classes, styles, text). */
export interface Signature {
  px: string | null;
  w: number;
  h: number;
  dom: number;
}

/** What one advance cost: animation frames run and wall-clock milliseconds. */
export interface Advanced {
  frames: number;
  real_ms: number;
  signature: Signature | null;
}

/** The name of the probe on the game's window (non-enumerable). */
export const PROBE_KEY = '__playforgeProbe';
/** Signature width in samples: fine enough for a sprite that moved a few pixels. */
export const SIGNATURE_WIDTH = 128;

/** Runs in the game document before its scripts (an init script): installs virtual time. */
function installVirtualTime(key: string, gamePath: string, seed: number, sampleWidth: number): void {
  if (location.pathname !== gamePath) return;
  type Callback = (...args: unknown[]) => unknown;
  interface Timer { at: number; fn: Callback; args: unknown[]; every: number }
  const win = window as unknown as Record<string, unknown>;
  const RealDate = Date;
  const realNow = performance.now.bind(performance);
  const report = typeof reportError === 'function' ? reportError.bind(window) : (e: unknown) => console.error(e);
  // A fixed wall-clock start, so Date-based code sees the same day in both copies.
  const EPOCH = 1_767_225_600_000;
  // Per advance: a loop of zero-delay timers or a very slow game must not hold the playtest.
  const MAX_CALLBACKS = 20_000;
  const MAX_REAL_MS = 1500;
  let now = 0;
  let lastFrameAt = 0;
  let nextId = 1;
  let inCallback = false;
  const timers = new Map<number, Timer>();
  let frames = new Map<number, Callback>();

  let state = seed >>> 0;
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const AnyDate = RealDate as unknown as new (...a: unknown[]) => Date;
  function PlayDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(EPOCH + now).toString();
    return args.length === 0 ? new RealDate(EPOCH + now) : new AnyDate(...args);
  }
  PlayDate.prototype = RealDate.prototype;
  PlayDate.now = () => EPOCH + Math.floor(now);
  PlayDate.parse = RealDate.parse;
  PlayDate.UTC = RealDate.UTC;
  win.Date = PlayDate;
  Object.defineProperty(performance, 'now', { value: () => now, configurable: true, writable: true });

  // A WebGL canvas is cleared once shown; kept, it can be read between frames like a 2D one.
  type GetContext = (this: HTMLCanvasElement, ...a: unknown[]) => unknown;
  const getContext = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext')!.value as GetContext;
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    writable: true,
    value: function (this: HTMLCanvasElement, type: unknown, options?: unknown, ...rest: unknown[]) {
      const webgl = typeof type === 'string' && /webgl/i.test(type);
      const attrs = webgl ? { ...(options && typeof options === 'object' ? options : {}), preserveDrawingBuffer: true }
        : options;
      return getContext.call(this, type, attrs, ...rest);
    },
  });

  const later = (fn: unknown, delay: unknown, args: unknown[], repeat: boolean): number => {
    const id = nextId++;
    // A string would be eval'd, which the play CSP forbids anyway.
    if (typeof fn !== 'function') return id;
    const d = Math.max(0, Number(delay) || 0);
    // Browsers clamp nested zero-delay timers too; here it keeps such a loop from never ending.
    const every = repeat ? Math.max(4, d) : 0;
    timers.set(id, { at: now + (repeat ? every : Math.max(d, inCallback ? 1 : 0)), fn: fn as Callback, args, every });
    return id;
  };
  const clear = (id: unknown): void => void timers.delete(Number(id));
  win.setTimeout = (fn: unknown, d?: unknown, ...a: unknown[]) => later(fn, d, a, false);
  win.setInterval = (fn: unknown, d?: unknown, ...a: unknown[]) => later(fn, d, a, true);
  win.clearTimeout = clear;
  win.clearInterval = clear;
  win.requestAnimationFrame = (cb: unknown) => {
    const id = nextId++;
    if (typeof cb === 'function') frames.set(id, cb as Callback);
    return id;
  };
  win.cancelAnimationFrame = (id: unknown) => void frames.delete(Number(id));
  const idle = { didTimeout: false, timeRemaining: () => 0 };
  win.requestIdleCallback = (cb: Callback) => later(() => cb(idle), 1, [], false);
  win.cancelIdleCallback = clear;

  const call = (fn: Callback, args: unknown[]): void => {
    inCallback = true;
    try {
      fn.apply(window, args);
    } catch (e) {
      // What the browser does with an exception in a timer: report it (the playtest hears it).
      report(e);
    } finally {
      inCallback = false;
    }
  };

  /** Run every timer and animation frame due in the next `ms`, frames `frameMs` apart. */
  async function advance(ms: number, frameMs: number): Promise<{ frames: number; real_ms: number }> {
    const end = now + ms;
    const started = realNow();
    let framesRun = 0;
    for (let n = 0; n < MAX_CALLBACKS && realNow() - started < MAX_REAL_MS; n++) {
      let next: [number, Timer] | undefined;
      for (const entry of timers) if (!next || entry[1].at < next[1].at) next = entry;
      // Frames keep a regular beat, like a display's refresh, from the last one drawn.
      const beats = Math.max(1, Math.ceil((now - lastFrameAt) / frameMs - 1e-9));
      const frameAt = frames.size ? lastFrameAt + beats * frameMs : Infinity;
      const timerAt = next ? next[1].at : Infinity;
      if (Math.min(frameAt, timerAt) > end) break;
      if (next && timerAt <= frameAt) {
        now = Math.max(now, timerAt);
        const [id, t] = next;
        if (t.every) t.at += t.every;
        else timers.delete(id);
        call(t.fn, t.args);
      } else {
        now = Math.max(now, frameAt);
        lastFrameAt = now;
        framesRun++;
        const due = frames;
        frames = new Map();
        for (const cb of due.values()) call(cb, [now]);
      }
      // Promise continuations of that callback run before the next one, as between two tasks.
      await Promise.resolve();
    }
    now = Math.max(now, end);
    return { frames: framesRun, real_ms: realNow() - started };
  }

  function hash(text: string, h: number): number {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
  }

  /** The visible document: elements with their classes, inline styles and text; not script bodies. */
  function domHash(): number {
    let h = 2166136261;
    const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_ALL);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement?.tagName;
        if (parent !== 'SCRIPT' && parent !== 'STYLE') h = hash(node.nodeValue ?? '', h);
      } else if (node instanceof Element) {
        h = hash(`<${node.tagName} ${node.getAttribute('class') ?? ''} ${node.getAttribute('style') ?? ''}`, h);
        if (node instanceof HTMLElement && node.hidden) h = hash('hidden', h);
      }
    }
    return h;
  }

  function signature(): { px: string | null; w: number; h: number; dom: number } {
    let best: HTMLCanvasElement | undefined;
    let area = 0;
    for (const c of Array.from(document.querySelectorAll('canvas'))) {
      const r = c.getBoundingClientRect();
      if (r.width * r.height > area && c.width > 0 && c.height > 0) {
        best = c;
        area = r.width * r.height;
      }
    }
    const out = { px: null as string | null, w: 0, h: 0, dom: domHash() };
    if (!best) return out;
    try {
      const w = sampleWidth;
      const h = Math.max(1, Math.min(sampleWidth, Math.round((best.height / best.width) * w)));
      const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
      // Read in the same task that drew it: a WebGL canvas is still intact here.
      ctx.drawImage(best, 0, 0, w, h);
      const rgba = ctx.getImageData(0, 0, w, h).data;
      let bin = '';
      for (let i = 0; i < rgba.length; i += 4) bin += String.fromCharCode(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!);
      return { ...out, px: btoa(bin), w, h };
    } catch {
      return out;
    }
  }

  Object.defineProperty(window, key, {
    enumerable: false,
    value: {
      advance: async (ms: number, frameMs: number, probe: boolean) => {
        const cost = await advance(ms, frameMs);
        return { ...cost, signature: probe ? signature() : null };
      },
    },
  });
}

/** The init script that installs virtual time in the game document served at `gamePath`. */
export function virtualTimeScript(gamePath: string, seed = 0x5eed): string {
  const args = [PROBE_KEY, gamePath, seed, SIGNATURE_WIDTH].map((a) => JSON.stringify(a)).join(', ');
  return `(${installVirtualTime.toString()})(${args});`;
}
