// Access rules shared by the console's resources.
import { isStaffRole } from '../../game/vocabulary.ts';

export type Ctx = { currentAdmin?: { role?: string; id?: string } };
export const staff = ({ currentAdmin }: Ctx) => isStaffRole(currentAdmin?.role ?? '');
export const adminOnly = ({ currentAdmin }: Ctx) => currentAdmin?.role === 'admin';

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
