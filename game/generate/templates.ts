// Which template a job starts from (the offline engine) or shows the model as its reference:
// the one the job names (the player's template_id, or the game's own); else, when the player
// named a genre, the best template of that genre for the description; else none chosen here.
import { analyzeDescription, chooseTemplate, type TemplateSource } from '../offline/index.ts';
import type { JobContext } from './types.ts';

export function requestedTemplateId(ctx: JobContext, description: string, templates: TemplateSource[]) {
  const named = ctx.templateId ?? ctx.base?.templateId;
  if (named || !ctx.gameType) return named;
  const ofGenre = templates.filter((t) => t.category === ctx.gameType);
  return ofGenre.length ? chooseTemplate(analyzeDescription(description), ofGenre).template.id : undefined;
}

/** The working game a model is shown when it writes a new one. */
export function referenceTemplate(ctx: JobContext, templates: TemplateSource[]): TemplateSource | undefined {
  const id = requestedTemplateId(ctx, ctx.prompt, templates);
  return templates.find((t) => t.id === id) ?? templates[0];
}
