// Request shapes of /api/chat and of the socket's modification_request, as the seed's
// frontend sends them. The client's own copy of the conversation is accepted (the seed
// sends it) but the server's stored history is what counts; it is bounded all the same.
import { z } from 'zod';
import { sessionId } from '../sessions/schema.ts';

export const chatText = z.string().trim().min(1, 'say what to change').max(5000);
const isoTime = z.iso.datetime({ offset: true });

const historyItem = z
  .object({
    role: z.enum(['user', 'assistant', 'system']),
    content: z.string().max(20_000),
    timestamp: isoTime.optional(),
  })
  .strict();

const intentName = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/);

export const chatContext = z
  .object({
    current_game_version: z.number().int().min(1).max(1_000_000).optional(),
    conversation_history: z.array(historyItem).max(50).optional(),
    current_focus: z.string().max(100).optional(),
    user_intent_history: z.array(intentName).max(50).optional(),
  })
  .strict();

export const modificationPreferences = z
  .object({
    preserve_existing_features: z.boolean().optional(),
    explanation_level: z.enum(['simple', 'standard', 'detailed']).optional(),
    preview_changes: z.boolean().optional(),
  })
  .strict();

export const chatMessageBody = z
  .object({
    message: chatText,
    session_id: sessionId,
    context: chatContext.optional(),
    modification_preferences: modificationPreferences.optional(),
  })
  .strict();
export type ChatMessageBody = z.infer<typeof chatMessageBody>;

export const historyParams = z.object({ session_id: sessionId }).strict();

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const historyQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    include_metadata: flag.default(false),
    format: z.enum(['detailed', 'summary']).default('detailed'),
  })
  .strict();
export type HistoryQuery = z.infer<typeof historyQuery>;

export const resetBody = z
  .object({
    session_id: sessionId,
    reset_options: z
      .object({
        preserve_game: z.boolean().default(true),
        preserve_preferences: z.boolean().default(true),
        clear_conversation_history: z.boolean().default(true),
        reset_context: z.boolean().default(true),
      })
      .strict()
      .default({
        preserve_game: true, preserve_preferences: true, clear_conversation_history: true, reset_context: true,
      }),
    reason: z.string().trim().max(200).optional(),
  })
  .strict();
export type ResetBody = z.infer<typeof resetBody>;

/**
 * The seed's WebSocket `modification_request`. session_id is required here: one socket may
 * serve several sessions, and the session names the game to change.
 */
export const modificationRequestEvent = z
  .object({
    type: z.literal('modification_request').optional(),
    message: chatText,
    timestamp: isoTime.optional(),
    context: z
      .object({
        current_version: z.number().int().min(1).max(1_000_000).optional(),
        viewing_area: z.string().max(50).optional(),
      })
      .strict()
      .optional(),
    session_id: sessionId,
  })
  .strict();
export type ModificationRequestEvent = z.infer<typeof modificationRequestEvent>;
