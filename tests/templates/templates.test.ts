// Static contract of every folder under templates/: template.json shape, variable
// defaults, the single config block, forbidden APIs (a regex screen; the real scanner
// lives elsewhere), size limits, and ES2017 syntax checked by acorn.
import { describe, expect, it } from '@jest/globals';
import * as acorn from 'acorn';
import { controlsSpec } from '../../game/templates/spec.ts';
import {
  configBlocks,
  defaultsOf,
  gameScripts,
  loadTemplate,
  scriptElements,
  templateIds,
  type LoadedTemplate,
  type VariableSpec,
} from './helpers.ts';

const EXPECTED: Record<string, string> = {
  basic_platformer: 'platformer',
  basic_shooter: 'shooter',
  basic_puzzle: 'puzzle',
  basic_racing: 'racing',
};
const TEMPLATE_KEYS = [
  'category',
  'controls',
  'description',
  'difficulty',
  'engine',
  'entry',
  'features',
  'id',
  'keywords',
  'name',
  'variables',
];
const BASE_VARIABLES = ['canvas_width', 'canvas_height', 'title', 'background_color', 'player_color', 'difficulty'];
const VARIABLE_KEYS: Record<VariableSpec['type'], string[]> = {
  number: ['type', 'default', 'range', 'description'],
  integer: ['type', 'default', 'range', 'description'],
  color: ['type', 'default', 'description'],
  string: ['type', 'default', 'max_length', 'description'],
  enum: ['type', 'values', 'default', 'description'],
  boolean: ['type', 'default', 'description'],
};
const MIN_BYTES = 6 * 1024;
const MAX_BYTES = 20 * 1024;

// Script screen: each entry names what it catches.
const FORBIDDEN_JS: [string, RegExp][] = [
  ['fetch', /\bfetch\s*\(/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bWebSocket\b/],
  ['EventSource', /\bEventSource\b/],
  ['sendBeacon', /\bsendBeacon\b/],
  ['navigator', /\bnavigator\b/],
  ['localStorage', /\blocalStorage\b/],
  ['sessionStorage', /\bsessionStorage\b/],
  ['indexedDB', /\bindexedDB\b/],
  ['cookie', /\bcookie\b/i],
  ['caches', /\bcaches\b/],
  ['eval', /\beval\s*\(/],
  ['Function constructor', /\bFunction\s*\(/],
  ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/],
  ['dynamic import', /\bimport\s*\(/],
  ['importScripts', /\bimportScripts\b/],
  ['Worker', /\b(?:Shared)?Worker\b/],
  ['innerHTML', /\b(?:inner|outer)HTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write/],
  ['window.open', /\bopen\s*\(/],
  ['top/parent/opener', /(?:^|[^.\w$])(?:top|parent|opener|frames)\s*[.[]/],
  ['window.top/parent/opener', /\b(?:window|self|globalThis)\s*\.\s*(?:top|parent|opener|frames)\b/],
  ['postMessage', /\bpostMessage\b/],
  ['location', /\blocation\b/],
  ['alert/confirm/prompt', /\b(?:alert|confirm|prompt)\s*\(/],
  ['createElement', /\bcreateElement\s*\(/],
  ['Image/Audio', /\bnew\s+(?:Image|Audio)\b/],
  ['url', /\b(?:https?|wss?|ftp|data|blob|javascript):/i],
];

// Markup screen: nothing that loads, embeds, navigates or runs attribute handlers.
const FORBIDDEN_HTML: [string, RegExp][] = [
  [
    'external element',
    /<\s*(?:link|img|iframe|frame|object|embed|audio|video|source|track|base|form|svg|math|picture)\b/i,
  ],
  ['meta refresh', /<\s*meta[^>]+http-equiv/i],
  ['src attribute', /\bsrc\s*=/i],
  ['href attribute', /\bhref\s*=/i],
  ['event handler attribute', /<[^>]+\son[a-z]+\s*=/i],
  ['css url()', /\burl\s*\(/i],
  ['css @import/@font-face', /@(?:import|font-face)\b/i],
  ['absolute url', /\b(?:https?|wss?|ftp):|(?:^|[\s"'(=])\/\/[a-z0-9.-]+\.[a-z]{2,}/i],
];

function checkVariable(name: string, v: VariableSpec): string[] {
  const problems: string[] = [];
  const allowed = VARIABLE_KEYS[v.type];
  if (!allowed) return [`${name}: unknown type ${String(v.type)}`];
  for (const key of Object.keys(v)) if (!allowed.includes(key)) problems.push(`${name}: unexpected key ${key}`);
  for (const key of allowed) if (!(key in v)) problems.push(`${name}: missing ${key}`);
  if (typeof v.description !== 'string' || v.description.trim() === '') problems.push(`${name}: empty description`);
  const d = v.default;
  switch (v.type) {
    case 'number':
    case 'integer': {
      const r = v.range;
      const ok = Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number' && Number.isFinite(x));
      if (!ok || !r) { problems.push(`${name}: range must be [min, max]`); break; }
      if (r[0] >= r[1]) problems.push(`${name}: empty range`);
      if (typeof d !== 'number' || !Number.isFinite(d)) problems.push(`${name}: default is not a number`);
      else if (d < r[0] || d > r[1]) problems.push(`${name}: default ${d} outside [${r[0]}, ${r[1]}]`);
      if (v.type === 'integer' && (!Number.isInteger(d) || !r.every((x) => Number.isInteger(x)))) {
        problems.push(`${name}: integer variable with a non-integer default or range`);
      }
      break;
    }
    case 'color':
      if (typeof d !== 'string' || !/^#[0-9a-f]{6}$/.test(d)) {
        problems.push(`${name}: default must be #rrggbb (lower case)`);
      }
      break;
    case 'string':
      if (!Number.isInteger(v.max_length) || (v.max_length ?? 0) < 1) {
        problems.push(`${name}: max_length must be a positive integer`);
      }
      if (typeof d !== 'string' || d.length > (v.max_length ?? 0)) {
        problems.push(`${name}: default longer than max_length`);
      }
      break;
    case 'enum': {
      const vals = v.values;
      if (!Array.isArray(vals) || vals.length === 0 || !vals.every((x) => typeof x === 'string')) {
        problems.push(`${name}: values must be a non-empty list of strings`);
      } else if (new Set(vals).size !== vals.length) problems.push(`${name}: duplicate values`);
      if (!Array.isArray(vals) || !vals.includes(d as string)) problems.push(`${name}: default not among values`);
      break;
    }
    case 'boolean':
      if (typeof d !== 'boolean') problems.push(`${name}: default is not a boolean`);
      break;
  }
  return problems;
}

const ids = templateIds();
const loaded: LoadedTemplate[] = ids.map(loadTemplate);

describe('templates folder', () => {
  it('holds the four basic templates', () => {
    for (const id of Object.keys(EXPECTED)) expect(ids).toContain(id);
  });

  it('gives every keyword to exactly one template, so suggestions are unambiguous', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of loaded) {
      for (const k of t.spec.keywords) {
        const prev = owner.get(k);
        if (prev && prev !== t.id) clashes.push(`${k}: ${prev} and ${t.id}`);
        owner.set(k, t.id);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe.each(loaded.map((t) => [t.id, t] as const))('template %s', (id, t) => {
  const spec = t.spec;

  it('has exactly the required template.json keys with sensible values', () => {
    expect(Object.keys(spec).sort()).toEqual(TEMPLATE_KEYS);
    expect(spec.id).toBe(id);
    if (EXPECTED[id]) expect(spec.category).toBe(EXPECTED[id]);
    for (const key of ['name', 'description', 'category'] as const) {
      expect(typeof spec[key]).toBe('string');
      expect(spec[key].trim()).not.toBe('');
    }
    expect(['beginner', 'intermediate', 'advanced']).toContain(spec.difficulty);
    expect(spec.engine).toBe('canvas2d');
    expect(spec.entry).toBe('game.html');
    for (const list of [spec.features, spec.keywords]) {
      expect(Array.isArray(list)).toBe(true);
      expect(list.length).toBeGreaterThan(0);
      for (const item of list) expect(item).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('declares its controls, and starts on Space and Enter as every template does', () => {
    const parsed = controlsSpec.safeParse(spec.controls);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    const controls = parsed.data!;
    expect(controls.start).toEqual(expect.arrayContaining(['Space', 'Enter']));
    // A game the player cannot steer or act in is not a game: something besides starting must exist.
    expect(controls.move.length + controls.action.length + (controls.pointer === 'none' ? 0 : 1))
      .toBeGreaterThan(0);
  });

  it('declares the base variables plus 6-11 game-specific ones, all snake_case', () => {
    const names = Object.keys(spec.variables);
    for (const base of BASE_VARIABLES) expect(names).toContain(base);
    const specific = names.filter((n) => !BASE_VARIABLES.includes(n));
    expect(specific.length).toBeGreaterThanOrEqual(6);
    expect(specific.length).toBeLessThanOrEqual(11);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
    expect(spec.variables.canvas_width?.type).toBe('number');
    expect(spec.variables.canvas_height?.type).toBe('number');
    expect(spec.variables.title?.type).toBe('string');
    expect(spec.variables.background_color?.type).toBe('color');
    expect(spec.variables.player_color?.type).toBe('color');
    expect(spec.variables.difficulty?.type).toBe('enum');
    expect(spec.variables.difficulty?.values).toEqual(['easy', 'medium', 'hard']);
  });

  it('has variables whose defaults fit their type and range', () => {
    const problems = Object.entries(spec.variables).flatMap(([n, v]) => checkVariable(n, v));
    expect(problems).toEqual([]);
  });

  it('has exactly one config block whose JSON equals the template defaults', () => {
    expect(t.html.match(/playforge-config/g)?.length).toBe(2); // the block's id and the one lookup
    const blocks = configBlocks(t.html);
    expect(blocks).toHaveLength(1);
    const parsed = JSON.parse(blocks[0] ?? 'null') as Record<string, unknown>;
    const defaults = defaultsOf(spec);
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(defaults).sort());
    expect(parsed).toStrictEqual(defaults);
  });

  it('reads its configuration only from the config block', () => {
    const scripts = gameScripts(t.html);
    expect(scripts).toHaveLength(1);
    const js = scripts[0] ?? '';
    expect(js).toContain("JSON.parse(document.getElementById('playforge-config').textContent)");
    // Every declared variable is actually used by the game.
    const unused = Object.keys(spec.variables).filter((n) => !new RegExp(`\\.${n}\\b`).test(js));
    expect(unused).toEqual([]);
  });

  it('is a self-contained HTML5 document within the size limits', () => {
    expect(t.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(t.html).toMatch(/<meta charset="utf-8">/);
    expect(t.html).toMatch(/<canvas\b/);
    expect(t.htmlBytes).toBeGreaterThanOrEqual(MIN_BYTES);
    expect(t.htmlBytes).toBeLessThanOrEqual(MAX_BYTES);
    for (const s of scriptElements(t.html)) expect(s.attrs).not.toMatch(/\bsrc\b/i);
    // Markup and styles only: script bodies have their own screen below.
    const markup = t.html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script\s*>)/gi, '$1$2');
    const hits = FORBIDDEN_HTML.filter(([, re]) => re.test(markup)).map(([what]) => what);
    expect(hits).toEqual([]);
  });

  it('uses none of the forbidden APIs', () => {
    const js = gameScripts(t.html).join('\n');
    const hits = FORBIDDEN_JS.filter(([, re]) => re.test(js)).map(([what]) => what);
    expect(hits).toEqual([]);
  });

  it('parses as plain ES2017 and uses requestAnimationFrame', () => {
    for (const js of gameScripts(t.html)) {
      expect(() => acorn.parse(js, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
      expect(js).toMatch(/\brequestAnimationFrame\s*\(/);
    }
  });
});

describe('the screens themselves', () => {
  it('flag a forbidden API and newer syntax', () => {
    const bad = "fetch('x'); localStorage.x = 1; el.innerHTML = s; top.location = 'y';";
    const hits = FORBIDDEN_JS.filter(([, re]) => re.test(bad)).map(([what]) => what);
    expect(hits)
      .toEqual(expect.arrayContaining(['fetch', 'localStorage', 'innerHTML', 'top/parent/opener', 'location']));
    expect(FORBIDDEN_JS.some(([, re]) => re.test('ctx.textBaseline = "top"; box.top = 3;'))).toBe(false);
    expect(() => acorn.parse('const a = b?.c ?? 1;', { ecmaVersion: 2017 })).toThrow();
    expect(() => acorn.parse('const o = { ...p };', { ecmaVersion: 2017 })).toThrow();
  });

  it('flag external resources in markup', () => {
    const markup = '<img src="https://cdn.example.com/x.png">';
    const hits = FORBIDDEN_HTML.filter(([, re]) => re.test(markup)).map(([w]) => w);
    expect(hits).toEqual(expect.arrayContaining(['external element', 'src attribute', 'absolute url']));
  });
});
