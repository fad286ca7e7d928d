// Access rules shared by the console's resources: AdminJS asks `isAccessible(context)`, the
// answer comes from api/policies.ts for the signed-in console user.
import type { Caller } from '../../api/policies.ts';
import { canUseConsole } from '../../api/policies.ts';
import { isUserRole } from '../../game/vocabulary.ts';

export type Ctx = { currentAdmin?: { role?: string; id?: string; title?: string; email?: string } };

/** An AdminJS access check that asks `policy` about the signed-in console user. */
export const allowedBy = (policy: (c: Pick<Caller, 'role'>) => boolean) => ({ currentAdmin }: Ctx): boolean => {
  const role = currentAdmin?.role;
  return isUserRole(role) && policy({ role });
};

export const staff = allowedBy(canUseConsole);

/** The signed-in console user as the services know callers. */
export function consoleCaller({ currentAdmin }: Ctx): Caller {
  const role = currentAdmin?.role;
  if (!currentAdmin?.id || !isUserRole(role)) throw new Error('no console user in this request');
  return { id: currentAdmin.id, role, username: String(currentAdmin.title ?? currentAdmin.email) };
}

/** List and show for `canSee`; no raw create/edit/delete: writes go through audited actions. */
export const readOnly = (canSee: (ctx: Ctx) => boolean) => ({
  list: { isAccessible: canSee },
  show: { isAccessible: canSee },
  search: { isAccessible: canSee },
  new: { isAccessible: false },
  edit: { isAccessible: false },
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
});
