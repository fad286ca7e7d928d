// Smoke-run shim, part 4: the window (timers on a virtual clock, requestAnimationFrame,
// navigator, storage that throws like a sandboxed frame, fetch that fails like CSP), the
// scripted player (key presses and pointer taps), the frame loop and the report.
// Floods are cut off here (too many timers, timer runs or animation-frame requests), and
// reported, so only real CPU/memory exhaustion is left to the isolate's limits.

const G = globalThis;
const stringify = JSON.stringify;
const FRAME_MS = 1000 / 60;
const MAX_TIMERS = 1000;
const MAX_TIMER_RUNS_PER_FRAME = 250;
const MAX_RAF = 1000;
const S = {
  now: 0, frame: -1, frames: 0, draws: 0, errors: [], consoleErrors: [], raf: new Map(), rafId: 0, rafUsed: false,
  timers: new Map(), timerId: 0, inTimer: false, flood: '', pendingLoads: [], document: null, byIndex: [],
  // Progress marks, read by the host after a timeout: was the synchronous part done (so the
  // time went to an endless microtask chain) or not (an endless loop)?
  marked: -1, loadedDone: false, frameSyncDone: -1,
};

function errorText(e) {
  try {
    if (e && typeof e === 'object') {
      const at = /game\.html:(\d+):(\d+)/.exec(String(e.stack || ''));
      return (String(e.name || 'Error') + ': ' + String(e.message) + (at ? ` (line ${at[1]}:${at[2]})` : '')).slice(0, 400);
    }
    return ('Uncaught ' + String(e)).slice(0, 400);
  } catch (_) {
    return 'Uncaught exception';
  }
}
function reportError(e, phase) {
  const text = errorText(e);
  const same = S.errors.find((x) => x.text === text);
  if (same) { same.count++; return; }
  if (S.errors.length < 20) S.errors.push({ phase, text, count: 1, frame: S.frame });
}
function sandboxError(what) {
  const e = new Error(`Failed to read the '${what}' property from 'Window': The document is sandboxed and lacks the 'allow-same-origin' flag.`);
  e.name = 'SecurityError';
  return e;
}

function setTimer(fn, ms, args, repeat) {
  if (typeof fn !== 'function') return 0; // string timers never run here (the static scan blocks them)
  if (S.timers.size >= MAX_TIMERS) { S.flood = S.flood || 'timers'; return 0; }
  // Browsers clamp nested timers to 4 ms, so a setTimeout(f, 0) chain runs a few times a frame.
  const delay = Math.max(S.inTimer ? 4 : 0, Number(ms) || 0);
  const id = ++S.timerId;
  S.timers.set(id, { fn, args, at: S.now + delay, every: repeat ? Math.max(4, delay) : 0 });
  return id;
}
function runTimers(until) {
  let runs = 0;
  for (;;) {
    const due = [];
    for (const entry of S.timers) if (entry[1].at <= until) due.push(entry);
    if (!due.length) return;
    due.sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
    for (const [id, t] of due) {
      if (S.timers.get(id) !== t || t.at > until) continue; // cleared or moved by an earlier callback
      if (++runs > MAX_TIMER_RUNS_PER_FRAME) { S.flood = S.flood || 'timer runs'; S.timers.clear(); return; }
      if (t.every) t.at += t.every; else S.timers.delete(id);
      S.inTimer = true;
      try { t.fn.apply(G, t.args); } catch (e) { reportError(e, 'timer'); }
      S.inTimer = false;
    }
  }
}
function requestAnimationFrame(cb) {
  if (typeof cb !== 'function') throw new TypeError("Failed to execute 'requestAnimationFrame' on 'Window': parameter 1 is not of type 'Function'.");
  S.rafUsed = true;
  if (S.raf.size >= MAX_RAF) { S.flood = S.flood || 'animation frames'; return 0; }
  const id = ++S.rafId;
  S.raf.set(id, cb);
  return id;
}

function base64(s, decode) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  if (decode) {
    const clean = String(s).replace(/[\s=]/g, '');
    let bits = 0; let acc = 0;
    for (const ch of clean) { const v = A.indexOf(ch); if (v < 0) throw new Error('InvalidCharacterError'); acc = (acc << 6) | v; bits += 6; if (bits >= 8) { bits -= 8; out += String.fromCharCode((acc >> bits) & 255); } }
    return out;
  }
  const str = String(s);
  for (let i = 0; i < str.length; i += 3) {
    const n = (str.charCodeAt(i) << 16) | ((str.charCodeAt(i + 1) || 0) << 8) | (str.charCodeAt(i + 2) || 0);
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < str.length ? A[(n >> 6) & 63] : '=') + (i + 2 < str.length ? A[n & 63] : '=');
  }
  return out;
}

const KEYS = { Enter: [13, 'Enter'], Space: [32, ' '], ArrowLeft: [37, 'ArrowLeft'], ArrowUp: [38, 'ArrowUp'], ArrowRight: [39, 'ArrowRight'], ArrowDown: [40, 'ArrowDown'], KeyA: [65, 'a'], KeyD: [68, 'd'], KeyW: [87, 'w'], KeyS: [83, 's'] };
// A scripted player: start (Enter, tap, Space), hold right, jump, hold left, WASD, tap again.
const PLAN = [[5, 'down', 'Enter'], [7, 'up', 'Enter'], [9, 'tap'], [14, 'down', 'Space'], [16, 'up', 'Space'], [20, 'down', 'ArrowRight'],
  [40, 'up', 'ArrowRight'], [42, 'down', 'ArrowUp'], [44, 'up', 'ArrowUp'], [46, 'down', 'ArrowLeft'], [66, 'up', 'ArrowLeft'],
  [68, 'down', 'Space'], [70, 'up', 'Space'], [72, 'down', 'KeyD'], [82, 'up', 'KeyD'], [84, 'down', 'KeyW'], [86, 'up', 'KeyW'],
  [88, 'down', 'KeyA'], [98, 'up', 'KeyA'], [100, 'down', 'ArrowDown'], [104, 'up', 'ArrowDown'], [106, 'tap'], [110, 'down', 'Enter'],
  [112, 'up', 'Enter'], [114, 'down', 'Space'], [116, 'up', 'Space']];

function pressKey(kind, code) {
  const [keyCode, key] = KEYS[code];
  const target = S.document.activeElement || S.document.body || S.document;
  dispatch(target, new KeyboardEvent(kind === 'down' ? 'keydown' : 'keyup', { key, code, keyCode, bubbles: true, cancelable: true }));
  if (kind === 'down') dispatch(target, new KeyboardEvent('keypress', { key, code, keyCode, charCode: key.length === 1 ? key.charCodeAt(0) : 13, bubbles: true, cancelable: true }));
}
function tapAt(phase) {
  const target = S.document.querySelector('canvas') || S.document.body || S.document;
  const [w, h] = target.size ? target.size() : [100, 100];
  const at = { clientX: w / 2, clientY: h / 2, bubbles: true, cancelable: true, buttons: phase === 'down' ? 1 : 0, pointerType: 'mouse' };
  const touch = { identifier: 1, clientX: at.clientX, clientY: at.clientY, pageX: at.clientX, pageY: at.clientY, target };
  if (phase === 'down') {
    dispatch(target, new PointerEvent('pointerdown', at));
    dispatch(target, new MouseEvent('mousedown', at));
    dispatch(target, new TouchEvent('touchstart', { touches: [touch], changedTouches: [touch], bubbles: true, cancelable: true }));
  } else {
    dispatch(target, new PointerEvent('pointerup', at));
    dispatch(target, new MouseEvent('mouseup', at));
    dispatch(target, new TouchEvent('touchend', { touches: [], changedTouches: [touch], bubbles: true, cancelable: true }));
    dispatch(target, new MouseEvent('click', at));
  }
}
const INPUT_AT = new Map();
for (const [at, kind, code] of PLAN) {
  if (kind === 'tap') { INPUT_AT.set(at, () => tapAt('down')); INPUT_AT.set(at + 2, () => tapAt('up')); } else INPUT_AT.set(at, () => pressKey(kind, code));
}
function inputFor(frame) {
  const act = INPUT_AT.get(frame % 120);
  if (act) act();
}

function fireLoads() {
  const loads = S.pendingLoads;
  S.pendingLoads = [];
  for (const img of loads) img._loaded();
}

function loaded() {
  S.document.readyState = 'interactive';
  dispatch(S.document, new Event('DOMContentLoaded', { bubbles: true }));
  S.document.readyState = 'complete';
  dispatch(G, new Event('load'));
  S.loadedDone = true;
}

async function run(frames) {
  for (let f = 0; f < frames; f++) {
    S.frame = f;
    S.now += FRAME_MS;
    fireLoads();
    inputFor(f);
    runTimers(S.now);
    const callbacks = S.raf;
    S.raf = new Map();
    if (callbacks.size) S.frames++;
    for (const cb of callbacks.values()) {
      try { cb(S.now); } catch (e) { reportError(e, 'frame'); }
    }
    S.frameSyncDone = f;
    // Let promise continuations (async game code) run between frames, as they would in a browser.
    for (let k = 0; k < 4; k++) await null;
  }
}

function progress() {
  return stringify({ marked: S.marked, loadedDone: S.loadedDone, frame: S.frame, frameSyncDone: S.frameSyncDone });
}

function report() {
  return stringify({ frames: S.frames, rafUsed: S.rafUsed, errors: S.errors, consoleErrors: S.consoleErrors, flood: S.flood, draws: S.draws });
}
