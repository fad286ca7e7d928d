// Evaluating a feature flag for one request. Scopes are tried from the most specific to the
// least — the user, the game, the template, everyone (global) — and the first scope with a rule
// that applies decides. A rule applies when its scope id is the request's and its role and
// environment are the request's or unset; among a scope's applying rules the one naming the most
// wins (role and environment, then role alone, then environment alone, then neither). With no
// rule at all, the flag's default decides. Admins are always enabled (seed 003 §6), and a flag
// nobody defined is off.
import { FLAG_SCOPES } from '../../game/vocabulary.ts';
import type { Environment, FlagScope, UserRole } from '../../game/vocabulary.ts';

export interface FlagRule {
  scope: FlagScope;
  scopeId: string | null;
  role: UserRole | null;
  environment: Environment | null;
  enabled: boolean;
}

export interface FlagDefinition {
  key: string;
  defaultEnabled: boolean;
}

export interface FlagContext {
  environment: Environment;
  userId?: string;
  role?: UserRole;
  gameId?: string;
  templateId?: string;
}

export type FlagSource = 'admin' | FlagScope | 'default' | 'undefined';

export interface FlagDecision {
  enabled: boolean;
  /** What decided: the admin rule, the scope of the winning rule, the flag's default, or no such flag. */
  source: FlagSource;
}

/** The scope ids a context has, in evaluation order (global has none to match). */
export function scopeIdsOf(ctx: FlagContext): Record<FlagScope, string | undefined> {
  return { user: ctx.userId, game: ctx.gameId, template: ctx.templateId, global: undefined };
}

const specificity = (rule: FlagRule) => (rule.role !== null ? 2 : 0) + (rule.environment !== null ? 1 : 0);

export function evaluateFlag(
  flag: FlagDefinition | undefined, rules: readonly FlagRule[], ctx: FlagContext,
): FlagDecision {
  if (ctx.role === 'admin') return { enabled: true, source: 'admin' };
  if (!flag) return { enabled: false, source: 'undefined' };
  const ids = scopeIdsOf(ctx);
  for (const scope of FLAG_SCOPES) {
    const id = ids[scope];
    if (scope !== 'global' && id === undefined) continue;
    let best: FlagRule | undefined;
    for (const rule of rules) {
      if (rule.scope !== scope || (scope !== 'global' && rule.scopeId !== id)) continue;
      if (rule.role !== null && rule.role !== ctx.role) continue;
      if (rule.environment !== null && rule.environment !== ctx.environment) continue;
      if (!best || specificity(rule) > specificity(best)) best = rule;
    }
    if (best) return { enabled: best.enabled, source: scope };
  }
  return { enabled: flag.defaultEnabled, source: 'default' };
}
