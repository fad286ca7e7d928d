// Smoke-run shim, part 4a: the scripted player. During the first seconds it plays like a
// person would (start, hold a direction, jump, tap), using the game's declared controls when
// the scan knows them; afterwards, while game time runs on in coarse steps, it works through
// every ordinary key (declared ones first, then arrows, WASD, Space, Enter, Escape, digits
// and letters) and pointer, mouse and touch input, so code that only runs on some key or
// click runs here too. Every key goes down before a frame and up after it.

/** KeyboardEvent.code → [keyCode, key], for any code a game may listen to. */
function keyInfo(code) {
  const named = { Enter: [13, 'Enter'], Space: [32, ' '], Escape: [27, 'Escape'], Tab: [9, 'Tab'], Backspace: [8, 'Backspace'],
    ShiftLeft: [16, 'Shift'], ControlLeft: [17, 'Control'], ArrowLeft: [37, 'ArrowLeft'], ArrowUp: [38, 'ArrowUp'],
    ArrowRight: [39, 'ArrowRight'], ArrowDown: [40, 'ArrowDown'] };
  if (named[code]) return named[code];
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return [letter[1].charCodeAt(0), letter[1].toLowerCase()];
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return [48 + Number(digit[1]), digit[1]];
  return [0, code];
}

const STANDARD_KEYS = ['Enter', 'Space', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'KeyW', 'KeyA', 'KeyS', 'KeyD', 'Escape',
  'ShiftLeft', 'ControlLeft', 'Tab', 'Backspace', ...'0123456789'.split('').map((d) => 'Digit' + d),
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => 'Key' + l)];

function pressKey(kind, code) {
  const [keyCode, key] = keyInfo(code);
  const target = S.document.activeElement || S.document.body || S.document;
  dispatch(target, new KeyboardEvent(kind === 'down' ? 'keydown' : 'keyup', { key, code, keyCode, bubbles: true, cancelable: true }));
  if (kind === 'down') dispatch(target, new KeyboardEvent('keypress', { key, code, keyCode, charCode: key.length === 1 ? key.charCodeAt(0) : 13, bubbles: true, cancelable: true }));
}
/** A press, move or release at a spot of the canvas (its centre unless `at` gives a fraction). */
function tapAt(phase, at) {
  const target = S.document.querySelector('canvas') || S.document.body || S.document;
  const [w, h] = target.size ? target.size() : [100, 100];
  const [fx, fy] = at || [0.5, 0.5];
  const init = { clientX: w * fx, clientY: h * fy, bubbles: true, cancelable: true, buttons: phase === 'down' || phase === 'move' ? 1 : 0, pointerType: 'mouse', view: null };
  const touch = { identifier: 1, clientX: init.clientX, clientY: init.clientY, pageX: init.clientX, pageY: init.clientY, target };
  if (phase === 'move') {
    dispatch(target, new PointerEvent('pointermove', init));
    dispatch(target, new MouseEvent('mousemove', init));
    dispatch(target, new TouchEvent('touchmove', { touches: [touch], changedTouches: [touch], bubbles: true, cancelable: true }));
  } else if (phase === 'down') {
    dispatch(target, new PointerEvent('pointerdown', init));
    dispatch(target, new MouseEvent('mousedown', init));
    dispatch(target, new TouchEvent('touchstart', { touches: [touch], changedTouches: [touch], bubbles: true, cancelable: true }));
  } else {
    dispatch(target, new PointerEvent('pointerup', init));
    dispatch(target, new MouseEvent('mouseup', init));
    dispatch(target, new TouchEvent('touchend', { touches: [], changedTouches: [touch], bubbles: true, cancelable: true }));
    dispatch(target, new MouseEvent('click', init));
  }
}

/** The first seconds, frame by frame: [frame, action, key]. With declared controls: start,
 *  then each move key held and each action key tapped; otherwise a standard session. */
function earlyPlan(controls) {
  if (!controls) {
    return [[5, 'down', 'Enter'], [7, 'up', 'Enter'], [9, 'tap'], [14, 'down', 'Space'], [16, 'up', 'Space'], [20, 'down', 'ArrowRight'],
      [40, 'up', 'ArrowRight'], [42, 'down', 'ArrowUp'], [44, 'up', 'ArrowUp'], [46, 'down', 'ArrowLeft'], [66, 'up', 'ArrowLeft'],
      [68, 'down', 'Space'], [70, 'up', 'Space'], [72, 'down', 'KeyD'], [82, 'up', 'KeyD'], [84, 'down', 'KeyW'], [86, 'up', 'KeyW'],
      [88, 'down', 'KeyA'], [98, 'up', 'KeyA'], [100, 'down', 'ArrowDown'], [104, 'up', 'ArrowDown'], [106, 'tap'], [110, 'down', 'Enter'],
      [112, 'up', 'Enter'], [114, 'down', 'Space'], [116, 'up', 'Space']];
  }
  const plan = [[5, 'down', controls.start[0]], [7, 'up', controls.start[0]], [9, 'tap']];
  let f = 14;
  const moves = controls.move.slice(0, 6);
  const actions = controls.action.slice(0, 4);
  for (let i = 0; i < Math.max(moves.length, actions.length) && f < 110; i++) {
    if (moves[i]) { plan.push([f, 'down', moves[i]], [f + 10, 'up', moves[i]]); f += 12; }
    const act = actions[i % Math.max(1, actions.length)];
    if (act) { plan.push([f, 'down', act], [f + 2, 'up', act]); f += 4; }
  }
  plan.push([Math.max(f, 106), 'tap']);
  return plan;
}

function makePlayer(controls) {
  const early = new Map();
  for (const [at, kind, code] of earlyPlan(controls)) {
    if (kind === 'tap') { early.set(at, () => tapAt('down')); early.set(at + 2, () => tapAt('up')); } else early.set(at, () => pressKey(kind, code));
  }
  const declared = controls ? [...controls.start, ...controls.move, ...controls.action] : [];
  const keys = [...new Set([...declared, ...STANDARD_KEYS])];
  // Late steps: a key on each step, a pointer gesture at a new spot every third step.
  const spots = [[0.5, 0.5], [0.2, 0.8], [0.8, 0.2], [0.1, 0.1], [0.9, 0.9], [0.5, 0.1]];
  let step = 0;
  let held = null;
  let pressed = false;
  return {
    early(frame) { const act = early.get(frame % 120); if (act) act(); },
    /** Before a late step's frame: press. */
    press() {
      held = keys[step % keys.length];
      pressKey('down', held);
      pressed = step % 3 === 0;
      if (pressed) { const at = spots[(step / 3) % spots.length | 0]; tapAt('move', at); tapAt('down', at); }
    },
    /** After it: release what was pressed. */
    release() {
      if (held) pressKey('up', held);
      if (pressed) tapAt('up', spots[(step / 3) % spots.length | 0]);
      held = null; pressed = false; step++;
    },
  };
}
