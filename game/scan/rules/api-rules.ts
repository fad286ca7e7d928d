import type { Severity } from '../../vocabulary.ts';
// Browser APIs a mini game never needs, keyed by their path from the global object (after
// the resolver has seen through aliases, computed keys and escapes). Each rule's message is
// written for the repair model: what to remove and what to do instead.

export interface RuleInfo { rule: string; severity: Severity; message: string }

const r = (rule: string, severity: Severity, message: string): RuleInfo => ({ rule, severity, message });

const EVAL = r('dynamic-code.eval', 'block',
  'Remove eval(): games must not run code built from strings; call functions directly.');
const FUNCTION = r('dynamic-code.function-constructor', 'block',
  'Remove the Function constructor (also reached as x.constructor.constructor or (function(){}).constructor): ' +
    'write the function in the source instead.');
const NETWORK = (what: string, id: string): RuleInfo => r(`network.${id}`, 'block',
  `Remove ${what}: games must not use the network; keep state in memory and embed assets as data: URIs.`);
const STORAGE = (what: string, id: string): RuleInfo => r(`storage.${id}`, 'block',
  `Remove ${what}: the game runs in a sandboxed frame without storage (access throws); ` +
    'keep scores and settings in memory.');
// The play page lends every game a small per-game localStorage and sessionStorage
// (game/play/storage.ts), so using them is fine: noted, never held against the game.
const LENT_STORAGE = (what: string, id: string): RuleInfo => r(`storage.${id}`, 'info',
  `${what} is the play page's small per-game store (64 KB, kept in the player's browser): ` +
    'fine for scores and settings; keep the game playable when it is empty or full.');
const DEVICE = (what: string, id: string, severity: Severity = 'block'): RuleInfo => r(
  `device.${id}`, severity,
  `Remove ${what}: a mini game must not ask for device access or permissions; ` +
    'use keyboard, pointer and touch input only.');
const WORKER = r('exec.worker', 'block',
  'Remove Worker/SharedWorker: run game logic on the main thread in the requestAnimationFrame loop.');
const POPUP = r('navigation.popup', 'block',
  'Remove window.open/showModalDialog: the game must stay in its frame and open no windows.');
const LOCATION_CALL = r('navigation.location', 'block',
  'Do not navigate (location assign/replace/reload): restart the game by resetting its state in code.');
const FRAME = r('navigation.frame-access', 'review',
  'Do not touch top/parent/opener or other frames: the game must only use its own window and canvas.');
const DIALOG = r('navigation.modal-dialog', 'info',
  'alert/confirm/prompt/print are blocked in the sandbox: draw messages on the canvas instead.');
const WRITE = r('dom.document-write', 'block',
  'Remove document.write/open: build the page in the HTML and change it with DOM methods and textContent.');

export const API_RULES: ReadonlyMap<string, RuleInfo> = new Map(Object.entries({
  'eval': EVAL,
  'execScript': EVAL,
  'Function': FUNCTION,

  'fetch': NETWORK('fetch()', 'fetch'),
  'XMLHttpRequest': NETWORK('XMLHttpRequest', 'xhr'),
  'WebSocket': NETWORK('WebSocket', 'websocket'),
  'MozWebSocket': NETWORK('WebSocket', 'websocket'),
  'EventSource': NETWORK('EventSource', 'eventsource'),
  'navigator.sendBeacon': NETWORK('navigator.sendBeacon()', 'beacon'),
  'RTCPeerConnection': NETWORK('RTCPeerConnection (WebRTC)', 'webrtc'),
  'webkitRTCPeerConnection': NETWORK('RTCPeerConnection (WebRTC)', 'webrtc'),
  'mozRTCPeerConnection': NETWORK('RTCPeerConnection (WebRTC)', 'webrtc'),
  'RTCDataChannel': NETWORK('RTCDataChannel (WebRTC)', 'webrtc'),
  'WebTransport': NETWORK('WebTransport', 'webtransport'),
  'BroadcastChannel': r('network.broadcast-channel', 'review',
    'Remove BroadcastChannel: a game has no other tabs or frames to talk to.'),

  'document.cookie': STORAGE('document.cookie', 'cookie'),
  'cookieStore': STORAGE('cookieStore', 'cookie'),
  'localStorage': LENT_STORAGE('localStorage', 'local'),
  'sessionStorage': LENT_STORAGE('sessionStorage', 'session'),
  'indexedDB': STORAGE('indexedDB', 'indexeddb'),
  'webkitIndexedDB': STORAGE('indexedDB', 'indexeddb'),
  'mozIndexedDB': STORAGE('indexedDB', 'indexeddb'),
  'caches': STORAGE('the Cache API (caches)', 'cache'),
  'openDatabase': STORAGE('openDatabase (WebSQL)', 'websql'),
  'requestFileSystem': STORAGE('the FileSystem API', 'filesystem'),
  'webkitRequestFileSystem': STORAGE('the FileSystem API', 'filesystem'),
  'navigator.storage': STORAGE('navigator.storage', 'quota'),

  'open': POPUP,
  'showModalDialog': POPUP,
  'top': FRAME,
  'parent': FRAME,
  'opener': FRAME,
  'location.assign': LOCATION_CALL,
  'location.replace': LOCATION_CALL,
  // Reloading the game's own document is harmless in the sandbox, just clumsy.
  'location.reload': r('navigation.reload', 'info',
    'Restart the game by resetting its state instead of reloading the page.'),
  'navigation.navigate': LOCATION_CALL,
  'navigation.reload': r('navigation.reload', 'info',
    'Restart the game by resetting its state instead of reloading the page.'),
  'history.pushState': r('navigation.history', 'review',
    'Do not change the history (pushState/replaceState/go/back): keep screens as game state.'),
  'history.replaceState': r('navigation.history', 'review',
    'Do not change the history (pushState/replaceState/go/back): keep screens as game state.'),
  'history.go': r('navigation.history', 'review',
    'Do not change the history (pushState/replaceState/go/back): keep screens as game state.'),
  'history.back': r('navigation.history', 'review',
    'Do not change the history (pushState/replaceState/go/back): keep screens as game state.'),
  'document.domain': r('navigation.document-domain', 'block', 'Do not read or set document.domain.'),
  'alert': DIALOG,
  'confirm': DIALOG,
  'prompt': DIALOG,
  'print': DIALOG,

  'document.write': WRITE,
  'document.writeln': WRITE,
  'document.open': WRITE,
  'DOMParser': r('dom.html-parser', 'review',
    'Do not parse HTML strings (DOMParser): create elements with document.createElement and set textContent.'),
  'document.execCommand': r('dom.exec-command', 'review',
    'Remove document.execCommand (clipboard/editing): a game does not need it.'),

  'Worker': WORKER,
  'SharedWorker': WORKER,
  'navigator.serviceWorker': r('exec.service-worker', 'block',
    'Remove service workers: a game must not install background code.'),
  'WebAssembly': r('exec.wasm', 'block',
    'Remove WebAssembly: write the game in plain JavaScript that can be reviewed.'),
  'importScripts': r('exec.import-scripts', 'block',
    'Remove importScripts(): all code must be inline in the document.'),
  'Worklet': r('exec.worklet', 'block',
    'Remove worklets (audio/paint): all code must be inline and run on the main thread.'),
  'CSS.paintWorklet': r('exec.worklet', 'block',
    'Remove worklets (audio/paint): all code must be inline and run on the main thread.'),

  'navigator.geolocation': DEVICE('navigator.geolocation', 'geolocation'),
  'navigator.mediaDevices': DEVICE('camera/microphone access (mediaDevices)', 'camera-microphone'),
  'navigator.getUserMedia': DEVICE('getUserMedia', 'camera-microphone'),
  'navigator.webkitGetUserMedia': DEVICE('getUserMedia', 'camera-microphone'),
  'navigator.mozGetUserMedia': DEVICE('getUserMedia', 'camera-microphone'),
  'MediaRecorder': DEVICE('MediaRecorder', 'camera-microphone'),
  'SpeechRecognition': DEVICE('speech recognition (microphone)', 'camera-microphone'),
  'webkitSpeechRecognition': DEVICE('speech recognition (microphone)', 'camera-microphone'),
  'navigator.clipboard': DEVICE('navigator.clipboard', 'clipboard'),
  'Notification': DEVICE('Notification', 'notifications'),
  'navigator.bluetooth': DEVICE('navigator.bluetooth', 'bluetooth'),
  'navigator.usb': DEVICE('navigator.usb', 'usb'),
  'navigator.serial': DEVICE('navigator.serial', 'serial'),
  'navigator.hid': DEVICE('navigator.hid', 'hid'),
  'NDEFReader': DEVICE('NFC (NDEFReader)', 'nfc'),
  'navigator.requestMIDIAccess': DEVICE('MIDI access', 'midi'),
  'navigator.credentials': DEVICE('navigator.credentials', 'credentials'),
  'PaymentRequest': DEVICE('PaymentRequest', 'payment'),
  'navigator.contacts': DEVICE('navigator.contacts', 'contacts'),
  'showOpenFilePicker': DEVICE('file pickers', 'file-system'),
  'showSaveFilePicker': DEVICE('file pickers', 'file-system'),
  'showDirectoryPicker': DEVICE('file pickers', 'file-system'),
  'IdleDetector': DEVICE('IdleDetector', 'idle'),
  'getScreenDetails': DEVICE('getScreenDetails', 'screen-details'),
  'navigator.registerProtocolHandler': DEVICE('registerProtocolHandler', 'protocol-handler'),
  'navigator.permissions': DEVICE('navigator.permissions', 'permissions', 'review'),
  'navigator.xr': DEVICE('WebXR', 'xr', 'review'),
  'navigator.share': DEVICE('navigator.share', 'share', 'review'),
  'navigator.getBattery': DEVICE('navigator.getBattery (fingerprinting)', 'fingerprint', 'review'),
  'navigator.userAgentData': DEVICE('navigator.userAgentData (fingerprinting)', 'fingerprint', 'review'),
  'navigator.getInstalledRelatedApps': DEVICE('getInstalledRelatedApps (fingerprinting)', 'fingerprint', 'review'),
  'DeviceMotionEvent.requestPermission': DEVICE('motion sensor permission requests', 'motion', 'review'),
  'DeviceOrientationEvent.requestPermission': DEVICE('orientation sensor permission requests', 'motion', 'review'),
  'EyeDropper': DEVICE('EyeDropper', 'eyedropper', 'review'),
  'navigator.wakeLock': DEVICE('navigator.wakeLock', 'wake-lock', 'info'),
  'navigator.vibrate': DEVICE('navigator.vibrate', 'vibrate', 'info'),
}));

/** Properties that are dangerous on any object (the object is usually an element or a context). */
export const PROPERTY_RULES: ReadonlyMap<string, RuleInfo> = new Map(Object.entries({
  audioWorklet: r('exec.worklet', 'block',
    'Remove worklets (audio/paint): all code must be inline and run on the main thread.'),
  paintWorklet: r('exec.worklet', 'block',
    'Remove worklets (audio/paint): all code must be inline and run on the main thread.'),
  contentWindow: FRAME,
  contentDocument: FRAME,
  createContextualFragment: r('dom.html-parser', 'review',
    'Do not parse HTML strings: create elements with document.createElement and set textContent.'),
}));
// Maps, not object literals: a looked-up key such as 'constructor' must never hit Object.prototype.

export const RULES = {
  stringTimer: r('dynamic-code.string-timer', 'block',
    'Pass a function to setTimeout/setInterval, never a string of code.'),
  handlerString: r('dynamic-code.handler-string', 'block',
    'Do not set on* attributes from strings: use addEventListener with a function.'),
  javascriptUrl: r('dynamic-code.javascript-url', 'review',
    'Remove javascript: URLs: attach behaviour with addEventListener.'),
  javascriptUrlBlock: r('dynamic-code.javascript-url', 'block',
    'Do not assign javascript: URLs from code: attach behaviour with addEventListener.'),
  dynamicImport: r('exec.dynamic-import', 'block', 'Remove import(): all code must be inline in the document.'),
  moduleImport: r('external.module-import', 'block',
    'Remove import/export from: all code must be inline in one classic <script>.'),
  locationWrite: r('navigation.location', 'block',
    'Do not assign location (or top.location…): the game must not navigate; reset game state to restart.'),
  locationRead: r('navigation.location-read', 'info', 'Reading location is unnecessary in a game; remove it.'),
  resourceUrl: r('network.resource-url', 'block',
    'Remove the external URL: load nothing from the network; embed images and sounds as data: URIs.'),
  innerHtml: r('dom.inner-html', 'review',
    'Do not assign HTML strings built from data (innerHTML/outerHTML/insertAdjacentHTML): ' +
      'use textContent or createElement.'),
  innerHtmlConstant: r('dom.inner-html', 'info',
    'Prefer textContent or createElement over innerHTML, even for constant markup.'),
  htmlScript: r('dom.script-injection', 'block',
    'Do not inject markup containing <script>, on* handlers or javascript: URLs; build elements with createElement.'),
  srcdoc: r('dom.srcdoc', 'block', 'Do not set srcdoc: a game must not create nested documents.'),
  scriptElement: r('dom.script-element', 'block',
    'Do not create <script> elements: all code must be inline in the document.'),
  embedElement: r('markup.embedded-content', 'block',
    'Do not create iframe/object/embed elements: draw everything into the game canvas.'),
  headElement: r('markup.head-element', 'review',
    'Do not create link/meta/base elements from code: games load nothing and never navigate.'),
  frameAccess: FRAME,
  formSubmit: r('network.form-submit', 'review',
    'Remove form submission (submit/requestSubmit, <form> elements): games send nothing anywhere.'),
  computedGlobal: r('obfuscation.computed-global', 'review',
    'Do not access global properties with computed names (window[x]): name the API you use directly.'),
  escapedIdentifier: r('obfuscation.escaped-identifier', 'review',
    'Write identifiers plainly: unicode escapes in names hide what the code calls.'),
  escapedString: r('obfuscation.escaped-string', 'review',
    'Write strings plainly: \\x/\\u escapes of ordinary letters hide what the code does.'),
  charCodes: r('obfuscation.char-codes', 'review',
    'Do not build strings from character codes: write the text directly.'),
  encodedPayload: r('obfuscation.encoded-payload', 'review',
    'Do not decode large encoded payloads (atob/decodeURIComponent of long strings): write the code or data plainly.'),
  encodedCode: r('obfuscation.encoded-code', 'block',
    'An encoded string decodes to code using blocked APIs: remove the payload and write plain code.'),
  encodedString: r('obfuscation.encoded-string', 'review',
    'Long encoded (base64/hex) string that is not an image or sound: remove it or embed media as a data: URI.'),
  withStatement: r('obfuscation.with', 'review', 'Remove `with` statements: they hide which object a name refers to.'),
  busyLoop: r('resource.busy-loop', 'block',
    'This loop never exits (no break/return): ' +
      'run game logic once per requestAnimationFrame instead of looping forever.'),
  hugeLoop: r('resource.huge-loop', 'block',
    'This loop runs a billion+ times: do per-frame work in the requestAnimationFrame loop.'),
  hugeAllocation: r('resource.huge-allocation', 'block',
    'Allocation of 100M+ elements/bytes: size arrays to the game (a few thousand entries).'),
  largeAllocation: r('resource.huge-allocation', 'review',
    'Allocation of 10M+ elements/bytes: size arrays to the game (a few thousand entries).'),
};
