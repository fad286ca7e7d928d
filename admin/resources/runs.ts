// Jobs and provider attempts, read-only for now.
import type { ApiDeps } from '../../api/deps.ts';
import { readOnly, staff } from './shared.ts';

export function runsResources(deps: ApiDeps) {
  const m = deps.db.models;
  return [
    {
      resource: m.Job,
      options: { navigation: { name: 'Runs' }, actions: readOnly(staff), listProperties: ['kind', 'state', 'provider', 'templateId', 'createdAt', 'finishedAt'] },
    },
    {
      resource: m.ProviderAttempt,
      options: { navigation: { name: 'Runs' }, actions: readOnly(staff), listProperties: ['jobId', 'provider', 'model', 'status', 'errorClass', 'latencyMs', 'createdAt'] },
    },
  ];
}
