// Smoke-run shim, part 4: the window (timers on a virtual clock, requestAnimationFrame,
// navigator, fetch that fails like CSP), the frame loop and the report.
// The run has two phases. First ~2 s frame by frame (60 a second) with a scripted player;
// then game time runs on to LATE_UNTIL_MS in coarse steps, one frame per step, so behaviour
// that starts after a delay, after a minute or on some input is seen at little cost: in a
// step every due timer fires, in time order, with the clock at its due time, but a timeout
// chain or a fast interval only a few times (see runLateTimers), as browsers throttle the
// timers of a tab in the background.
// Floods are cut off here (too many timers, timer runs or animation-frame requests), and
// reported, so only real CPU/memory exhaustion is left to the isolate's limits.

const G = globalThis;
const stringify = JSON.stringify;
const FRAME_MS = 1000 / 60;
const MAX_TIMERS = 1000;
const MAX_TIMER_RUNS_PER_FRAME = 250;
const MAX_RAF = 1000;
const LATE_STEP_MS = 500;
const LATE_DEPTH = 4;
const MAX_TIMER_RUNS_PER_STEP = 2000;
const S = {
  now: 0, frame: -1, frames: 0, forbidden: [], draws: 0, errors: [], consoleErrors: [], raf: new Map(), rafId: 0, rafUsed: false,
  timers: new Map(), timerId: 0, inTimer: false, lateStep: 0, depth: 0, player: null, flood: '', pendingLoads: [], document: null, byIndex: [],
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
  if (typeof fn !== 'function') { forbidden(repeat ? 'setInterval with a string' : 'setTimeout with a string'); return 0; }
  if (S.timers.size >= MAX_TIMERS) { S.flood = S.flood || 'timers'; return 0; }
  // Browsers clamp nested timers to 4 ms, so a setTimeout(f, 0) chain runs a few times a frame.
  const delay = Math.max(S.inTimer ? 4 : 0, Number(ms) || 0);
  const id = ++S.timerId;
  // Set from a timer callback of a late step: one level deeper in that step (runLateTimers).
  S.timers.set(id, { fn, args, at: S.now + delay, every: repeat ? Math.max(4, delay) : 0, step: S.lateStep, depth: S.inTimer ? S.depth : 0 });
  return id;
}
function fireTimer(id, t) {
  if (t.every) t.at += t.every; else S.timers.delete(id);
  S.inTimer = true;
  try { t.fn.apply(G, t.args); } catch (e) { reportError(e, 'timer'); }
  S.inTimer = false;
}
function dueTimers(until) {
  const due = [];
  for (const entry of S.timers) if (entry[1].at <= until) due.push(entry);
  return due.sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
}
function runTimers(until) {
  let runs = 0;
  for (;;) {
    const due = dueTimers(until);
    if (!due.length) return;
    for (const [id, t] of due) {
      if (S.timers.get(id) !== t || t.at > until) continue; // cleared or moved by an earlier callback
      if (++runs > MAX_TIMER_RUNS_PER_FRAME) { S.flood = S.flood || 'timer runs'; S.timers.clear(); return; }
      fireTimer(id, t);
    }
  }
}
/** One coarse step of late game time: the clock moves to each timer's due time as it fires.
 *  A timer set (or an interval re-armed) by a callback that ran in this step runs in it too,
 *  LATE_DEPTH deep at most; deeper ones wait for the next step. So a chain of short timeouts
 *  or a fast interval fires a few times a step, and a timer that forks two keeps doubling. */
function runLateTimers(until) {
  let runs = 0;
  S.lateStep++;
  for (let progressed = true; progressed;) {
    progressed = false;
    for (const [id, t] of dueTimers(until)) {
      if (S.timers.get(id) !== t || t.at > until) continue;
      const depth = t.step === S.lateStep ? t.depth : 0;
      if (depth >= LATE_DEPTH) continue;
      if (++runs > MAX_TIMER_RUNS_PER_STEP) { S.flood = S.flood || 'timer runs'; S.timers.clear(); return; }
      if (t.at > S.now) S.now = t.at;
      S.depth = depth + 1;
      if (t.every) { t.step = S.lateStep; t.depth = depth + 1; }
      fireTimer(id, t);
      S.depth = 0;
      progressed = true;
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

function frame(f) {
  S.frame = f;
  const callbacks = S.raf;
  S.raf = new Map();
  if (callbacks.size) S.frames++;
  for (const cb of callbacks.values()) {
    try { cb(S.now); } catch (e) { reportError(e, 'frame'); }
  }
}

async function run(frames, lateUntilMs) {
  const player = S.player || makePlayer(null);
  let f = 0;
  for (; f < frames; f++) {
    S.frame = f;
    S.now += FRAME_MS;
    fireLoads();
    player.early(f);
    runTimers(S.now);
    frame(f);
    S.frameSyncDone = f;
    // Let promise continuations (async game code) run between frames, as they would in a browser.
    for (let k = 0; k < 4; k++) await null;
  }
  for (; S.now < lateUntilMs; f++) {
    S.frame = f;
    const until = Math.min(lateUntilMs, S.now + LATE_STEP_MS);
    fireLoads();
    player.press();
    runLateTimers(until);
    S.now = until;
    frame(f);
    player.release();
    S.frameSyncDone = f;
    for (let k = 0; k < 4; k++) await null;
  }
}
function progress() {
  return stringify({ marked: S.marked, loadedDone: S.loadedDone, frame: S.frame, frameSyncDone: S.frameSyncDone });
}

function report() {
  return stringify({ forbidden: S.forbidden, frames: S.frames, rafUsed: S.rafUsed, errors: S.errors, consoleErrors: S.consoleErrors, flood: S.flood, draws: S.draws });
}
