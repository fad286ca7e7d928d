// createGame and modifyGame: sentence → template values → HTML, with nothing but the
// config block rewritten. Deterministic: same input, byte-identical output.
import { checkValue } from '../templates/spec.ts';
import { analyze } from './analyze.ts';
import { applyIntent, type ApplyOutcome } from './apply.ts';
import { chooseTemplate } from './choose.ts';
import { completeValues, replaceConfig, requireConfig } from './config.ts';
import { describeCreation, describeModification } from './describe.ts';
import { changeType } from './mapping.ts';
import { englishCatalogue } from './language.ts';
import { applyModifiers } from './modifiers.ts';
import { titleFromPrompt, unusedWords } from './reading.ts';
import type { Analysis } from './analyze.ts';
import {
  OfflineEngineError, type OfflineCreateResult, type OfflineModifyResult, type TemplateSource, type VariableChange,
} from './types.ts';

function defaultsOf(template: TemplateSource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(template.variables)) out[name] = spec.default;
  return out;
}

/** One change per variable that ended up different, in the order the sentence touched them. */
function changesBetween(
  template: TemplateSource, before: Record<string, unknown>, after: Record<string, unknown>, outcome: ApplyOutcome,
): VariableChange[] {
  const changes: VariableChange[] = [];
  for (const [name, reasons] of outcome.reasons) {
    const spec = template.variables[name];
    if (!spec || before[name] === after[name]) continue;
    changes.push({
      name, from: before[name], to: after[name], reason: [...new Set(reasons)].join('; '), type: changeType(name, spec),
    });
  }
  return changes;
}

/** Requests a later rule placed ("with emojis" → the emojis theme) are no longer unplaced. */
function placedRequests(analysis: Analysis) {
  const used = new Set([...analysis.used].map((i) => analysis.tokens[i]?.word));
  return analysis.requests.filter((r) => !r.phrase.split(' ').every((w) => used.has(w)));
}

function reported(outcome: ApplyOutcome, requests: Analysis['requests']): string[] {
  return [...outcome.unavailable, ...requests.map((r) => r.phrase)];
}

/** A genre the library lacks, as the answer names it, with the player's words when they differ
 *  ("a flight simulator (simulador de vuelo)", "quizzes (about colors)"). */
function askedGenre(analysis: Analysis, genre: string): string {
  const name = englishCatalogue().genres[genre]?.name ?? genre.replace(/_/g, ' ');
  const match = analysis.genres.find((g) => g.category === genre);
  if (!match) return name;
  const tokens = [...match.tokens].sort((a, b) => a - b);
  const own = [...new Set(tokens.map((i) => analysis.tokens[i]!.source))].join(' ').toLowerCase();
  return own && !name.toLowerCase().includes(own) ? `${name} (${own})` : name;
}

export function createGame(
  description: string,
  templates: TemplateSource[],
  opts?: { templateId?: string; preferences?: Record<string, unknown> },
): OfflineCreateResult {
  const analysis = analyze(description);
  const choice = chooseTemplate(analysis.intent, templates, opts?.templateId, analysis);
  const template = choice.template;
  const defaults = defaultsOf(template);
  const preferences = opts?.preferences && typeof opts.preferences === 'object' ? opts.preferences : undefined;
  const outcome = applyIntent(template, defaults, analysis.intent, analysis.requests, preferences);
  applyModifiers(template, analysis, outcome);
  const titleSpec = template.variables.title;
  if (analysis.intent.title === null && !choice.missing && titleSpec?.type === 'string' &&
    !outcome.applied.some((a) => a.variable === 'title')) {
    const own = titleFromPrompt(analysis, titleSpec.max_length);
    if (own) {
      outcome.values.title = own;
      outcome.reasons.set('title', ['from the description']);
      outcome.applied.push({ variable: 'title', text: `title "${own}"` });
    }
  }
  const requests = placedRequests(analysis);
  const unused = unusedWords(analysis, template, reported(outcome, requests));
  const asked = choice.missing ? askedGenre(analysis, choice.missing.genre) : undefined;
  // "a 3D platformer": the platformer is made; 3D is said to be missing.
  const alsoMissing = analysis.genres
    .filter((g) => g.category !== choice.missing?.genre && !templates.some((t) => t.category === g.category))
    .map((g) => askedGenre(analysis, g.category));
  const variables = completeValues(template, outcome.values);
  const title = typeof variables.title === 'string' && variables.title ? variables.title : template.name;
  return {
    html: replaceConfig(template.code, variables),
    template_id: template.id,
    template_version: template.version,
    variables,
    changes: changesBetween(template, defaults, variables, outcome),
    interpretation: describeCreation(template, analysis.intent, choice, outcome, requests, {
      unused, alsoMissing, ...(asked ? { asked } : {}),
    }),
    title,
    intent: analysis.intent,
  };
}

export function modifyGame(request: string, currentHtml: string, template: TemplateSource): OfflineModifyResult {
  const current = requireConfig(currentHtml);
  const analysis = analyze(request);
  // Start from the game's own values; one that no longer fits the template counts as its default.
  const base: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(template.variables)) {
    base[name] = Object.hasOwn(current, name) && !checkValue(spec, current[name]) ? current[name] : spec.default;
  }
  const outcome = applyIntent(template, base, analysis.intent, analysis.requests);
  applyModifiers(template, analysis, outcome);
  const changes = changesBetween(template, base, outcome.values, outcome);
  const requests = placedRequests(analysis);
  const summary = describeModification(
    template, changes, outcome, requests, unusedWords(analysis, template, reported(outcome, requests)),
  );
  const understood = outcome.mapped > 0;
  if (changes.length === 0) {
    return { html: currentHtml, variables: current, changes, summary, understood, intent: analysis.intent };
  }

  const next: Record<string, unknown> = { ...current };
  for (const change of changes) {
    const problem = checkValue(template.variables[change.name]!, change.to);
    if (problem) throw new OfflineEngineError('invalid_value', `Variable "${change.name}" ${problem}.`);
    next[change.name] = change.to;
  }
  return {
    html: replaceConfig(currentHtml, next), variables: next, changes, summary, understood, intent: analysis.intent,
  };
}
