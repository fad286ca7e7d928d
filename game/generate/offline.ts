// A draft from the offline template engine. A change request it cannot place, or one that
// changes nothing, is an OfflineEngineError: there is no new version to make from it.
import { createGame, modifyGame, OfflineEngineError, type TemplateSource } from '../offline/index.ts';
import { PROMPT_VERSION } from '../prompts/index.ts';
import { offlineShortfalls } from './options.ts';
import { requestedTemplateId } from './templates.ts';
import type { Draft, GenerateRequest, JobContext } from './types.ts';

export const OFFLINE_MODEL = 'template-engine';

export function draftOffline(req: GenerateRequest, ctx: JobContext, templates: TemplateSource[]): Draft {
  const started = performance.now();
  const draft = {
    provider: 'offline' as const, model: OFFLINE_MODEL, mode: req.mode, tokensIn: 0, tokensOut: 0, costUsd: 0,
    promptVersion: PROMPT_VERSION, problems: [],
  };
  const latencyMs = () => Math.round(performance.now() - started);
  if (ctx.kind === 'modify' && ctx.base) {
    const template = templates.find((t) => t.id === ctx.base?.templateId);
    if (!template) {
      throw new OfflineEngineError('no_template', 'this game was not made from a template the offline engine knows');
    }
    const out = modifyGame(ctx.prompt, ctx.base.content, template);
    if (!out.understood) {
      throw new OfflineEngineError('not_understood', `the offline engine found nothing to change in `
        + `"${ctx.prompt.slice(0, 120)}"; try e.g. "make the player red" or "jump higher"`);
    }
    // A change that changes nothing (already at a limit, already that colour) is not a version.
    if (out.html === ctx.base.content) throw new OfflineEngineError('no_change', `nothing to change: ${out.summary}`);
    return {
      ...draft, html: out.html, summary: out.summary, changes: out.changes, latencyMs: latencyMs(),
      templateId: template.id, templateVersion: template.version,
    };
  }
  const description = ctx.kind === 'regenerate' ? `${ctx.gameDescription} ${ctx.prompt}` : ctx.prompt;
  const out = createGame(description, templates, {
    templateId: requestedTemplateId(ctx, description, templates), preferences: ctx.preferences,
  });
  const template = templates.find((t) => t.id === out.template_id);
  const shortfalls = template ? offlineShortfalls(ctx.advancedOptions, template) : [];
  const summary = shortfalls.length
    ? `${out.interpretation} Options not honoured: ${shortfalls.join('; ')}.`
    : out.interpretation;
  return {
    ...draft, html: out.html, summary, changes: out.changes, latencyMs: latencyMs(),
    templateId: out.template_id, templateVersion: out.template_version,
  };
}
