// createGame and modifyGame: sentence → template values → HTML, with nothing but the
// config block rewritten. Deterministic: same input, byte-identical output.
import { checkValue } from '../templates/spec.ts';
import { analyze } from './analyze.ts';
import { applyIntent, type ApplyOutcome } from './apply.ts';
import { chooseTemplate } from './choose.ts';
import { completeValues, replaceConfig, requireConfig } from './config.ts';
import { describeCreation, describeModification } from './describe.ts';
import { changeType } from './mapping.ts';
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
  const variables = completeValues(template, outcome.values);
  const title = typeof variables.title === 'string' && variables.title ? variables.title : template.name;
  return {
    html: replaceConfig(template.code, variables),
    template_id: template.id,
    template_version: template.version,
    variables,
    changes: changesBetween(template, defaults, variables, outcome),
    interpretation: describeCreation(template, analysis.intent, choice, outcome, analysis.requests),
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
  const changes = changesBetween(template, base, outcome.values, outcome);
  const summary = describeModification(template, changes, outcome, analysis.requests);
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
