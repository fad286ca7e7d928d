// Feature flags in the console: staff see them, admins create, edit and delete flags and their
// rules. Every write is audited (audit_log: flag.* / flag_rule.*) and drops the flag's cache entry,
// so the API and the workers see the change on their next read. A rule is normalised before it is
// saved (global has no scope id; empty fields are "any"), and refused with a message on the field
// when its scope id cannot name what the scope says.
import type { ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs';
import { ValidationError } from 'adminjs';
import type { ApiDeps } from '../../api/services/deps.ts';
import { canManageFlags } from '../../api/policies.ts';
import { flagsOf } from '../../api/services/featureFlags.ts';
import { allowedBy, consoleCaller, staff } from './shared.ts';

const admins = allowedBy(canManageFlags);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEMPLATE_ID = /^[a-z0-9_-]{1,100}$/;

type Payload = Record<string, unknown>;

/** Empty form fields mean "any"; global rules name nothing. */
function normaliseRule(request: ActionRequest): ActionRequest {
  if (request.method !== 'post' || !request.payload) return request;
  const p = request.payload as Payload;
  for (const field of ['scopeId', 'role', 'environment', 'note']) if (p[field] === '') p[field] = null;
  if (p.scope === 'global') p.scopeId = null;
  const id = typeof p.scopeId === 'string' ? p.scopeId.trim() : p.scopeId;
  p.scopeId = id;
  const wrong = (message: string) => new ValidationError({ scopeId: { message } });
  if (p.scope === 'user' || p.scope === 'game') {
    if (typeof id !== 'string' || !UUID.test(id)) throw wrong(`a ${p.scope} scope names a ${p.scope} id`);
  } else if (p.scope === 'template' && (typeof id !== 'string' || !TEMPLATE_ID.test(id))) {
    throw wrong('a template scope names a template id');
  }
  return request;
}

export function flagResources(deps: ApiDeps) {
  const m = deps.db.models;

  /** Audits a write and drops the flag's cache entry; `key` comes from the saved or deleted record. */
  const recorded = (action: string, keyOf: (params: Payload) => unknown) =>
    async (response: ActionResponse, request: ActionRequest, context: ActionContext) => {
      const record = response.record as RecordJSON | undefined;
      const failed = Object.keys(record?.errors ?? {}).length > 0;
      if ((request.method !== 'post' && action !== 'deleted') || !record?.params || failed) return response;
      const named = keyOf(record.params);
      const key = typeof named === 'string' ? named : '';
      await deps.db.models.AuditLog.create({
        actorId: consoleCaller(context).id, action, targetType: 'feature_flag', targetId: key,
        details: { record: record.params }, ip: null, requestId: null,
      });
      if (key) await flagsOf(deps).invalidate(key);
      return response;
    };

  const writes = (kind: 'flag' | 'flag_rule', keyOf: (params: Payload) => unknown, before?: typeof normaliseRule) => ({
    new: { isAccessible: admins, ...(before ? { before } : {}), after: recorded(`${kind}.created`, keyOf) },
    edit: { isAccessible: admins, ...(before ? { before } : {}), after: recorded(`${kind}.updated`, keyOf) },
    delete: { isAccessible: admins, after: recorded(`${kind}.deleted`, keyOf) },
    bulkDelete: { isAccessible: false },
    list: { isAccessible: staff },
    show: { isAccessible: staff },
    search: { isAccessible: staff },
  });

  return [
    {
      resource: m.FeatureFlag,
      options: {
        navigation: { name: 'Feature flags' },
        listProperties: ['key', 'defaultEnabled', 'description', 'updatedAt'],
        editProperties: ['key', 'description', 'defaultEnabled'],
        // A flag's key is what the code asks for: renaming one is a new flag.
        properties: { key: { isId: true, isTitle: true } },
        actions: {
          ...writes('flag', (p) => p.key),
          edit: {
            isAccessible: admins,
            before: (request: ActionRequest) => {
              if (request.payload) delete (request.payload as Payload).key;
              return request;
            },
            after: recorded('flag.updated', (p) => p.key),
          },
        },
      },
    },
    {
      resource: m.FeatureFlagRule,
      options: {
        navigation: { name: 'Feature flags' },
        listProperties: ['flagKey', 'scope', 'scopeId', 'role', 'environment', 'enabled', 'updatedAt'],
        editProperties: ['flagKey', 'scope', 'scopeId', 'role', 'environment', 'enabled', 'note'],
        filterProperties: ['flagKey', 'scope', 'scopeId', 'role', 'environment', 'enabled'],
        properties: { flagKey: { reference: 'feature_flags' } },
        actions: writes('flag_rule', (p) => p.flagKey, normaliseRule),
      },
    },
  ];
}
