// Templates, read-only for now.
import type { ApiDeps } from '../../api/deps.ts';
import { readOnly, staff } from './shared.ts';

export function templateResources(deps: ApiDeps) {
  const m = deps.db.models;
  return [
    {
      resource: m.Template,
      options: { navigation: { name: 'Catalogue' }, actions: readOnly(staff), listProperties: ['id', 'name', 'category', 'status', 'currentVersion', 'updatedAt'] },
    },
  ];
}
