// Flags read from PostgreSQL through the Redis cache: every level of the evaluation order as
// stored rules, the cache really answering (a change not announced is not seen), invalidation
// making a change visible, and PostgreSQL answering alone when there is no Redis.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connectServices, type Services } from '../../helpers/services.ts';
import { createFeatureFlags, seedKnownFlags, type FeatureFlags } from '../../../db/flags/store.ts';
import { KNOWN_FLAGS } from '../../../db/flags/known.ts';
import type { FlagContext } from '../../../db/flags/evaluate.ts';
import { flagFixtures, type RuleSpec } from '../../helpers/flags.ts';

let s: Services;
let flags: FeatureFlags;
const fixtures = flagFixtures(() => s);

beforeAll(async () => {
  s = await connectServices();
  flags = createFeatureFlags(s.db, s.redis);
});
afterEach(() => fixtures.cleanup());
afterAll(async () => s?.close());

const newFlag = (defaultEnabled = false) => fixtures.newFlag(defaultEnabled);
/** A rule written behind the cache's back (no invalidation), as a change on another node would be. */
const addRule = (flagKey: string, rule: RuleSpec) => s.db.models.FeatureFlagRule.create({
  flagKey, scope: rule.scope, enabled: rule.enabled, scopeId: rule.scopeId ?? null, role: rule.role ?? null,
  environment: rule.environment ?? null,
});

/** Counts the statements sent to PostgreSQL from now on; the returned function stops counting and answers. */
function countQueries(): () => number {
  let n = 0;
  const name = `count-${randomUUID()}`;
  s.db.sequelize.addHook('beforeQuery', name, () => {
    n++;
  });
  return () => {
    s.db.sequelize.removeHook('beforeQuery', name);
    return n;
  };
}

const ctx = (): FlagContext => ({
  environment: 'test', userId: randomUUID(), role: 'user', gameId: randomUUID(), templateId: 'snake',
});

describe('feature flags in PostgreSQL, cached in Redis', () => {
  it('each level of the order, as stored rules: user → game → template → global → default', async () => {
    const key = await newFlag(false);
    const c = ctx();
    const step = async (over: RuleSpec, enabled: boolean, source: string) => {
      await addRule(key, over);
      await flags.invalidate(key);
      expect((await flags.decide([key], c))[key]).toEqual({ enabled, source });
    };
    expect((await flags.decide([key], c))[key]).toEqual({ enabled: false, source: 'default' });
    await step({ scope: 'global', enabled: true }, true, 'global');
    await step({ scope: 'template', scopeId: 'snake', enabled: false }, false, 'template');
    await step({ scope: 'game', scopeId: c.gameId!, enabled: true }, true, 'game');
    await step({ scope: 'user', scopeId: c.userId!, enabled: false }, false, 'user');
    // Another user on the same game is decided by the game rule.
    expect((await flags.decide([key], { ...c, userId: randomUUID() }))[key]).toEqual({ enabled: true, source: 'game' });
    // A role rule and an environment rule, stored.
    await addRule(key, { scope: 'global', role: 'premium', environment: 'test', enabled: false });
    await flags.invalidate(key);
    const premium = { ...c, userId: randomUUID(), gameId: randomUUID(), templateId: 'pong', role: 'premium' as const };
    expect((await flags.decide([key], premium))[key]).toEqual({ enabled: false, source: 'global' });
    expect((await flags.decide([key], { ...premium, environment: 'production' }))[key]!.enabled).toBe(true);
  });

  it('answers from the cache until the flag is invalidated', async () => {
    const key = await newFlag(false);
    const c = ctx();
    expect(await flags.isOn(key, c)).toBe(false);
    expect(await s.redis.exists(`flags:${key}`)).toBe(1);
    await addRule(key, { scope: 'global', enabled: true });
    expect(await flags.isOn(key, c)).toBe(false);
    await flags.invalidate(key);
    expect(await flags.isOn(key, c)).toBe(true);
    expect(await s.redis.ttl(`flags:${key}`)).toBeGreaterThan(0);
  });

  it('a game never asked about is decided from the cache while the flag has no game rule at all', async () => {
    const key = await newFlag(false);
    await addRule(key, { scope: 'global', enabled: true });
    await flags.invalidate(key);
    const c = ctx();
    expect((await flags.decide([key], c))[key]).toEqual({ enabled: true, source: 'global' });
    // A job's new game and another user: their kinds of scope have no rules, PostgreSQL is not read.
    let reads = countQueries();
    expect((await flags.decide([key], { ...c, gameId: randomUUID(), userId: randomUUID() }))[key])
      .toEqual({ enabled: true, source: 'global' });
    expect(reads()).toBe(0);
    // With a game rule, a game never asked about is read; the rule decides its own game.
    const game = randomUUID();
    await addRule(key, { scope: 'game', scopeId: game, enabled: false });
    await flags.invalidate(key);
    expect((await flags.decide([key], { ...c, gameId: game }))[key]).toEqual({ enabled: false, source: 'game' });
    reads = countQueries();
    const another = await flags.decide([key], { ...c, gameId: randomUUID() });
    expect(another[key]).toEqual({ enabled: true, source: 'global' });
    expect(reads()).toBe(1);
    // A game rule written behind the cache's back is seen once the flag is invalidated, as any change.
    const later = randomUUID();
    await addRule(key, { scope: 'user', scopeId: c.userId!, enabled: false });
    await addRule(key, { scope: 'game', scopeId: later, enabled: false });
    await flags.invalidate(key);
    expect((await flags.decide([key], { ...c, userId: randomUUID(), gameId: later }))[key]!.enabled).toBe(false);
  });

  it('without Redis, PostgreSQL answers every time', async () => {
    const direct = createFeatureFlags(s.db, undefined);
    const key = await newFlag(false);
    const c = ctx();
    expect(await direct.isOn(key, c)).toBe(false);
    await addRule(key, { scope: 'user', scopeId: c.userId!, enabled: true });
    expect(await direct.isOn(key, c)).toBe(true);
  });

  it('lists defined flags (cached, invalidated with a flag) and seeds the known ones once', async () => {
    await seedKnownFlags(s.db);
    expect(await seedKnownFlags(s.db)).toEqual([]);
    const key = await newFlag();
    await flags.invalidate(key);
    const keys = await flags.definedKeys();
    expect(keys).toEqual(expect.arrayContaining([key, ...KNOWN_FLAGS.map((f) => f.key)]));
  });

  it('admins are on for any flag, defined or not, without reading anything', async () => {
    const decided = await flags.decide(['no.such.flag'], { environment: 'test', role: 'admin' });
    expect(decided['no.such.flag']).toEqual({ enabled: true, source: 'admin' });
    expect(await s.redis.exists('flags:no.such.flag')).toBe(0);
  });
});
