// The evaluation order of feature flags, level by level: user → game → template → global →
// the flag's default; within a level the rule naming role and environment beats role alone,
// which beats environment alone, which beats a rule naming neither; admins are always on.
import { describe, expect, it } from '@jest/globals';
import { evaluateFlag, type FlagContext, type FlagRule } from '../../../db/flags/evaluate.ts';

const flag = (defaultEnabled: boolean) => ({ key: 'f', defaultEnabled });
const rule = (over: Partial<FlagRule> & Pick<FlagRule, 'scope' | 'enabled'>): FlagRule =>
  ({ scopeId: null, role: null, environment: null, ...over });
const ctx: FlagContext = { environment: 'production', userId: 'u1', role: 'user', gameId: 'g1', templateId: 't1' };

const global = (enabled: boolean, over: Partial<FlagRule> = {}) => rule({ scope: 'global', enabled, ...over });
const template = (enabled: boolean, over: Partial<FlagRule> = {}) =>
  rule({ scope: 'template', scopeId: 't1', enabled, ...over });
const game = (enabled: boolean, over: Partial<FlagRule> = {}) =>
  rule({ scope: 'game', scopeId: 'g1', enabled, ...over });
const user = (enabled: boolean, over: Partial<FlagRule> = {}) =>
  rule({ scope: 'user', scopeId: 'u1', enabled, ...over });

describe('evaluateFlag', () => {
  it('no rule: the default decides; no such flag: off', () => {
    expect(evaluateFlag(flag(true), [], ctx)).toEqual({ enabled: true, source: 'default' });
    expect(evaluateFlag(flag(false), [], ctx)).toEqual({ enabled: false, source: 'default' });
    expect(evaluateFlag(undefined, [global(true)], ctx)).toEqual({ enabled: false, source: 'undefined' });
  });

  it('global beats the default', () => {
    expect(evaluateFlag(flag(false), [global(true)], ctx)).toEqual({ enabled: true, source: 'global' });
    expect(evaluateFlag(flag(true), [global(false)], ctx)).toEqual({ enabled: false, source: 'global' });
  });

  it('template beats global', () => {
    expect(evaluateFlag(flag(false), [global(false), template(true)], ctx))
      .toEqual({ enabled: true, source: 'template' });
    expect(evaluateFlag(flag(true), [template(false), global(true)], ctx))
      .toEqual({ enabled: false, source: 'template' });
  });

  it('game beats template and global', () => {
    const rules = [global(false), template(false), game(true)];
    expect(evaluateFlag(flag(false), rules, ctx)).toEqual({ enabled: true, source: 'game' });
    expect(evaluateFlag(flag(true), [global(true), template(true), game(false)], ctx))
      .toEqual({ enabled: false, source: 'game' });
  });

  it('user beats game, template and global', () => {
    expect(evaluateFlag(flag(false), [global(false), template(false), game(false), user(true)], ctx))
      .toEqual({ enabled: true, source: 'user' });
    expect(evaluateFlag(flag(true), [user(false), game(true), template(true), global(true)], ctx))
      .toEqual({ enabled: false, source: 'user' });
  });

  it('a rule for another user, game or template does not apply; neither does a scope the context lacks', () => {
    const others = [
      rule({ scope: 'user', scopeId: 'u2', enabled: true }), rule({ scope: 'game', scopeId: 'g2', enabled: true }),
      rule({ scope: 'template', scopeId: 't2', enabled: true }),
    ];
    expect(evaluateFlag(flag(false), others, ctx)).toEqual({ enabled: false, source: 'default' });
    expect(evaluateFlag(flag(false), [user(true)], { environment: 'production', role: 'user' }))
      .toEqual({ enabled: false, source: 'default' });
  });

  it('per role: a rule for another role does not apply; for this role it beats a rule for every role', () => {
    const premiumOn = global(true, { role: 'premium' });
    expect(evaluateFlag(flag(false), [premiumOn], ctx)).toEqual({ enabled: false, source: 'default' });
    expect(evaluateFlag(flag(false), [premiumOn], { ...ctx, role: 'premium' }))
      .toEqual({ enabled: true, source: 'global' });
    expect(evaluateFlag(flag(false), [global(false), premiumOn], { ...ctx, role: 'premium' }))
      .toEqual({ enabled: true, source: 'global' });
    expect(evaluateFlag(flag(false), [premiumOn, global(false)], { ...ctx, role: 'premium' }))
      .toEqual({ enabled: true, source: 'global' });
  });

  it('per environment: only its own; role and environment together beat either alone', () => {
    const inTest = global(true, { environment: 'test' });
    expect(evaluateFlag(flag(false), [inTest], ctx)).toEqual({ enabled: false, source: 'default' });
    expect(evaluateFlag(flag(false), [inTest], { ...ctx, environment: 'test' }).enabled).toBe(true);
    const rules = [
      global(false, { role: 'user' }), global(true, { role: 'user', environment: 'production' }),
      global(false, { environment: 'production' }), global(false),
    ];
    expect(evaluateFlag(flag(false), rules, ctx)).toEqual({ enabled: true, source: 'global' });
    // Role alone beats environment alone.
    const roleOnly = [global(false, { environment: 'production' }), global(true, { role: 'user' })];
    expect(evaluateFlag(flag(false), roleOnly, ctx).enabled).toBe(true);
  });

  it('the most specific scope wins even over a more specific rule of a broader scope', () => {
    const rules = [global(true, { role: 'user', environment: 'production' }), user(false)];
    expect(evaluateFlag(flag(true), rules, ctx)).toEqual({ enabled: false, source: 'user' });
  });

  it('admins are always enabled, whatever the rules say', () => {
    const admin = { ...ctx, role: 'admin' as const };
    expect(evaluateFlag(flag(false), [user(false), global(false)], admin)).toEqual({ enabled: true, source: 'admin' });
    expect(evaluateFlag(undefined, [], admin)).toEqual({ enabled: true, source: 'admin' });
  });
});
