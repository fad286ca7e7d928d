// Abstract values for the static scanner and the operations on them that need no scope:
// member access (with the global object's aliases folded in), and the string/array/global
// builtins a payload is usually built with (fromCharCode, atob, split/reverse/join, …).
import { reserve } from '../budget.ts';
import type { FunctionNode } from './scope.ts';

export type Value =
  | { t: 'g'; path: string[] } // [] is the global object itself
  | { t: 's'; v: string }
  | { t: 'n'; v: number }
  | { t: 'a'; items: Value[] }
  | { t: 'f'; node: FunctionNode }
  | { t: 'ctor' } // some object's constructor: a function whose own .constructor is Function
  | { t: 'or'; options: Value[]; partial?: boolean } // partial: some alternatives are unknown
  | { t: 'u' };

export const UNKNOWN: Value = { t: 'u' };
export const GLOBAL_ALIASES = new Set(['window', 'self', 'globalThis', 'frames', 'parent', 'top']);
/** Global namespaces that are plain objects: their `.constructor` is Object, not Function. */
const NAMESPACES = new Set([
  'Math', 'JSON', 'Reflect', 'Intl', 'Atomics', 'WebAssembly', 'CSS', 'console', 'document', 'navigator', 'location',
  'history', 'screen', 'performance',
]);
/** Lower-case global functions (constructors are capitalised): their .constructor is Function. */
const GLOBAL_FUNCTIONS = new Set([
  'eval', 'alert', 'confirm', 'prompt', 'print', 'open', 'close', 'fetch', 'setTimeout', 'setInterval',
  'clearTimeout', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame', 'queueMicrotask', 'parseInt',
  'parseFloat', 'isNaN', 'isFinite', 'atob', 'btoa', 'escape', 'unescape', 'encodeURI', 'encodeURIComponent',
  'decodeURI', 'decodeURIComponent', 'addEventListener', 'removeEventListener', 'dispatchEvent', 'getComputedStyle',
  'matchMedia', 'postMessage', 'structuredClone', 'scrollTo', 'focus', 'blur', 'importScripts', 'reportError',
  'requestIdleCallback', 'createImageBitmap',
]);

/** A name the browser defines on the global object (not one the game added). */
export function isBrowserGlobal(name: string): boolean {
  return NAMESPACES.has(name) || GLOBAL_FUNCTIONS.has(name) || GLOBAL_ALIASES.has(name) || /^[A-Z]/.test(name);
}

function isGlobalFunction(name: string): boolean {
  if (NAMESPACES.has(name)) return false;
  return GLOBAL_FUNCTIONS.has(name) || /^[A-Z]/.test(name);
}

export const MAX_OPTIONS = 8;
export const MAX_STRING = 200_000;
/** Items of one array value (split, concat, spread, Array.from): more is given up as unknown. */
export const MAX_ITEMS = 4096;

export function options(v: Value): Value[] {
  return v.t === 'or' ? v.options : [v];
}

export function anyOf(values: Value[]): Value {
  const flat: Value[] = [];
  let partial = false;
  for (const v of values) {
    if (v.t === 'or' && v.partial) partial = true;
    for (const o of options(v)) {
      if (o.t === 'u' || flat.length >= MAX_OPTIONS) partial = true;
      else flat.push(o);
    }
  }
  if (flat.length === 0) return UNKNOWN;
  if (partial) return { t: 'or', options: flat, partial };
  return flat.length === 1 ? flat[0]! : { t: 'or', options: flat };
}

/** Every alternative is known (nothing left that could be something else). */
export function isComplete(v: Value): boolean {
  return v.t !== 'u' && !(v.t === 'or' && v.partial === true);
}

export function globalPaths(v: Value): string[][] {
  return options(v).flatMap((o) => (o.t === 'g' ? [o.path] : []));
}

export function stringsOf(v: Value): string[] {
  return options(v).flatMap((o) => (o.t === 's' ? [o.v] : o.t === 'n' ? [String(o.v)] : []));
}

/** Every string value is built here: truncated to MAX_STRING and charged to the scan budget. */
export function str(v: string): Value {
  const s = v.length > MAX_STRING ? v.slice(0, MAX_STRING) : v;
  return reserve(s.length) ? { t: 's', v: s } : UNKNOWN;
}

/** Every array value is built here: unknown past MAX_ITEMS or past the scan budget. */
export function arr(items: Value[]): Value {
  return items.length <= MAX_ITEMS && reserve(items.length) ? { t: 'a', items } : UNKNOWN;
}

/** The total length of strings about to be joined is known before joining them: refuse early. */
export function fits(lengths: number): boolean {
  return lengths <= MAX_STRING;
}

/** Length of `s` with every `a` replaced by `b` (a linear count, no string is built). */
function replacedLength(s: string, a: string, b: string, all: boolean): number {
  if (b.length <= a.length) return s.length;
  let n = 0;
  if (a === '') n = all ? s.length + 1 : 1;
  else for (let i = s.indexOf(a); i >= 0 && (all || n === 0); i = s.indexOf(a, i + a.length)) n++;
  return s.length + n * (b.length - a.length);
}

function decodeBase64(s: string): string | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean, 'base64').toString('latin1');
}

export function member(obj: Value, key: string): Value {
  switch (obj.t) {
    case 'or': return anyOf(obj.options.map((o) => member(o, key)));
    case 's':
      if (key === 'length') return { t: 'n', v: obj.v.length };
      if (key === 'constructor') return { t: 'g', path: ['String'] };
      return /^\d+$/.test(key) ? str(obj.v[Number(key)] ?? '') : UNKNOWN;
    case 'n': return key === 'constructor' ? { t: 'g', path: ['Number'] } : UNKNOWN;
    case 'a':
      if (key === 'length') return { t: 'n', v: obj.items.length };
      if (key === 'constructor') return { t: 'g', path: ['Array'] };
      return /^\d+$/.test(key) ? (obj.items[Number(key)] ?? UNKNOWN) : UNKNOWN;
    case 'f': return key === 'constructor' ? { t: 'g', path: ['Function'] } : UNKNOWN;
    case 'ctor': return key === 'constructor' ? { t: 'g', path: ['Function'] } : UNKNOWN;
    case 'u':
      if (key === 'defaultView') return { t: 'g', path: [] }; // only ever a window
      if (key === 'ownerDocument') return { t: 'g', path: ['document'] };
      return key === 'constructor' ? { t: 'ctor' } : UNKNOWN;
    case 'g': {
      const p = obj.path;
      if (p.length === 0 && (GLOBAL_ALIASES.has(key) || /^\d+$/.test(key))) return obj; // window[0]: a frame's window
      if (key === 'defaultView') return { t: 'g', path: [] };
      if (key === 'ownerDocument') return { t: 'g', path: ['document'] };
      if (p.length === 1 && p[0] === 'document' && key === 'defaultView') return { t: 'g', path: [] };
      if (p.length === 1 && p[0] === 'document' && key === 'location') return { t: 'g', path: ['location'] };
      if (p.length === 0 && key === 'clientInformation') return { t: 'g', path: ['navigator'] };
      if (key === 'constructor') {
        if (p[p.length - 1] === 'prototype') return { t: 'g', path: p.slice(0, -1) };
        if (p.length === 1 && isGlobalFunction(p[0]!)) return { t: 'g', path: ['Function'] };
        if (p[p.length - 1] === 'constructor') return { t: 'g', path: ['Function'] };
        // A method of a browser namespace or class (Math.max, document.write): a function.
        if (p.length >= 2 && isBrowserGlobal(p[0]!) && /^[a-z]/.test(p[p.length - 1]!)) {
          return { t: 'g', path: ['Function'] };
        }
        return { t: 'ctor' };
      }
      if (key === '__proto__' && p.length === 1 && p[0] === 'Function') {
        return { t: 'g', path: ['Function', 'prototype'] };
      }
      return p.length >= 6 ? UNKNOWN : { t: 'g', path: [...p, key] };
    }
  }
}

export const STRING_METHODS: Record<string, (s: string, args: Value[]) => Value> = {
  split: (s, [sep]) => (sep?.t === 's' ? arr(s.split(sep.v, MAX_ITEMS).map(str)) : UNKNOWN),
  concat: (s, args) => {
    if (!args.every((a) => a.t === 's' || a.t === 'n')) return UNKNOWN;
    const parts = args.map((a) => String(a.v));
    return fits(parts.reduce((n, p) => n + p.length, s.length)) ? str(s + parts.join('')) : UNKNOWN;
  },
  toLowerCase: (s) => str(s.toLowerCase()),
  toUpperCase: (s) => str(s.toUpperCase()),
  trim: (s) => str(s.trim()),
  replace: (s, [a, b]) => (a?.t === 's' && b?.t === 's' && fits(replacedLength(s, a.v, b.v, false))
    ? str(s.replace(a.v, () => b.v)) : UNKNOWN),
  replaceAll: (s, [a, b]) => (a?.t === 's' && b?.t === 's' && fits(replacedLength(s, a.v, b.v, true))
    ? str(s.replaceAll(a.v, () => b.v)) : UNKNOWN),
  slice: (s, [a, b]) => (a?.t === 'n' ? str(s.slice(a.v, b?.t === 'n' ? b.v : undefined)) : UNKNOWN),
  substring: (s, [a, b]) => (a?.t === 'n' ? str(s.substring(a.v, b?.t === 'n' ? b.v : undefined)) : UNKNOWN),
  substr: (s, [a, b]) => (a?.t === 'n' ? str(s.substr(a.v, b?.t === 'n' ? b.v : undefined)) : UNKNOWN),
  charAt: (s, [a]) => (a?.t === 'n' ? str(s.charAt(a.v)) : UNKNOWN),
  at: (s, [a]) => (a?.t === 'n' ? str(s.at(a.v) ?? '') : UNKNOWN),
  repeat: (s, [n]) => (n?.t === 'n' && n.v >= 0 && fits(n.v * s.length) ? str(s.repeat(n.v)) : UNKNOWN),
  toString: (s: string) => str(s),
  valueOf: (s: string) => str(s),
  normalize: (s) => str(s.normalize()),
};

export function arrayMethod(items: Value[], name: string, args: Value[]): Value {
  switch (name) {
    case 'join': {
      const sep = args[0]?.t === 's' ? args[0].v : ',';
      const parts = items.map((i) => (i.t === 's' || i.t === 'n' ? String(i.v) : undefined));
      if (!parts.every((p) => p !== undefined)) return UNKNOWN;
      const length = parts.reduce((n, p) => n + p.length, sep.length * Math.max(0, parts.length - 1));
      return fits(length) ? str(parts.join(sep)) : UNKNOWN;
    }
    case 'reverse': return arr([...items].reverse());
    case 'concat': {
      const count = args.reduce((n, a) => n + (a.t === 'a' ? a.items.length : 1), items.length);
      return count <= MAX_ITEMS ? arr([...items, ...args.flatMap((a) => (a.t === 'a' ? a.items : [a]))]) : UNKNOWN;
    }
    case 'slice':
      return args[0]?.t === 'n' ? arr(items.slice(args[0].v, args[1]?.t === 'n' ? args[1].v : undefined)) : UNKNOWN;
    default: return UNKNOWN;
  }
}

export function globalCall(path: string[], args: Value[]): Value {
  const name = path.join('.');
  const a0 = args[0];
  switch (name) {
    case 'String.fromCharCode': case 'String.fromCodePoint':
      return args.every((a) => a.t === 'n')
        ? str(String.fromCodePoint(...args.map((a) => Math.max(0, Math.min(0x10ffff, (a as { v: number }).v | 0)))))
        : UNKNOWN;
    case 'atob': {
      const d = a0?.t === 's' ? decodeBase64(a0.v) : undefined;
      return d === undefined ? UNKNOWN : str(d);
    }
    case 'btoa': return a0?.t === 's' ? str(Buffer.from(a0.v, 'latin1').toString('base64')) : UNKNOWN;
    case 'decodeURIComponent': case 'decodeURI': case 'unescape':
      if (a0?.t !== 's') return UNKNOWN;
      try {
        return str(decodeURIComponent(
          a0.v.replace(/%u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
        ));
      } catch { return UNKNOWN; }
    case 'String': return a0?.t === 's' || a0?.t === 'n' ? str(String(a0.v)) : UNKNOWN;
    case 'Array.from': case 'Array.of':
      if (name === 'Array.from' && a0?.t === 's') return a0.v.length <= MAX_ITEMS ? arr([...a0.v].map(str)) : UNKNOWN;
      return name === 'Array.of' ? arr(args) : a0 ?? UNKNOWN;
    case 'Reflect.get': return a0 && args[1] ? anyOf(stringsOf(args[1]).map((k) => member(a0, k))) : UNKNOWN;
    case 'Object.getPrototypeOf': case 'Reflect.getPrototypeOf':
      return options(a0 ?? UNKNOWN).some((o) => o.t === 'f') ? { t: 'g', path: ['Function', 'prototype'] } : UNKNOWN;
    default: return UNKNOWN;
  }
}
