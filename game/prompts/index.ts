// Prompts are versioned files (prompts/<version>/*.md); the version is stored with every
// game version, so a game can always be traced to the words that produced it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../vocabulary.ts';

export const PROMPT_VERSION = 'v1';
export const ENGINE_PATH = '/play/vendor/phaser.min.js';

const dir = join(import.meta.dirname, PROMPT_VERSION);
const files = Object.fromEntries(
  ['system', 'create', 'edit', 'rewrite', 'repair'].map((name) => [name, readFileSync(join(dir, `${name}.md`), 'utf8')]),
) as Record<'system' | 'create' | 'edit' | 'rewrite' | 'repair', string>;

/** Player text is data: it cannot close the tag it is fenced in, nor fake one of ours. */
export function fenceData(text: string): string {
  return text.replace(/<\/?\s*(player_description|change_request|findings)\b[^>]*>/gi, (m) => m.replace(/</g, '‹').replace(/>/g, '›'));
}

function fill(template: string, values: Record<string, string>): string {
  // One pass, so a value that contains {{x}} is never expanded again.
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

export function systemPrompt(maxBytes: number): string {
  return fill(files.system, { engine_path: ENGINE_PATH, max_kb: String(Math.floor(maxBytes / 1024)) });
}

function findingsText(findings: Finding[]): string {
  return findings
    .slice(0, 30)
    .map((f) => `- [${f.rule}]${f.line ? ` line ${f.line}${f.column ? `:${f.column}` : ''}` : ''}: ${f.message}`)
    .join('\n');
}

export function createPrompt(o: { description: string; preferences: Record<string, unknown>; templateCode: string }): string {
  return fill(files.create, {
    description: fenceData(o.description),
    preferences: JSON.stringify(o.preferences ?? {}),
    template_code: o.templateCode,
  });
}

export function editPrompt(o: { request: string; baseVersion: number; baseCode: string; previous?: Finding[] }): string {
  return fill(files.edit, {
    request: fenceData(o.request),
    base_version: String(o.baseVersion),
    base_code: o.baseCode,
    previous_findings: o.previous?.length
      ? `\nYour previous edits could not be applied:\n<findings>\n${fenceData(findingsText(o.previous))}\n</findings>\n`
      : '',
  });
}

export function rewritePrompt(o: { request: string; baseVersion: number; baseCode: string; previous?: Finding[] }): string {
  return fill(files.rewrite, {
    request: fenceData(o.request),
    base_version: String(o.baseVersion),
    base_code: o.baseCode,
    previous_findings: o.previous?.length
      ? `\nEarlier attempts failed with:\n<findings>\n${fenceData(findingsText(o.previous))}\n</findings>\n`
      : '',
  });
}

export function repairPrompt(o: { findings: Finding[]; draftCode: string }): string {
  return fill(files.repair, { findings: fenceData(findingsText(o.findings)), draft_code: o.draftCode });
}
