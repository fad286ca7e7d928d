// Templates in staged rollout: a template whose flag `template.<id>` exists is offered only where
// that flag evaluates on (its rules may name users, roles, environments, or the template itself).
import type { FeatureFlags } from './store.ts';
import type { FlagContext } from './evaluate.ts';
import { TEMPLATE_FLAG_PREFIX } from './known.ts';

/** Ids of the staged templates this context may not see (empty when nothing is staged). The
 *  context may be given lazily: it is read only when some template is staged. */
export async function hiddenTemplateIds(
  flags: FeatureFlags, context: FlagContext | (() => Promise<FlagContext>),
): Promise<Set<string>> {
  const staged = (await flags.definedKeys()).filter((k) => k.startsWith(TEMPLATE_FLAG_PREFIX));
  const hidden = new Set<string>();
  if (staged.length === 0) return hidden;
  const ctx = typeof context === 'function' ? await context() : context;
  // Each staged template is decided in its own template scope; one cache round trip per template.
  const decisions = await Promise.all(staged.map(async (key) => {
    const templateId = key.slice(TEMPLATE_FLAG_PREFIX.length);
    return { templateId, on: await flags.isOn(key, { ...ctx, templateId }) };
  }));
  for (const d of decisions) if (!d.on) hidden.add(d.templateId);
  return hidden;
}

/** The templates a context is offered, in their order. */
export async function offeredTemplates<T extends { id: string }>(
  flags: FeatureFlags, context: FlagContext | (() => Promise<FlagContext>), templates: T[],
): Promise<T[]> {
  const hidden = await hiddenTemplateIds(flags, context);
  return hidden.size === 0 ? templates : templates.filter((t) => !hidden.has(t.id));
}
