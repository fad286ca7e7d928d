// Feature flags as stored in PostgreSQL, read through a Redis cache: one hash per flag
// (`flags:<key>`) whose fields are the flag's definition and its rules per scope id that has been
// asked about (`def`, `global`, `user:<id>`, `game:<id>`, `template:<id>`), and `scopes`: the kinds
// of scope any rule of the flag has, so a scope id never asked about (a job's new game) is known to
// have no rules when its kind has none. A change in the console
// deletes the flag's hash (invalidate), so the next read loads it again; the hash also expires,
// which bounds how long a read that raced a change can keep the old rules. While Redis is
// unreachable, flags are read from PostgreSQL directly.
import { QueryTypes } from 'sequelize';
import type { Database } from '../index.ts';
import type { Redis } from '../../lib/redis.ts';
import {
  evaluateFlag, scopeIdsOf, type FlagContext, type FlagDecision, type FlagDefinition, type FlagRule,
} from './evaluate.ts';
import { KNOWN_FLAGS } from './known.ts';
import { FLAG_SCOPES, type Environment, type FlagScope, type UserRole } from '../../game/vocabulary.ts';

const CACHE_SECONDS = 300;
const KEYS_CACHE = 'flags:keys';
const cacheKey = (flag: string) => `flags:${flag}`;

interface Loaded {
  def: FlagDefinition | null;
  /** The kinds of scope the flag has any rule for. */
  scopes: FlagScope[];
  /** Field → the rules of that scope id. */
  rules: Map<string, FlagRule[]>;
}

/** The cache fields a context needs: `def`, then one per scope it has an id for. */
function fieldsFor(ctx: FlagContext): string[] {
  const ids = scopeIdsOf(ctx);
  return ['def', ...FLAG_SCOPES.flatMap((scope) => {
    if (scope === 'global') return ['global'];
    const id = ids[scope];
    return id === undefined ? [] : [`${scope}:${id}`];
  })];
}

/** The kind of scope a cache field is about (`game:<id>` → game). */
const kindOf = (field: string): FlagScope => (field.split(':')[0] ?? field) as FlagScope;

const fieldOf = (rule: Pick<FlagRule, 'scope' | 'scopeId'>) =>
  (rule.scope === 'global' ? 'global' : `${rule.scope}:${rule.scopeId}`);

/** A flag and one of its rules (all null when it has none) as the plain query reads them. */
interface RuleRow {
  key: string; default_enabled: boolean;
  scope: FlagScope | null; scope_id: string | null; role: UserRole | null; environment: Environment | null;
  enabled: boolean | null;
  scopes: FlagScope[];
}

export interface FeatureFlags {
  /** The decision for each key in this context (one cache round trip when warm). */
  decide(keys: readonly string[], ctx: FlagContext): Promise<Record<string, FlagDecision>>;
  isOn(key: string, ctx: FlagContext): Promise<boolean>;
  /** Every flag defined in the database. */
  definedKeys(): Promise<string[]>;
  /** After a flag or one of its rules changed (the console calls it). */
  invalidate(key: string): Promise<void>;
}

export function createFeatureFlags(db: Database, client: Redis | undefined): FeatureFlags {
  const { FeatureFlag } = db.models;
  // A Redis that is not connected would hold each command until it gives up (seconds): skip it.
  const live = (): Redis | undefined => (client?.status === 'ready' ? client : undefined);

  /** The flags' definitions and the rules of the context's scopes, in one plain query (a job's
   *  new game is never in the cache yet: this runs for most jobs). */
  async function loadFromDb(keys: string[], ctx: FlagContext): Promise<Map<string, Loaded>> {
    const ids = scopeIdsOf(ctx);
    const scoped = FLAG_SCOPES.flatMap((scope) => {
      const id = ids[scope];
      return scope !== 'global' && id !== undefined ? [`${scope}:${id}`] : [];
    });
    const rows = await db.sequelize.query<RuleRow>(
      `SELECT f.key, f.default_enabled, r.scope, r.scope_id, r.role, r.environment, r.enabled,
         (SELECT coalesce(array_agg(DISTINCT a.scope), '{}') FROM feature_flag_rules a WHERE a.flag_key = k.key)
           AS scopes
       FROM unnest($1::text[]) AS k(key)
       LEFT JOIN feature_flags f ON f.key = k.key
       LEFT JOIN feature_flag_rules r ON r.flag_key = k.key
         AND (r.scope = 'global' OR r.scope || ':' || r.scope_id = ANY($2::text[]))
       WHERE f.key IS NOT NULL`,
      { bind: [keys, scoped], type: QueryTypes.SELECT },
    );
    const out = new Map<string, Loaded>();
    for (const key of keys) {
      const mine = rows.filter((r) => r.key === key);
      const map = new Map<string, FlagRule[]>(fieldsFor(ctx).filter((f) => f !== 'def').map((f) => [f, []]));
      for (const r of mine) {
        if (r.scope === null) continue;
        const rule: FlagRule = {
          scope: r.scope, scopeId: r.scope_id, role: r.role, environment: r.environment, enabled: r.enabled!,
        };
        map.get(fieldOf(rule))?.push(rule);
      }
      const def = mine[0] ? { key, defaultEnabled: mine[0].default_enabled } : null;
      out.set(key, { def, rules: map, scopes: mine[0]?.scopes ?? [] });
    }
    return out;
  }

  async function readCache(keys: string[], fields: string[]): Promise<(string | null)[][] | undefined> {
    const redis = live();
    if (!redis) return undefined;
    try {
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.hmget(cacheKey(key), ...fields);
      const answers = (await pipeline.exec()) ?? [];
      return answers.map(([err, values]) => (err ? fields.map(() => null) : values as (string | null)[]));
    } catch {
      return undefined;
    }
  }

  async function writeCache(loaded: Map<string, Loaded>): Promise<void> {
    const redis = live();
    if (!redis) return;
    try {
      const pipeline = redis.pipeline();
      for (const [key, { def, rules, scopes }] of loaded) {
        const fields: Record<string, string> = { def: JSON.stringify(def), scopes: JSON.stringify(scopes) };
        for (const [field, list] of rules) fields[field] = JSON.stringify(list);
        pipeline.hset(cacheKey(key), fields).expire(cacheKey(key), CACHE_SECONDS, 'NX');
      }
      await pipeline.exec();
    } catch {
      // The cache is an optimisation: PostgreSQL answered.
    }
  }

  async function decide(keys: readonly string[], ctx: FlagContext): Promise<Record<string, FlagDecision>> {
    const unique = [...new Set(keys)];
    if (ctx.role === 'admin') return Object.fromEntries(unique.map((k) => [k, evaluateFlag(undefined, [], ctx)]));
    const fields = fieldsFor(ctx);
    const cached = await readCache(unique, [...fields, 'scopes']);
    const loaded = new Map<string, Loaded>();
    const missing: string[] = [];
    unique.forEach((key, i) => {
      const values = cached?.[i];
      const [def, scopes] = [values?.[0], values?.[fields.length]];
      if (!values || def == null || scopes == null) return void missing.push(key);
      const kinds = JSON.parse(scopes) as FlagScope[];
      // A field never cached is empty when the flag has no rule of its kind of scope at all.
      const rules = new Map<string, FlagRule[] | undefined>(fields.slice(1).map((f, j) => {
        const value = values[j + 1];
        if (value != null) return [f, JSON.parse(value) as FlagRule[]];
        return [f, kinds.includes(kindOf(f)) ? undefined : []];
      }));
      if ([...rules.values()].some((r) => r === undefined)) return void missing.push(key);
      loaded.set(key, {
        def: JSON.parse(def) as FlagDefinition | null, rules: rules as Map<string, FlagRule[]>, scopes: kinds,
      });
    });
    if (missing.length > 0) {
      const fresh = await loadFromDb(missing, ctx);
      await writeCache(fresh);
      for (const [key, value] of fresh) loaded.set(key, value);
    }
    return Object.fromEntries(unique.map((key) => {
      const { def, rules } = loaded.get(key)!;
      return [key, evaluateFlag(def ?? undefined, [...rules.values()].flat(), ctx)];
    }));
  }

  return {
    decide,
    isOn: async (key, ctx) => (await decide([key], ctx))[key]!.enabled,
    async definedKeys() {
      const redis = live();
      const cached = redis ? await redis.get(KEYS_CACHE).catch(() => null) : null;
      if (cached !== null) return JSON.parse(cached) as string[];
      const keys = (await FeatureFlag.findAll({ attributes: ['key'], order: [['key', 'ASC']] })).map((f) => f.key);
      await redis?.set(KEYS_CACHE, JSON.stringify(keys), 'EX', CACHE_SECONDS).catch(() => undefined);
      return keys;
    },
    async invalidate(key) {
      // Through a reconnect too: a change must not stay hidden behind the cache.
      await client?.del(cacheKey(key), KEYS_CACHE);
    },
  };
}

/** The flags the code asks about exist, with their defaults; an operator's changes are kept. */
export async function seedKnownFlags(db: Database): Promise<string[]> {
  const created: string[] = [];
  for (const flag of KNOWN_FLAGS) {
    const [, made] = await db.models.FeatureFlag.findOrCreate({ where: { key: flag.key }, defaults: flag });
    if (made) created.push(flag.key);
  }
  return created;
}
