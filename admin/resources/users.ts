// Users and the audit log, admins only. Users: list with role/status filters, show with
// provider usage, XP and level, and audited record actions changeRole / suspend / reactivate (no raw edit).
import type { ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs';
import type { ApiDeps } from '../../api/services/deps.ts';
import { canManageUsers } from '../../api/policies.ts';
import { changeRole, setSuspended, userUsage, type UserAdminOutcome } from '../../api/services/userAdmin.ts';
import { levelFor } from '../../game/progression.ts';
import { allowedBy, consoleCaller, readOnly } from './shared.ts';

type UserChange = (userId: string, actorId: string, request: ActionRequest) => Promise<UserAdminOutcome>;

const admins = allowedBy(canManageUsers);
const usageOnly = { type: 'number' as const, isVisible: { list: false, filter: false, show: true, edit: false } };

function roleOf(request: ActionRequest): unknown {
  const payload = request.payload as Record<string, unknown> | undefined;
  const query = request.query as Record<string, unknown> | undefined;
  return payload?.role ?? query?.role;
}

export function userResources(deps: ApiDeps) {
  const m = deps.db.models;
  const db = deps.db;

  const userAction = (name: string, run: UserChange, guard?: string) => ({
    actionType: 'record' as const,
    component: false as const,
    isAccessible: admins,
    ...(guard ? { guard } : {}),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const { record, currentAdmin, resource } = context;
      if (!record || !currentAdmin) throw new Error(`${name} without a record`);
      const id = String(record.id());
      const outcome = await run(id, consoleCaller(context).id, request);
      const fresh = (await resource.findOne(id, context)) ?? record;
      const notice = { message: outcome.message, type: outcome.ok ? 'success' : 'error' };
      return { record: fresh.toJSON(currentAdmin), notice };
    },
  });

  const withUsage = async (response: ActionResponse) => {
    const record = response.record as RecordJSON | undefined;
    if (!record?.params?.id) return response;
    const [usage, held] = await Promise.all([
      userUsage(db, String(record.params.id)),
      m.UserAchievement.findAll({
        where: { userId: String(record.params.id), revokedAt: null },
        order: [['awardedAt', 'ASC'], ['achievement', 'ASC']],
      }),
    ]);
    record.params = {
      ...record.params,
      usageRequests: usage.requests,
      usageTokensIn: usage.tokensIn,
      usageTokensOut: usage.tokensOut,
      usageCostUsd: usage.costUsd,
      level: levelFor(Number(record.params.xp ?? 0)),
      // Revoking one is an action on the achievements list (filtered by this user).
      achievements: held.map((a) => a.achievement).join(', ') || 'none',
    };
    return response;
  };

  return [
    {
      resource: m.User,
      options: {
        navigation: { name: 'People' },
        properties: {
          passwordHash: { isVisible: false },
          usageRequests: usageOnly,
          usageTokensIn: usageOnly,
          usageTokensOut: usageOnly,
          usageCostUsd: usageOnly,
          level: usageOnly,
          achievements: { type: 'string' as const, isVisible: { list: false, filter: false, show: true, edit: false } },
        },
        listProperties: [
          'username', 'email', 'emailVerified', 'role', 'status', 'xp', 'aiGenerationsCount', 'createdAt',
        ],
        filterProperties: ['role', 'status', 'username', 'email', 'emailVerified', 'createdAt'],
        actions: {
          ...readOnly(admins),
          show: { isAccessible: admins, after: withUsage },
          // The role comes as `role` in the body (or query): user | premium | moderator | admin.
          changeRole: {
            ...userAction('changeRole', (id, actor, req) => changeRole(deps, id, roleOf(req), actor)),
            icon: 'UserCheck',
          },
          suspend: {
            ...userAction(
              'suspend',
              (id, actor) => setSuspended(deps, id, true, actor),
              'Suspend this user? All their sessions end now.',
            ),
            icon: 'UserX',
            isVisible: ({ record }: ActionContext) => record?.param('status') !== 'suspended',
          },
          reactivate: {
            ...userAction('reactivate', (id, actor) => setSuspended(deps, id, false, actor), 'Reactivate this user?'),
            icon: 'UserPlus',
            isVisible: ({ record }: ActionContext) => record?.param('status') === 'suspended',
          },
        },
      },
    },
    {
      // Accounts at an OpenID provider (Google sign-in) linked to users; a link is made by signing in.
      resource: m.UserIdentity,
      options: {
        navigation: { name: 'People' },
        actions: readOnly(admins),
        properties: { userId: { reference: 'users' } },
        listProperties: ['userId', 'issuer', 'email', 'createdAt', 'lastUsedAt'],
        filterProperties: ['userId', 'issuer', 'email'],
      },
    },
    {
      resource: m.AuditLog,
      options: {
        navigation: { name: 'People' },
        actions: readOnly(admins),
        listProperties: ['action', 'targetType', 'targetId', 'actorId', 'createdAt'],
      },
    },
  ];
}
