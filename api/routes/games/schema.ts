// Request bodies of /api/games, as the seed's frontend sends them.
import { z } from 'zod';

export const preferencesSchema = z
  .object({
    canvas_width: z.number().int().min(200).max(4000).optional(),
    canvas_height: z.number().int().min(200).max(4000).optional(),
    difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
    engine: z.string().max(50).optional(),
    style: z.string().max(50).optional(),
  })
  .catchall(z.union([z.string().max(200), z.number(), z.boolean()]))
  .refine((o) => Object.keys(o).length <= 30, 'at most 30 preferences');

export const generateBody = z
  .object({
    description: z.string().trim().min(3, 'describe the game in at least 3 characters').max(5000),
    session_id: z.uuid().optional(),
    // A genre the published templates offer; checked against them when the job is accepted.
    game_type: z.string().trim().min(1).max(50).optional(),
    preferences: preferencesSchema.optional(),
    template_id: z.string().regex(/^[a-z0-9_]{3,64}$/).optional(),
    // Only the options generation honours (game/generate/options.ts says what each does).
    advanced_options: z
      .strictObject({
        include_sound: z.boolean().optional(),
        mobile_optimized: z.boolean().optional(),
        performance_mode: z.enum(['balanced', 'quality', 'performance']).optional(),
      }, {
        error: (issue) => (issue.code === 'unrecognized_keys'
          ? `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}; `
            + 'accepted: include_sound, mobile_optimized, performance_mode'
          : undefined),
      })
      .optional(),
  })
  .strict();
export type GenerateBody = z.infer<typeof generateBody>;

// ---- Reading, changing and rating games (seed §9, §10 and the game model of seed 000) ----

export const gameParams = z.object({ game_id: z.uuid('game_id must be a UUID') });

/** Query strings are text: "true"/"1" and "false"/"0" are the booleans a browser can send. */
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const perPage = z.coerce.number().int().min(1).max(50).default(20);

export const gameQuery = z
  .object({
    version: z.coerce.number().int().min(1).optional(),
    include_history: flag.default(false),
    // complete: with game_code; summary: metadata only (lists, previews).
    format: z.enum(['complete', 'summary']).default('complete'),
  })
  .strict();

export const versionsQuery = z.object({ page, per_page: perPage }).strict();

export const catalogueQuery = z
  .object({
    game_type: z.string().trim().min(1).max(50).optional(),
    difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
    tag: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,30}$/, 'tag must be 1-30 of a-z 0-9 -').optional(),
    q: z.string().trim().min(1).max(100).optional(),
    creator: z.string().trim().toLowerCase().regex(/^[a-z0-9_]{3,50}$/, 'creator must be a username').optional(),
    sort: z.enum(['newest', 'popular', 'rating']).default('newest'),
    page,
    per_page: perPage,
  })
  .strict();
export type CatalogueQuery = z.infer<typeof catalogueQuery>;

export const mineQuery = z
  .object({ status: z.enum(['draft', 'active', 'rejected', 'deleted']).optional(), page, per_page: perPage })
  .strict();

const tag = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,30}$/, 'each tag must be 1-30 of a-z 0-9 -');

export const patchBody = z
  .object({
    title: z.string().trim().min(3).max(200).optional(),
    description: z.string().trim().max(5000).nullable().optional(),
    // Duplicates are dropped before the limit is checked, so ["a","a"] is one tag.
    tags: z.array(tag).max(30).transform((t) => [...new Set(t)])
      .refine((t) => t.length <= 10, 'at most 10 tags').optional(),
    is_public: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one of title, description, tags, is_public');
export type PatchBody = z.infer<typeof patchBody>;

export const rollbackBody = z.object({ version: z.number().int().min(1) }).strict();

/** Which version to start from (default: the one the public is shown) and the workspace to put the remix in. */
export const remixBody = z
  .object({ version: z.number().int().min(1).max(1_000_000_000).optional(), session_id: z.uuid().optional() })
  .strict();

export const versionParams = z
  .object({
    game_id: z.uuid('game_id must be a UUID'),
    // Digits only, as in play links: "1e3" must not name version 1000.
    version: z.string().regex(/^[1-9]\d{0,8}$/, 'version must be a version number').transform(Number),
  })
  .strict();

const scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

export const regenerateBody = z
  .object({
    modifications: z
      .object({
        change_engine: z.string().trim().min(1).max(50).optional(),
        enhance_graphics: z.boolean().optional(),
        optimization: z.string().trim().min(1).max(50).optional(),
        new_features: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
      })
      // Anything else the client wants changed, as simple name → value wishes.
      .catchall(scalar)
      .refine((m) => Object.keys(m).length <= 30, 'at most 30 modifications'),
    preserve: z
      .object({
        conversation_history: z.boolean().optional(), user_preferences: z.boolean().optional(),
        session_state: z.boolean().optional(),
      })
      .strict()
      .optional(),
    regeneration_reason: z.string().trim().max(200).optional(),
  })
  .strict();
export type RegenerateBody = z.infer<typeof regenerateBody>;

export const ratingBody = z
  .object({
    rating: z.number().int('rating must be a whole number').min(1).max(5),
    review: z.string().trim().max(5000).nullable().optional(),
  })
  .strict();
