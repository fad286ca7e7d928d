// A minimal stand-in for a browser page, enough to run a template's game script in
// node:vm: a canvas whose 2D context records what is drawn, keyboard/pointer events,
// and a requestAnimationFrame driven by the test. It fails loudly on NaN geometry or
// colours, which is how a bad variable value usually shows up in a canvas game.
import vm from 'node:vm';
import type { Config } from './helpers.ts';

type Listener = (event: unknown) => void;

export interface FakeGame {
  /** Strings drawn with fillText during the last frame (or the first draw). */
  frameTexts(): string[];
  /** The same, with the position each was drawn at (canvas translation is not applied). */
  frameTextsAt(): { text: string; x: number; y: number }[];
  /** How many draw calls the last frame made. */
  frameDraws(): number;
  /** A hash of every draw call and style set since the game started, to tell two runs apart. */
  digest(): string;
  /** Problems seen so far (NaN arguments, bad colours, unknown 2D calls). */
  problems: string[];
  documentTitle(): string;
  canvasSize(): [number, number];
  pendingFrames(): number;
  /** Run n animation frames, each msPerFrame after the previous one. */
  step(n: number, msPerFrame?: number): void;
  keyDown(code: string): void;
  keyUp(code: string): void;
  /** keydown and keyup within one frame, like a very quick tap. */
  tap(code: string): void;
  pointerDown(x: number, y: number): void;
  pointerUp(): void;
}

const KEY_OF: Record<string, string> = {
  ArrowLeft: 'ArrowLeft', ArrowRight: 'ArrowRight', ArrowUp: 'ArrowUp', ArrowDown: 'ArrowDown',
  KeyA: 'a', KeyD: 'd', KeyW: 'w', KeyS: 's', Space: ' ', Enter: 'Enter',
};

// Methods a canvas game may call on CanvasRenderingContext2D; anything else is a bug.
const CTX_METHODS = new Set([
  'arc', 'arcTo', 'beginPath', 'bezierCurveTo', 'clearRect', 'clip', 'closePath', 'createLinearGradient',
  'createRadialGradient', 'drawImage', 'ellipse', 'fill', 'fillRect', 'fillText', 'lineTo', 'measureText',
  'moveTo', 'quadraticCurveTo', 'rect', 'restore', 'rotate', 'roundRect', 'save', 'scale', 'setLineDash',
  'setTransform', 'stroke', 'strokeRect', 'strokeText', 'transform', 'translate', 'resetTransform',
]);
const COLOR = /^(#[0-9a-f]{3,8}|rgba?\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*(,\s*[\d.e+-]+\s*)?\))$/i;

export function runGame(script: string, config: Config): FakeGame {
  const problems: string[] = [];
  const windowListeners: Record<string, Listener[]> = {};
  const canvasListeners: Record<string, Listener[]> = {};
  let texts: { text: string; x: number; y: number }[] = [];
  let draws = 0;
  let hash = 5381;
  const mix = (text: string): void => {
    for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  };
  let now = 1000;
  let queue: ((t: number) => void)[] = [];
  const state: Record<string, unknown> = { font: '10px sans-serif' };

  const ctx = new Proxy(state, {
    get(target, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop in target) return target[prop];
      if (prop === 'canvas') return canvas;
      if (!CTX_METHODS.has(prop)) {
        problems.push(`unknown 2D context member ${prop}`);
        return undefined;
      }
      return (...args: unknown[]) => {
        draws += 1;
        mix(`${prop}(${args.map((a) => (typeof a === 'number' ? a.toFixed(1) : String(a))).join(',')})`);
        if (args.some((a) => typeof a === 'number' && !Number.isFinite(a))) {
          problems.push(`${prop}(${args.join(', ')})`);
        }
        if (prop === 'fillText') texts.push({ text: String(args[0]), x: Number(args[1]), y: Number(args[2]) });
        if (prop === 'measureText') {
          const size = Number(/(\d+(?:\.\d+)?)px/.exec(String(target.font))?.[1] ?? 10);
          return { width: String(args[0]).length * size * 0.55 };
        }
        if (prop.startsWith('create')) {
          return { addColorStop: (at: number, color: string) => mix(`stop(${at},${color})`) };
        }
        return undefined;
      };
    },
    set(target, prop, value) {
      if (typeof prop !== 'string') return false;
      const isStyle = prop === 'fillStyle' || prop === 'strokeStyle';
      if (isStyle && !(typeof value === 'string' ? COLOR.test(value) : typeof value === 'object' && value !== null)) {
        problems.push(`${prop} = ${String(value)}`);
      }
      if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${prop} = ${value}`);
      if (prop === 'font' && /NaN|undefined/.test(String(value))) problems.push(`font = ${String(value)}`);
      mix(`${prop}=${String(value)}`);
      target[prop] = value;
      return true;
    },
  });

  const canvas = {
    width: 300,
    height: 150,
    style: {},
    getContext: (kind: string) => (kind === '2d' ? ctx : null),
    addEventListener: (type: string, fn: Listener) => { (canvasListeners[type] ??= []).push(fn); },
    getBoundingClientRect: () => ({ left: 0, top: 0, width: canvas.width, height: canvas.height }),
    focus() {},
  };
  const configNode = { textContent: JSON.stringify(config) };
  const document = {
    title: '',
    body: { style: {} as Record<string, string> },
    getElementById: (id: string) => (id === 'playforge-config' ? configNode : id === 'game' ? canvas : null),
    addEventListener: () => {},
  };
  const sandbox: Record<string, unknown> = {
    document,
    console,
    performance: { now: () => now },
    requestAnimationFrame: (fn: (t: number) => void) => { queue.push(fn); return queue.length; },
    cancelAnimationFrame: () => {},
    addEventListener: (type: string, fn: Listener) => { (windowListeners[type] ??= []).push(fn); },
    removeEventListener: () => {},
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(script, sandbox, { timeout: 5000 });

  function dispatch(list: Listener[] | undefined, event: Record<string, unknown>): void {
    for (const fn of list ?? []) fn({ preventDefault() {}, stopPropagation() {}, ...event });
  }

  return {
    problems,
    frameTexts: () => texts.map((t) => t.text),
    frameTextsAt: () => texts.slice(),
    frameDraws: () => draws,
    digest: () => hash.toString(16),
    documentTitle: () => document.title,
    canvasSize: () => [canvas.width, canvas.height],
    pendingFrames: () => queue.length,
    step(n, msPerFrame = 1000 / 60) {
      for (let i = 0; i < n; i++) {
        now += msPerFrame;
        const run = queue;
        queue = [];
        texts = [];
        draws = 0;
        for (const fn of run) fn(now);
      }
    },
    keyDown(code) {
      dispatch(windowListeners.keydown, { type: 'keydown', code, key: KEY_OF[code] ?? code, repeat: false });
    },
    keyUp(code) { dispatch(windowListeners.keyup, { type: 'keyup', code, key: KEY_OF[code] ?? code }); },
    tap(code) { this.keyDown(code); this.keyUp(code); },
    pointerDown(x, y) {
      dispatch(canvasListeners.pointerdown, { type: 'pointerdown', clientX: x, clientY: y, pointerId: 1 });
    },
    pointerUp() { dispatch(canvasListeners.pointerup, { type: 'pointerup', pointerId: 1 }); },
  };
}
