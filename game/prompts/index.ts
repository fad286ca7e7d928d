// Prompts are versioned files (prompts/<version>/*.md); the version is stored with every
// game version, so a game can always be traced to the words that produced it. A changed
// prompt is a new version directory; the old ones stay as they were.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../vocabulary.ts';
import type { Fence } from './fence.ts';

export { fenceData, withFence, type Fence } from './fence.ts';

/** v2: the create prompt states the game type and the advanced options the player chose.
 *  v3: it also gives the template library's reading of the description (genre, recognised
 *  modifiers, what the library lacks), and the reference game comes with those settings. */
/*  v4: every piece of player-influenced text (description, preferences, change request, earlier
 *  code, the library's reading, findings) sits in a fence with a random per-call boundary that
 *  the system prompt names. */
export const PROMPT_VERSION = 'v4';
export const ENGINE_PATH = '/play/vendor/phaser.min.js';

const dir = join(import.meta.dirname, PROMPT_VERSION);
const files = Object.fromEntries(
  ['system', 'create', 'edit', 'rewrite', 'repair']
    .map((name) => [name, readFileSync(join(dir, `${name}.md`), 'utf8')]),
) as Record<'system' | 'create' | 'edit' | 'rewrite' | 'repair', string>;

function fill(template: string, values: Record<string, string>): string {
  // One pass, so a value that contains {{x}} is never expanded again.
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

export function systemPrompt(maxBytes: number, fence: Fence): string {
  return fill(files.system, {
    engine_path: ENGINE_PATH, max_kb: String(Math.floor(maxBytes / 1024)), boundary: fence.boundary,
  });
}

/** Code in its fence, as a markdown block inside so the model reads it as HTML. */
function code(fence: Fence, name: 'reference_game' | 'current_game' | 'game_to_fix', html: string): string {
  return fence.wrap(name, `\`\`\`html\n${html}\n\`\`\``);
}

function findingsText(findings: Finding[]): string {
  return findings
    .slice(0, 30)
    .map((f) => `- [${f.rule}]${f.line ? ` line ${f.line}${f.column ? `:${f.column}` : ''}` : ''}: ${f.message}`)
    .join('\n');
}

export interface CreatePromptInput {
  description: string;
  preferences: Record<string, unknown>;
  templateCode: string;
  /** A genre of the published templates; the reference template is one of it. */
  gameType?: string;
  /** One sentence per advanced option the player chose (see generate/options.ts). */
  options?: string[];
  /** The offline engine's reading of the description: template, settings it applied, what it lacks. */
  reading?: string;
}

export function createPrompt(o: CreatePromptInput, fence: Fence): string {
  return fill(files.create, {
    description: fence.wrap('player_description', o.description),
    game_type: o.gameType ? `\nGame type (build a game of this genre):\n${fence.wrap('game_type', o.gameType)}\n` : '',
    preferences: fence.wrap('player_preferences', JSON.stringify(o.preferences ?? {})),
    options: o.options?.length ? `\nOptions the player chose:\n${o.options.map((l) => `- ${l}`).join('\n')}\n` : '',
    reading: o.reading
      ? '\nHow the template library reads the description (the genre, the settings it recognised and what it' +
        ' could not make; build all of it, including what it could not make):\n' +
        `${fence.wrap('library_reading', o.reading)}\n`
      : '',
    template_code: code(fence, 'reference_game', o.templateCode),
  });
}

export interface ChangePromptInput {
  request: string;
  baseVersion: number;
  baseCode: string;
  previous?: Finding[];
}

export function editPrompt(o: ChangePromptInput, fence: Fence): string {
  return fill(files.edit, {
    request: fence.wrap('change_request', o.request),
    base_version: String(o.baseVersion),
    base_code: code(fence, 'current_game', o.baseCode),
    previous_findings: o.previous?.length
      ? `\nYour previous edits could not be applied:\n${fence.wrap('findings', findingsText(o.previous))}\n`
      : '',
  });
}

export function rewritePrompt(o: ChangePromptInput, fence: Fence): string {
  return fill(files.rewrite, {
    request: fence.wrap('change_request', o.request),
    base_version: String(o.baseVersion),
    base_code: code(fence, 'current_game', o.baseCode),
    previous_findings: o.previous?.length
      ? `\nEarlier attempts failed with:\n${fence.wrap('findings', findingsText(o.previous))}\n`
      : '',
  });
}

export function repairPrompt(o: { findings: Finding[]; draftCode: string }, fence: Fence): string {
  return fill(files.repair, {
    findings: fence.wrap('findings', findingsText(o.findings)), draft_code: code(fence, 'game_to_fix', o.draftCode),
  });
}
