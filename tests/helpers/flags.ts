// Feature-flag rows for tests: a throwaway flag, a rule, and cleanup that also drops the cache.
import { randomBytes } from 'node:crypto';
import type { Services } from './services.ts';
import type { Environment, FlagScope, UserRole } from '../../game/vocabulary.ts';
import { createFeatureFlags } from '../../db/flags/store.ts';

export interface RuleSpec {
  scope: FlagScope;
  enabled: boolean;
  scopeId?: string;
  role?: UserRole;
  environment?: Environment;
}

export async function addFlagRule(s: Services, flagKey: string, rule: RuleSpec): Promise<void> {
  await s.db.models.FeatureFlagRule.create({
    flagKey, scope: rule.scope, enabled: rule.enabled, scopeId: rule.scopeId ?? null, role: rule.role ?? null,
    environment: rule.environment ?? null,
  });
  await createFeatureFlags(s.db, s.redis).invalidate(flagKey);
}

/** Flags and rules made by a test file, removed (with their cache) by `cleanup`. */
export function flagFixtures(s: () => Services) {
  const made: string[] = [];
  const touched: string[] = [];
  return {
    async newFlag(defaultEnabled = false, key = `test.${randomBytes(5).toString('hex')}`): Promise<string> {
      await s().db.models.FeatureFlag.create({ key, defaultEnabled, description: 'a test flag' });
      made.push(key);
      return key;
    },
    /** A rule on a flag that outlives the test (a known flag): removed by cleanup. */
    async ruleOn(flagKey: string, rule: RuleSpec): Promise<void> {
      await addFlagRule(s(), flagKey, rule);
      touched.push(flagKey);
    },
    async cleanup(): Promise<void> {
      const flags = createFeatureFlags(s().db, s().redis);
      for (const key of touched.splice(0)) {
        await s().db.models.FeatureFlagRule.destroy({ where: { flagKey: key } });
        await flags.invalidate(key);
      }
      for (const key of made.splice(0)) {
        await s().db.models.FeatureFlag.destroy({ where: { key } });
        await flags.invalidate(key);
      }
    },
  };
}
