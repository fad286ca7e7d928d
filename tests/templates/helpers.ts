// Shared helpers for the template tests: load templates/<id>/, pull the config block and
// the inline scripts out of game.html, and build variable sets the engine could produce.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type VariableType = 'number' | 'integer' | 'color' | 'string' | 'enum' | 'boolean';

export interface VariableSpec {
  type: VariableType;
  default: unknown;
  description: string;
  range?: [number, number];
  max_length?: number;
  values?: string[];
}

export interface TemplateSpec {
  id: string;
  name: string;
  description: string;
  category: string;
  difficulty: string;
  engine: string;
  features: string[];
  entry: string;
  keywords: string[];
  controls?: unknown;
  variables: Record<string, VariableSpec>;
}

export interface LoadedTemplate {
  id: string;
  dir: string;
  spec: TemplateSpec;
  html: string;
  htmlBytes: number;
}

export type Config = Record<string, unknown>;

export function templateIds(): string[] {
  return fs
    .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function loadTemplate(id: string): LoadedTemplate {
  const dir = path.join(TEMPLATES_DIR, id);
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'template.json'), 'utf8')) as TemplateSpec;
  const entry = typeof spec.entry === 'string' ? spec.entry : 'game.html';
  const buf = fs.readFileSync(path.join(dir, entry));
  return { id, dir, spec, html: buf.toString('utf8'), htmlBytes: buf.length };
}

/** Every `<script ...>...</script>` element: its attribute text and its body. */
export function scriptElements(html: string): { attrs: string; body: string }[] {
  const out: { attrs: string; body: string }[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    out.push({ attrs: m[1] ?? '', body: m[2] ?? '' });
  }
  return out;
}

const CONFIG_ATTRS = /^\s+type="application\/json"\s+id="playforge-config"\s*$/;

/** Bodies of the `<script type="application/json" id="playforge-config">` blocks. */
export function configBlocks(html: string): string[] {
  return scriptElements(html)
    .filter((s) => CONFIG_ATTRS.test(s.attrs))
    .map((s) => s.body);
}

/** The executable inline scripts (everything except the JSON config block). */
export function gameScripts(html: string): string[] {
  return scriptElements(html)
    .filter((s) => !/type\s*=\s*["']?application\/json/i.test(s.attrs))
    .map((s) => s.body);
}

/** What the engine does: replace the JSON inside the config block, nothing else.
 *  `<` is escaped so a string value can never close the script element. */
export function withConfig(html: string, config: Config): string {
  const re = /(<script\s+type="application\/json"\s+id="playforge-config"\s*>)[\s\S]*?(<\/script>)/;
  if (!re.test(html)) throw new Error('config block not found');
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return html.replace(re, (_m, open: string, close: string) => open + json + close);
}

export function defaultsOf(spec: TemplateSpec): Config {
  const out: Config = {};
  for (const [name, v] of Object.entries(spec.variables)) out[name] = v.default;
  return out;
}

/** Smallest (edge 'min') or largest (edge 'max') legal value of every variable. */
export function edgeConfig(spec: TemplateSpec, edge: 'min' | 'max'): Config {
  const out: Config = {};
  for (const [name, v] of Object.entries(spec.variables)) {
    const pick = edge === 'min' ? 0 : 1;
    switch (v.type) {
      case 'number':
      case 'integer':
        out[name] = v.range ? v.range[pick] : v.default;
        break;
      case 'color':
        out[name] = edge === 'min' ? '#000000' : '#ffffff';
        break;
      case 'string':
        // Worst cases: empty, or as long as allowed with characters HTML cares about.
        out[name] = edge === 'min' ? '' : '<b>"&\'</b> Ünïcødé '.repeat(40).slice(0, v.max_length ?? 40);
        break;
      case 'enum':
        out[name] = v.values ? v.values[edge === 'min' ? 0 : v.values.length - 1] : v.default;
        break;
      case 'boolean':
        out[name] = edge === 'max';
        break;
    }
  }
  return out;
}

/** A random legal configuration from a seeded generator. */
export function randomConfig(spec: TemplateSpec, rnd: () => number): Config {
  const out: Config = {};
  for (const [name, v] of Object.entries(spec.variables)) {
    const lo = v.range ? v.range[0] : 0;
    const hi = v.range ? v.range[1] : 1;
    switch (v.type) {
      case 'number':
        out[name] = Math.round((lo + rnd() * (hi - lo)) * 10) / 10;
        break;
      case 'integer':
        out[name] = lo + Math.floor(rnd() * (hi - lo + 1));
        break;
      case 'color':
        out[name] = '#' + Math.floor(rnd() * 0x1000000).toString(16).padStart(6, '0');
        break;
      case 'string':
        out[name] = 'Game ' + Math.floor(rnd() * 1000);
        break;
      case 'enum': {
        const values = v.values ?? [];
        out[name] = values[Math.floor(rnd() * values.length)] ?? v.default;
        break;
      }
      case 'boolean':
        out[name] = rnd() < 0.5;
        break;
    }
  }
  return out;
}

export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
