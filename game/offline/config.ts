// The one place the engine touches HTML: the JSON inside
// <script type="application/json" id="playforge-config">…</script>. Nothing else in a game
// is ever rewritten, so a template's code stays byte-identical around its settings.
import { checkValue } from '../templates/spec.ts';
import { OfflineEngineError, type TemplateSource } from './types.ts';

const SCRIPT_RE = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const ID_RE = /(?:^|\s)id\s*=\s*(["']?)playforge-config\1(?=[\s>/]|$)/i;
const JSON_TYPE_RE = /\btype\s*=\s*(["']?)application\/json\1/i;
const NO_CONFIG_BLOCK = 'The game has no playforge-config block, so it was not made from a template.';

interface ConfigBlock {
  /** Offsets of the JSON text between the opening and closing tags. */
  start: number;
  end: number;
  json: string;
}

/** The first config block, as the game's own getElementById would find it. */
export function locateConfig(html: string): ConfigBlock | undefined {
  SCRIPT_RE.lastIndex = 0;
  for (const match of html.matchAll(SCRIPT_RE)) {
    const attrs = match[1] ?? '';
    if (!ID_RE.test(attrs) || !JSON_TYPE_RE.test(attrs)) continue;
    const body = match[2] ?? '';
    const start = match.index + match[0].indexOf('>') + 1;
    return { start, end: start + body.length, json: body };
  }
  return undefined;
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function readConfig(html: string): Record<string, unknown> | undefined {
  if (typeof html !== 'string') return undefined;
  const block = locateConfig(html);
  return block ? parseObject(block.json) : undefined;
}

/** Like readConfig, but says why there is nothing to read. */
export function requireConfig(html: string): Record<string, unknown> {
  const block = typeof html === 'string' ? locateConfig(html) : undefined;
  if (!block) throw new OfflineEngineError('no_config_block', NO_CONFIG_BLOCK);
  const config = parseObject(block.json);
  if (!config) {
    throw new OfflineEngineError('invalid_config', 'The playforge-config block does not hold a JSON object.');
  }
  return config;
}

/**
 * JSON that cannot end the script element or open a comment in it: `<`, `>` and `&` become
 * \u escapes, and so do U+2028/U+2029 (line breaks to older JavaScript parsers).
 * The layout follows the templates' own block: `{"key": value, "key": value}`.
 */
export function serializeConfig(values: Record<string, unknown>): string {
  const body = Object.entries(values)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ');
  return `{${body}}`.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function replaceConfig(html: string, values: Record<string, unknown>): string {
  const block = locateConfig(html);
  if (!block) throw new OfflineEngineError('no_config_block', NO_CONFIG_BLOCK);
  return html.slice(0, block.start) + serializeConfig(values) + html.slice(block.end);
}

/** Every variable of the template, in its declared order: given values over defaults, each checked. */
export function completeValues(template: TemplateSource, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(template.variables, name)) {
      throw new OfflineEngineError('unknown_variable', `Template ${template.id} has no variable "${name}".`);
    }
  }
  for (const [name, spec] of Object.entries(template.variables)) {
    const value = Object.hasOwn(values, name) ? values[name] : spec.default;
    const problem = checkValue(spec, value);
    if (problem) throw new OfflineEngineError('invalid_value', `Variable "${name}" of ${template.id} ${problem}.`);
    out[name] = value;
  }
  return out;
}

export function renderTemplate(template: TemplateSource, values: Record<string, unknown>): string {
  return replaceConfig(template.code, completeValues(template, values ?? {}));
}
