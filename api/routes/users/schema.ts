// Request bodies of /api/users. Only these fields can change: role, status, e-mail and
// username are not the owner's to set here (strict objects refuse them with 400).
import { z } from 'zod';
import { displayName, newPassword, PASSWORD_MAX } from '../auth/schema.ts';

// https only: an avatar is shown on other people's pages, so no http (mixed content),
// javascript:, data: or credentials in the URL.
const avatarUrl = z
  .string()
  .trim()
  .max(500, 'must be at most 500 characters')
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '' && !/\s/.test(v);
    } catch {
      return false;
    }
  }, 'must be an https:// URL');

export const profileUpdateBody = z
  .object({
    display_name: displayName.nullable().optional(),
    // An empty bio is no bio.
    bio: z.string().trim().max(2000, 'must be at most 2000 characters')
      .transform((v) => v || null).nullable().optional(),
    avatar_url: avatarUrl.nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of display_name, bio, avatar_url' });

export const passwordChangeBody = z
  .object({
    current_password: z.string().min(1, 'is required').max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
    new_password: newPassword,
  })
  .strict()
  .refine(
    (b) => b.current_password !== b.new_password,
    { message: 'must differ from the current password', path: ['new_password'] },
  );

export const userParams = z.object({ user_id: z.uuid() });
