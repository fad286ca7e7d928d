// Users and the audit log, admins only, read-only for now.
import type { ApiDeps } from '../../api/deps.ts';
import { adminOnly, readOnly } from './shared.ts';

export function userResources(deps: ApiDeps) {
  const m = deps.db.models;
  return [
    {
      resource: m.User,
      options: {
        navigation: { name: 'People' },
        actions: readOnly(adminOnly),
        properties: { passwordHash: { isVisible: false } },
        listProperties: ['username', 'email', 'role', 'status', 'aiGenerationsCount', 'createdAt'],
      },
    },
    {
      resource: m.AuditLog,
      options: { navigation: { name: 'People' }, actions: readOnly(adminOnly), listProperties: ['action', 'targetType', 'targetId', 'actorId', 'createdAt'] },
    },
  ];
}
