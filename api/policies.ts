// Who may do what. Routes and socket handlers ask here; nothing else decides.
import { isStaffRole, type UserRole } from '../game/vocabulary.ts';

/** Who is calling: an active account, checked against the users table on every request. */
export interface Caller {
  id: string;
  role: UserRole;
  username: string;
}

export const isStaff = (c: Pick<Caller, 'role'>): boolean => isStaffRole(c.role);

/** Jobs, games and sessions are private to their owner; staff may look at any of them. */
export function canSeeOwned(c: Caller, ownerId: string): boolean {
  return c.id === ownerId || isStaff(c);
}

/** Only the owner changes or cancels their job or game; admins too (support). */
export function canChangeOwned(c: Caller, ownerId: string): boolean {
  return c.id === ownerId || c.role === 'admin';
}

export function canModerate(c: Caller): boolean {
  return isStaff(c);
}
