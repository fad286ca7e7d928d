// Request shapes of /api/sessions, as the seed's frontend sends them. Free-form maps are
// bounded (key pattern, key count, value sizes) because they are stored as JSONB and
// echoed back on every read.
import { z } from 'zod';

export const sessionId = z.uuid();
export const sessionParams = z.object({ session_id: sessionId }).strict();

const key = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'keys are 1-50 of a-z, 0-9, _ starting with a letter');
const scalar = z.union([z.string().max(200), z.number(), z.boolean()]);
const maxKeys = (n: number) => (o: Record<string, unknown>) => Object.keys(o).length <= n;

/** Known preferences are typed; others are scalars. On PUT, null removes a preference. */
function preferences<N extends boolean>(nullable: N) {
  const v = <T extends z.ZodType>(t: T) => (nullable ? t.nullable() : t).optional();
  return z
    .object({
      auto_save: v(z.boolean()),
      real_time_updates: v(z.boolean()),
      preferred_engine: v(z.string().min(1).max(50)),
      explanation_level: v(z.enum(['simple', 'standard', 'detailed'])),
    })
    .catchall(nullable ? scalar.nullable() : scalar)
    .refine(maxKeys(30), 'at most 30 preferences')
    .refine((o) => Object.keys(o).every((k) => key.safeParse(k).success), 'preference names are 1-50 of a-z, 0-9, _');
}
export const preferencesSchema = preferences(false);

const clientInfoSchema = z
  .object({
    user_agent: z.string().max(500).optional(),
    screen_resolution: z.string().regex(/^\d{2,5}x\d{2,5}$/, 'e.g. 1920x1080').optional(),
    device_type: z.string().regex(/^[a-z_]{2,20}$/, 'e.g. desktop, mobile, tablet').optional(),
  })
  .catchall(scalar)
  .refine(maxKeys(20), 'at most 20 client_info fields')
  .refine((o) => Object.keys(o).every((k) => key.safeParse(k).success), 'client_info names are 1-50 of a-z, 0-9, _');

export const createSessionBody = z
  .object({ user_preferences: preferencesSchema.optional(), client_info: clientInfoSchema.optional() })
  .strict();

const metadataValue = z.union([scalar, z.null(), z.array(scalar).max(50)]);

export const updateSessionBody = z
  .object({
    preferences: preferences(true).optional(),
    metadata: z
      .record(key, metadataValue)
      .refine(maxKeys(30), 'at most 30 metadata fields')
      .refine((o) => JSON.stringify(o).length <= 16_384, 'metadata is at most 16 KB of JSON')
      .optional(),
  })
  .strict()
  .refine((b) => b.preferences !== undefined || b.metadata !== undefined, 'send preferences and/or metadata');
export type UpdateSessionBody = z.infer<typeof updateSessionBody>;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** DELETE ?force=&backup_data= — backup defaults to on: deleting should never lose data silently. */
export const deleteSessionQuery = z
  .object({ force: flag.default(false), backup_data: flag.default(true) })
  .strict();
