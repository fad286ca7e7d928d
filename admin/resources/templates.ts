// Templates: moderators read, admins edit. `new` / `edit` never change an existing
// TemplateVersion: the code + variables in the form become a NEW version (variables checked
// against game/templates/spec.ts, code by validate + the static scan, verdict and report stored
// on it). `publish` refuses a version whose verdict is block and shows the findings; `archive`
// hides the template from new games. Games keep the template_version they were made from.
import type { ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs';
import type { ApiDeps } from '../../api/services/deps.ts';
import { canEditTemplates } from '../../api/policies.ts';
import {
  archiveTemplate, completeTemplateCreation, completeTemplateEdit, describeBlocking, latestVersion, parseVariables,
  publishLatest, type TemplateDraft,
} from '../../api/services/templateVersions.ts';
import { allowedBy, consoleCaller, readOnly, staff } from './shared.ts';

type DraftContext = ActionContext & { templateDraft?: TemplateDraft };
type Notice = { message: string; type: 'success' | 'error' };

const editors = allowedBy(canEditTemplates);
const FORM_ONLY = ['code', 'variables', 'latestVersion', 'latestVerdict', 'latestFindings'];
/** Never written from the form: publish/archive own them, the hook sets createdBy. */
const SERVER_OWNED = ['status', 'currentVersion', 'createdBy', 'createdAt', 'updatedAt', 'keywords'];

async function validationError(field: string, message: string): Promise<Error> {
  const { ValidationError } = await import('adminjs');
  return new ValidationError(
    { [field]: { message, type: 'invalid' } },
    { message: `${field}: ${message}`, type: 'invalid' },
  );
}

/** Pulls code/variables out of the payload (they are not Template columns) and checks them. */
async function takeDraft(request: ActionRequest, requireCode: boolean): Promise<TemplateDraft | undefined> {
  const payload = (request.payload ?? {}) as Record<string, unknown>;
  const code = payload.code;
  const variables = payload.variables;
  for (const key of [...FORM_ONLY, ...SERVER_OWNED]) delete payload[key];
  for (const key of Object.keys(payload)) {
    if (key.startsWith('variables.') || key.startsWith('keywords.')) delete payload[key];
  }
  request.payload = payload;
  const hasCode = typeof code === 'string' && code.trim() !== '';
  if (requireCode && !hasCode) throw await validationError('code', 'the template code is required');
  if (!hasCode && (variables === undefined || variables === '')) return undefined;
  const parsed = parseVariables(variables ?? '');
  if (!parsed.ok) throw await validationError('variables', parsed.error);
  return { ...(hasCode ? { code } : {}), variables: parsed.value };
}

function savedNotice(version: { version: number; verdict: string | null; scanReport: Record<string, unknown> | null }) {
  if (version.verdict !== 'block') {
    const verdict = version.verdict ?? 'unscanned';
    return { message: `Saved version ${version.version} — verdict ${verdict}`, type: 'success' as const };
  }
  const blocking = describeBlocking(version.scanReport);
  return {
    message: `Saved version ${version.version} — verdict block, it cannot be published: ${blocking}`,
    type: 'error' as const,
  };
}

type ReportedFinding = { rule: string; severity: string; message: string; line?: number };
const findingLine = (f: ReportedFinding) => `[${f.severity}] ${f.rule}${f.line ? ` line ${f.line}` : ''}: ${f.message}`;

const fieldProperties = {
  code: {
    type: 'textarea', props: { rows: 24 },
    description: 'The game HTML. Saving creates a new version; it is validated and scanned.',
  },
  variables: {
    type: 'textarea', props: { rows: 12 },
    description: 'JSON object: { "name": { "type": "number", "default": 1, "range": [0, 10] } }',
  },
  latestVersion: { type: 'number' },
  latestVerdict: { type: 'string' },
  latestFindings: { type: 'textarea' },
};

export function templateResources(deps: ApiDeps) {
  const m = deps.db.models;
  const db = deps.db;

  /** Shows the latest version's code, variables, verdict and findings on the record. */
  async function withLatest(response: ActionResponse): Promise<ActionResponse> {
    const record = response.record as RecordJSON | undefined;
    if (!record?.params?.id) return response;
    const latest = await latestVersion(db, String(record.params.id));
    if (!latest) return response;
    const report = latest.scanReport as { findings?: ReportedFinding[] } | null;
    record.params = {
      ...record.params,
      code: latest.code,
      variables: JSON.stringify(latest.variables, null, 2),
      latestVersion: latest.version,
      latestVerdict: latest.verdict ?? 'unscanned',
      latestFindings: (report?.findings ?? []).map(findingLine).join('\n'),
    };
    return response;
  }

  async function publish(id: string, actorId: string): Promise<Notice> {
    const outcome = await publishLatest(db, id, actorId);
    return outcome.ok
      ? { message: `Published version ${outcome.version}`, type: 'success' }
      : { message: `Publish refused: ${outcome.reason}`, type: 'error' };
  }

  async function archive(id: string, actorId: string): Promise<Notice> {
    return (await archiveTemplate(db, id, actorId))
      ? { message: 'Template archived', type: 'success' }
      : { message: 'Template not found', type: 'error' };
  }

  const recordAction = (name: 'publish' | 'archive') => ({
    actionType: 'record' as const,
    component: false as const,
    icon: name === 'publish' ? 'Upload' : 'Archive',
    guard: name === 'publish'
      ? 'Publish the latest version of this template?'
      : 'Archive this template? Existing games keep working.',
    isAccessible: editors,
    handler: async (_request: ActionRequest, _response: unknown, context: ActionContext) => {
      const { record, currentAdmin, resource } = context;
      if (!record || !currentAdmin) throw new Error('record action without a record');
      const id = String(record.id());
      const notice = await (name === 'publish' ? publish : archive)(id, consoleCaller(context).id);
      const fresh = (await resource.findOne(id, context)) ?? record;
      return { record: fresh.toJSON(currentAdmin), notice };
    },
  });

  const create = {
    isAccessible: editors,
    before: async (request: ActionRequest, context: DraftContext) => {
      if (request.method !== 'post') return request;
      context.templateDraft = await takeDraft(request, true);
      request.payload = { ...request.payload, createdBy: context.currentAdmin?.id };
      return request;
    },
    after: async (response: ActionResponse, _request: ActionRequest, context: DraftContext) => {
      const record = response.record as RecordJSON | undefined;
      const draft = context.templateDraft;
      if (!draft?.code || !record?.params?.id || Object.keys(record.errors ?? {}).length > 0) return response;
      const version = await completeTemplateCreation(db, {
        templateId: String(record.params.id), code: draft.code, variables: draft.variables ?? {},
        actorId: consoleCaller(context).id,
      });
      return { ...response, notice: savedNotice(version) };
    },
  };

  const edit = {
    isAccessible: editors,
    before: async (request: ActionRequest, context: DraftContext) => {
      if (request.method !== 'post') return request;
      context.templateDraft = await takeDraft(request, false);
      delete (request.payload as Record<string, unknown>).id;
      return request;
    },
    after: async (response: ActionResponse, request: ActionRequest, context: DraftContext) => {
      if (request.method !== 'post') return withLatest(response);
      const record = response.record as RecordJSON | undefined;
      const id = String(context.record?.id() ?? record?.params?.id ?? '');
      if (!id || Object.keys(record?.errors ?? {}).length > 0) return response;
      const created = await completeTemplateEdit(db, {
        templateId: id, fields: Object.keys(request.payload ?? {}), draft: context.templateDraft,
        actorId: consoleCaller(context).id,
      });
      return { ...response, notice: created ? savedNotice(created) : response.notice };
    },
  };

  return [
    {
      resource: m.Template,
      options: {
        navigation: { name: 'Catalogue' },
        listProperties: ['id', 'name', 'category', 'status', 'currentVersion', 'updatedAt'],
        showProperties: [
          'id', 'name', 'description', 'category', 'difficulty', 'engine', 'status', 'currentVersion', 'latestVersion',
          'latestVerdict', 'latestFindings', 'variables', 'createdBy', 'updatedAt',
        ],
        editProperties: ['id', 'name', 'description', 'category', 'difficulty', 'engine', 'code', 'variables'],
        properties: fieldProperties,
        actions: {
          ...readOnly(staff),
          show: { isAccessible: staff, after: withLatest },
          new: create,
          edit,
          publish: recordAction('publish'),
          archive: recordAction('archive'),
        },
      },
    },
    {
      resource: m.TemplateVersion,
      options: {
        navigation: { name: 'Catalogue' },
        actions: readOnly(staff),
        properties: { code: { isVisible: false } },
        listProperties: ['templateId', 'version', 'verdict', 'createdBy', 'createdAt'],
      },
    },
  ];
}
