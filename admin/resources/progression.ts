// Creator progression in the console, admins only: each user's XP ledger and achievements
// (filter by user), and revoking an achievement (audited; a revoked one is never re-awarded).
import type { ActionContext } from 'adminjs';
import type { ApiDeps } from '../../api/services/deps.ts';
import { canManageUsers } from '../../api/policies.ts';
import { revokeAchievement } from '../../api/services/progression.ts';
import { allowedBy, consoleCaller, readOnly } from './shared.ts';

const admins = allowedBy(canManageUsers);

export function progressionResources(deps: ApiDeps) {
  const m = deps.db.models;
  return [
    {
      resource: m.UserAchievement,
      options: {
        navigation: { name: 'People' },
        listProperties: ['userId', 'achievement', 'awardedAt', 'revokedAt', 'revokedBy'],
        filterProperties: ['userId', 'achievement', 'awardedAt', 'revokedAt'],
        sort: { sortBy: 'awardedAt', direction: 'desc' as const },
        actions: {
          ...readOnly(admins),
          revoke: {
            actionType: 'record' as const,
            component: false as const,
            icon: 'Slash',
            guard: 'Revoke this achievement? It will not be awarded again.',
            isAccessible: admins,
            isVisible: ({ record }: ActionContext) => !record?.param('revokedAt'),
            handler: async (_request: unknown, _response: unknown, context: ActionContext) => {
              const { record, currentAdmin, resource } = context;
              if (!record || !currentAdmin) throw new Error('revoke without a record');
              const id = String(record.id());
              const outcome = await revokeAchievement(deps.db, id, consoleCaller(context).id);
              const fresh = (await resource.findOne(id, context)) ?? record;
              return {
                record: fresh.toJSON(currentAdmin),
                notice: { message: outcome.message, type: outcome.ok ? 'success' : 'error' },
              };
            },
          },
        },
      },
    },
    {
      resource: m.XpEvent,
      options: {
        navigation: { name: 'People' },
        listProperties: ['userId', 'kind', 'amount', 'eventKey', 'createdAt'],
        filterProperties: ['userId', 'kind', 'createdAt'],
        sort: { sortBy: 'createdAt', direction: 'desc' as const },
        actions: readOnly(admins),
      },
    },
  ];
}
