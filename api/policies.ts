// Who may do what. Routes, socket handlers and the admin console ask here; nothing else decides.
import { isStaffRole, type UserRole } from '../game/vocabulary.ts';

/** Who is calling: an active account, checked against the users table on every request. */
export interface Caller {
  id: string;
  role: UserRole;
  username: string;
}

type Role = Pick<Caller, 'role'>;

export const isStaff = (c: Role): boolean => isStaffRole(c.role);
const isAdmin = (c: Role): boolean => c.role === 'admin';

/** Jobs, games and sessions are private to their owner; staff may look at any of them. */
export function canSeeOwned(c: Caller, ownerId: string): boolean {
  return c.id === ownerId || isStaff(c);
}

/** Only the owner changes or cancels their job or game; admins too (support). */
export function canChangeOwned(c: Caller, ownerId: string): boolean {
  return c.id === ownerId || isAdmin(c);
}

/** Premium accounts (and admins) get the larger daily generation quota. */
export function hasPremiumQuota(c: Role): boolean {
  return c.role === 'premium' || isAdmin(c);
}

export function canModerate(c: Role): boolean {
  return isStaff(c);
}

/** The console is staff work: moderators and admins sign in and read games, jobs and templates. */
export function canUseConsole(c: Role): boolean {
  return isStaff(c);
}

/** Feature flags change what everyone gets: admins only (staff may look). */
export function canManageFlags(c: Role): boolean {
  return isAdmin(c);
}

/** Accounts (role, suspension) and the audit log are for admins only. */
export function canManageUsers(c: Role): boolean {
  return isAdmin(c);
}

/** Creating, editing, publishing and archiving templates changes every future game: admins only. */
export function canEditTemplates(c: Role): boolean {
  return isAdmin(c);
}

/** Cancelling or retrying anyone's job from the console is admin support work. */
export function canInterveneInJobs(c: Role): boolean {
  return isAdmin(c);
}
