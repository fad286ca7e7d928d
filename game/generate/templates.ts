// Which template a job starts from (the offline engine) or shows the model as its reference:
// the one the job names (the player's template_id, or the game's own); else, when the player
// named a genre, the best template of that genre for the description; else none chosen here.
import { analyze, chooseTemplate, createGame, type TemplateSource } from '../offline/index.ts';
import type { Reference } from './prompt.ts';
import type { JobContext } from './types.ts';

export function requestedTemplateId(ctx: JobContext, description: string, templates: TemplateSource[]) {
  const named = ctx.templateId ?? ctx.base?.templateId;
  if (named || !ctx.gameType) return named;
  const ofGenre = templates.filter((t) => t.category === ctx.gameType);
  return ofGenre.length ? bestFor(description, ofGenre).id : undefined;
}

function bestFor(description: string, templates: TemplateSource[]): TemplateSource {
  const { intent, mentions, genres } = analyze(description);
  return chooseTemplate(intent, templates, undefined, { mentions, genres }).template;
}

/** The working game a model is shown when it writes a new one: the one asked for, else the
 *  library's best match for the description (the offline engine's own choice). */
export function referenceTemplate(ctx: JobContext, templates: TemplateSource[]): TemplateSource | undefined {
  const id = requestedTemplateId(ctx, ctx.prompt, templates);
  const named = templates.find((t) => t.id === id);
  return named ?? (templates.length ? bestFor(ctx.prompt, templates) : undefined);
}

/** The reference a model writes a new game from: the library's game for this description, its
 *  recognised settings already filled in, and the engine's reading of the description. */
export function groundedReference(ctx: JobContext, templates: TemplateSource[]): Reference {
  // referenceTemplate's choice is the one createGame makes below; only an empty library has none.
  if (templates.length === 0) return { code: '' };
  // Without a named template the engine's own choice is the reference, with its own words for it.
  const named = requestedTemplateId(ctx, ctx.prompt, templates);
  const made = createGame(ctx.prompt, templates, {
    preferences: ctx.preferences, ...(named ? { templateId: named } : {}),
  });
  return { code: made.html, reading: made.interpretation };
}
