// What the console shows, and to whom. Read-only for now: every write goes through an
// audited action (added with the moderation and template issues), never a raw edit form.
import type { Models } from '../db/index.ts';

type Ctx = { currentAdmin?: { role?: string } };
const staff = ({ currentAdmin }: Ctx) => currentAdmin?.role === 'moderator' || currentAdmin?.role === 'admin';
const adminOnly = ({ currentAdmin }: Ctx) => currentAdmin?.role === 'admin';

const readOnly = (canSee: (ctx: Ctx) => boolean) => ({
  list: { isAccessible: canSee },
  show: { isAccessible: canSee },
  search: { isAccessible: canSee },
  new: { isAccessible: false },
  edit: { isAccessible: false },
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
});

export function consoleResources(m: Models) {
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
      resource: m.Template,
      options: { navigation: { name: 'Catalogue' }, actions: readOnly(staff), listProperties: ['id', 'name', 'category', 'status', 'currentVersion', 'updatedAt'] },
    },
    {
      resource: m.Game,
      options: { navigation: { name: 'Catalogue' }, actions: readOnly(staff), listProperties: ['title', 'gameType', 'status', 'currentVersion', 'isPublic', 'createdAt'] },
    },
    {
      resource: m.GameVersion,
      options: {
        navigation: { name: 'Catalogue' },
        actions: readOnly(staff),
        // Generated code is never rendered on the admin origin; previews go through /play.
        properties: { content: { isVisible: false }, thumbnailPng: { isVisible: false } },
        listProperties: ['gameId', 'version', 'verdict', 'reviewStatus', 'securityScore', 'provider', 'createdAt'],
      },
    },
    {
      resource: m.Job,
      options: { navigation: { name: 'Runs' }, actions: readOnly(staff), listProperties: ['kind', 'state', 'provider', 'templateId', 'createdAt', 'finishedAt'] },
    },
    {
      resource: m.ProviderAttempt,
      options: { navigation: { name: 'Runs' }, actions: readOnly(staff), listProperties: ['jobId', 'provider', 'model', 'status', 'errorClass', 'latencyMs', 'createdAt'] },
    },
    {
      resource: m.AuditLog,
      options: { navigation: { name: 'People' }, actions: readOnly(adminOnly), listProperties: ['action', 'targetType', 'targetId', 'actorId', 'createdAt'] },
    },
  ];
}
