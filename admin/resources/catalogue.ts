// Games and their versions, read-only. Generated code is never rendered on the admin
// origin; previews go through /play.
import type { ApiDeps } from '../../api/services/deps.ts';
import { readOnly, staff } from './shared.ts';

export function catalogueResources(deps: ApiDeps) {
  const m = deps.db.models;
  return [
    {
      resource: m.Game,
      options: {
        navigation: { name: 'Catalogue' },
        actions: readOnly(staff),
        listProperties: ['title', 'gameType', 'status', 'currentVersion', 'isPublic', 'createdAt'],
      },
    },
    {
      resource: m.GameVersion,
      options: {
        navigation: { name: 'Catalogue' },
        actions: readOnly(staff),
        properties: { content: { isVisible: false }, thumbnailPng: { isVisible: false } },
        listProperties: ['gameId', 'version', 'verdict', 'reviewStatus', 'securityScore', 'provider', 'createdAt'],
      },
    },
  ];
}
