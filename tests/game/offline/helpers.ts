// Shared helpers for the offline engine tests: the real templates as TemplateSource, and an
// independent reading of a game's config block (not the engine's own code).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateSpec } from '../../../game/templates/spec.ts';
import type { Intent, TemplateSource } from '../../../game/offline/index.ts';

const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

export function loadTemplates(): TemplateSource[] {
  return fs
    .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const json = fs.readFileSync(path.join(TEMPLATES_DIR, id, 'template.json'), 'utf8');
      const spec = templateSpec.parse(JSON.parse(json));
      const code = fs.readFileSync(path.join(TEMPLATES_DIR, id, spec.entry), 'utf8');
      return {
        id: spec.id, version: 1, name: spec.name, category: spec.category, keywords: spec.keywords,
        features: spec.features, variables: spec.variables, code,
      };
    });
}

export const TEMPLATES = loadTemplates();

export function template(id: string): TemplateSource {
  const found = TEMPLATES.find((t) => t.id === id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
}

const BLOCK_RE = /(<script type="application\/json" id="playforge-config">)([\s\S]*?)(<\/script>)/;

/** The text inside the config block. */
export function configText(html: string): string {
  const m = BLOCK_RE.exec(html);
  if (!m) throw new Error('no config block');
  return m[2]!;
}

export function configOf(html: string): Record<string, unknown> {
  return JSON.parse(configText(html)) as Record<string, unknown>;
}

/** The document with the config block's contents cut out: must never change. */
export function outsideConfig(html: string): string {
  return html.replace(BLOCK_RE, '$1$3');
}

export function defaultsOf(t: TemplateSource): Record<string, unknown> {
  return Object.fromEntries(Object.entries(t.variables).map(([name, spec]) => [name, spec.default]));
}

export type IntentCore = Omit<Intent, 'keywords' | 'confidence'>;

/** The parts of an Intent that tests pin exactly (keywords and confidence are checked apart). */
export function core(intent: Intent): IntentCore {
  const { keywords: _keywords, confidence: _confidence, ...rest } = intent;
  return rest;
}

export const EMPTY: IntentCore = {
  game_type: null, title: null, colors: [], adjustments: [], counts: [], difficulty: null, size: [],
};
