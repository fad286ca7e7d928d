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
    game_type: z.string().max(50).optional(),
    preferences: preferencesSchema.optional(),
    template_id: z.string().regex(/^[a-z0-9_]{3,64}$/).optional(),
    advanced_options: z.record(z.string().max(50), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
  })
  .strict();
export type GenerateBody = z.infer<typeof generateBody>;

/** `Prefer: wait=N` (RFC 7240), N at most 120 seconds. */
export function preferWait(header: string | undefined): number {
  const m = /(?:^|[,;\s])wait=(\d{1,4})\b/i.exec(header ?? '');
  return m ? Math.min(120, Number(m[1])) : 0;
}

export const idempotencyKey = z.string().regex(/^[A-Za-z0-9._:-]{8,200}$/, 'Idempotency-Key must be 8-200 of A-Z a-z 0-9 . _ : -');
