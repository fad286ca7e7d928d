// Feature flags as the API asks about them: one reader per process (its cache is Redis), the
// caller's context, a refusal for a feature that is off, and the staged templates a caller may
// not see. Evaluation itself is db/flags/evaluate.ts.
import type { ApiDeps } from './deps.ts';
import type { Caller } from '../policies.ts';
import { AppError, notFound } from '../errors.ts';
import { createFeatureFlags, type FeatureFlags } from '../../db/flags/store.ts';
import type { FlagContext, FlagDecision } from '../../db/flags/evaluate.ts';
import { hiddenTemplateIds } from '../../db/flags/templates.ts';

const readers = new WeakMap<object, FeatureFlags>();

export function flagsOf(deps: Pick<ApiDeps, 'db' | 'redis'>): FeatureFlags {
  let flags = readers.get(deps.db);
  if (!flags) {
    flags = createFeatureFlags(deps.db, deps.redis);
    readers.set(deps.db, flags);
  }
  return flags;
}

export function flagContext(
  deps: Pick<ApiDeps, 'cfg'>, caller: Caller | undefined, about: { gameId?: string; templateId?: string } = {},
): FlagContext {
  return { environment: deps.cfg.NODE_ENV, userId: caller?.id, role: caller?.role, ...about };
}

/** 403 feature_disabled when `key` is off in this context. */
export async function assertFeature(deps: ApiDeps, key: string, ctx: FlagContext): Promise<void> {
  if (await flagsOf(deps).isOn(key, ctx)) return;
  throw new AppError(403, 'feature_disabled', `This feature (${key}) is not available to you`, { feature: key });
}

/** What GET /api/features lists: every defined flag, decided for this caller. */
export async function featuresFor(deps: ApiDeps, ctx: FlagContext): Promise<Record<string, FlagDecision>> {
  const flags = flagsOf(deps);
  return flags.decide(await flags.definedKeys(), ctx);
}

export const hiddenTemplatesFor = (deps: ApiDeps, caller: Caller | undefined): Promise<Set<string>> =>
  hiddenTemplateIds(flagsOf(deps), flagContext(deps, caller));

/** A staged template the caller is not offered does not exist for them (404, as an unpublished one). */
export async function assertTemplateOffered(deps: ApiDeps, caller: Caller | undefined, id: string): Promise<void> {
  if ((await hiddenTemplatesFor(deps, caller)).has(id)) throw notFound('template', { template_id: id });
}
