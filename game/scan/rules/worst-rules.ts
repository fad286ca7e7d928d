// Rules of the "assume the worst" pass: names dangerous on whatever object they are reached,
// traps that hold the player, and code written to be unreadable. Messages are written for
// the repair model: what to remove and what to do instead.
import { API_RULES, type RuleInfo } from './api-rules.ts';
import type { Severity } from '../../vocabulary.ts';

const r = (rule: string, severity: Severity, message: string): RuleInfo => ({ rule, severity, message });
const api = (key: string): RuleInfo => API_RULES.get(key)!;

/** Member names no game uses for its own objects: reached on any object the scanner cannot
 *  follow (a parameter, a property, an event's view), they are taken to be the browser's. */
export const DISTINCTIVE_MEMBERS: ReadonlyMap<string, RuleInfo> = new Map([
  ['eval', api('eval')],
  ['execScript', api('execScript')],
  ['fetch', api('fetch')],
  ['XMLHttpRequest', api('XMLHttpRequest')],
  ['WebSocket', api('WebSocket')],
  ['MozWebSocket', api('WebSocket')],
  ['EventSource', api('EventSource')],
  ['sendBeacon', api('navigator.sendBeacon')],
  ['RTCPeerConnection', api('RTCPeerConnection')],
  ['webkitRTCPeerConnection', api('RTCPeerConnection')],
  ['mozRTCPeerConnection', api('RTCPeerConnection')],
  ['RTCDataChannel', api('RTCDataChannel')],
  ['createDataChannel', api('RTCDataChannel')],
  ['WebTransport', api('WebTransport')],
  ['Worker', api('Worker')],
  ['SharedWorker', api('SharedWorker')],
  ['serviceWorker', api('navigator.serviceWorker')],
  ['importScripts', api('importScripts')],
  ['indexedDB', api('indexedDB')],
  ['openDatabase', api('openDatabase')],
  ['execCommand', api('document.execCommand')],
  ['geolocation', api('navigator.geolocation')],
  ['getUserMedia', api('navigator.getUserMedia')],
  ['mediaDevices', api('navigator.mediaDevices')],
  ['setHTMLUnsafe', r('dom.html-unsafe', 'block',
    'Remove setHTMLUnsafe/parseHTMLUnsafe: build elements with document.createElement and set textContent.')],
  ['parseHTMLUnsafe', r('dom.html-unsafe', 'block',
    'Remove setHTMLUnsafe/parseHTMLUnsafe: build elements with document.createElement and set textContent.')],
]);
/** Of those, names a game may define for itself (a loader's `fetch()`): distinctive only when
 *  the game defines no member of that name. */
export const OWNABLE_MEMBERS = new Set(['fetch', 'geolocation']);

export const WORST = {
  functionConstructor: api('Function'),
  descriptorSetter: r('dom.descriptor-setter', 'block',
    'Do not call property setters/getters through descriptors (getOwnPropertyDescriptor, __lookupSetter__): ' +
      'assign textContent or properties directly.'),
  timerUnknown: r('dynamic-code.string-timer', 'review',
    'Pass a function to setTimeout/setInterval: this argument is not a function and would run as code.'),
  importMeta: r('exec.import-meta', 'review',
    'Remove import.meta: all code and assets must be inline in the document.'),
  globalEnumeration: r('obfuscation.computed-global', 'review',
    'Do not enumerate the global object (Object.values(window), for…in window): name the API you use directly.'),
  unloadTrap: r('navigation.unload-trap', 'block',
    'Remove beforeunload/unload handlers: the game must never hold the player on the page; ' +
      'keep progress in game state instead.'),
  focusTrap: r('navigation.focus-trap', 'review',
    'Do not call focus() from a blur handler: let the player leave the game.'),
  debuggerTrap: r('obfuscation.debugger', 'block',
    'Remove debugger statements: repeated debugger breaks are an anti-inspection trap.'),
  debuggerStatement: r('obfuscation.debugger', 'review', 'Remove the debugger statement before publishing.'),
  jsfuck: r('obfuscation.jsfuck', 'block',
    'Code written only with []()!+ (JSFuck) hides what it does: write plain JavaScript.'),
  symbolNames: r('obfuscation.symbol-names', 'block',
    'Code whose names are only symbols ($, _, ﾟωﾟ: jjencode/aaencode) hides what it does: write plain JavaScript.'),
  hexNames: r('obfuscation.hex-names', 'block',
    'Obfuscated code (_0x… names, string array and decoder) hides what it does: ship the readable source.'),
};
