// Access rules shared by the console's resources.
export type Ctx = { currentAdmin?: { role?: string; id?: string } };
export const staff = ({ currentAdmin }: Ctx) => currentAdmin?.role === 'moderator' || currentAdmin?.role === 'admin';
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
