// Query strings and bodies of /api/templates (seed §3 and §11), as the seed's frontend sends them.
import { z } from 'zod';
import { MAX_STRING_CHARS } from '../../../game/templates/spec.ts';

export const templateId = z.string().regex(/^[a-z0-9_]{3,64}$/, 'template_id must be 3-64 of a-z 0-9 _');
export const templateParams = z.object({ template_id: templateId });

/** `v` names the code the picture was made from (the thumbnail_url carries it for caching). */
export const thumbnailQuery = z.object({
  v: z.string().regex(/^[0-9a-f]{8,64}$/, 'v must be 8 to 64 hex digits').optional(),
}).strict();

// Templates are graded beginner/intermediate/advanced; the seed's own example filters with
// a game difficulty (?difficulty=medium), so both words are understood.
const LEVEL_OF = { easy: 'beginner', medium: 'intermediate', hard: 'advanced' } as const;
type Level = (typeof LEVEL_OF)[keyof typeof LEVEL_OF];

export const listQuery = z
  .object({
    category: z.string().trim().toLowerCase().min(1).max(50).optional(),
    difficulty: z
      .enum(['beginner', 'intermediate', 'advanced', 'easy', 'medium', 'hard'])
      .transform((d) => (d in LEVEL_OF ? LEVEL_OF[d as keyof typeof LEVEL_OF] : (d as Level)))
      .optional(),
    engine: z.string().trim().toLowerCase().min(1).max(50).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuery>;

const scalar = z.union([z.string().max(MAX_STRING_CHARS), z.number(), z.boolean()]);

export const processBody = z
  .object({
    template_id: templateId,
    // Names and values are checked against the template's own variable specs afterwards.
    variables: z.record(z.string().max(64), scalar)
      .refine((v) => Object.keys(v).length <= 100, 'at most 100 variables').default({}),
    customizations: z.record(z.string().max(64), scalar)
      .refine((v) => Object.keys(v).length <= 30, 'at most 30 customizations').optional(),
  })
  .strict();
export type ProcessBody = z.infer<typeof processBody>;
