// The moderation queue: game versions waiting for a moderator (review_status 'pending'),
// oldest first. Approve/reject go through sendModerationDecision, an Update of the job's
// workflow: the workflow judges whether the decision is still wanted (a refusal is shown as an
// error notice), and its finishReview writes review_status, moderation_decisions and the audit
// log before the action answers. Generated code is never rendered here: previews are
// play-token links to /play, and the thumbnail is a PNG data: URL.
import type { ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs';
import type { ApiDeps } from '../../api/services/deps.ts';
import { sendModerationDecision } from '../../api/services/jobs.ts';
import { signPlayToken } from '../../api/services/playTokens.ts';
import type { GameVersion } from '../../db/models/index.ts';
import { staff } from './shared.ts';
import { CONSOLE_COMPONENTS, consoleComponentsRegistered } from '../components/moderation/registry.ts';

export const MODERATION_RESOURCE_ID = 'moderation_queue';

const HIDDEN = ['content', 'thumbnailPng', 'validationReport', 'scanReport', 'playtestReport', 'changes'];

interface Finding { rule?: string; severity?: string; message?: string }
type Decision = 'approve' | 'reject';

function findingsOf(report: unknown): Finding[] {
  const f = (report as { findings?: unknown } | null)?.findings;
  return Array.isArray(f) ? (f as Finding[]) : [];
}

/** "navigation.history (review); …" — rules and severities only, never code. */
export function findingsSummary(v: Pick<GameVersion, 'scanReport' | 'validationReport' | 'playtestReport'>): string {
  const all = [...findingsOf(v.scanReport), ...findingsOf(v.validationReport), ...findingsOf(v.playtestReport)];
  if (!all.length) return 'no findings';
  const shown = all.slice(0, 10).map((f) => `${String(f.rule ?? 'finding')} (${String(f.severity ?? '?')})`);
  return shown.join('; ') + (all.length > 10 ? `; +${all.length - 10} more` : '');
}

function reasonOf(request: ActionRequest): string {
  const payload = (request.payload ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const r = payload.reason ?? query.reason;
  return typeof r === 'string' ? r.trim().slice(0, 2000) : '';
}

function idsOf(records: RecordJSON[] | undefined): string[] {
  return (records ?? []).map((r) => String(r.params.id ?? r.id));
}

export function moderationResources(deps: ApiDeps): unknown[] {
  const m = deps.db.models;
  // With the console's components, reject opens a form asking for the reason (its GET only
  // loads the record; the form POSTs the reason). Without them, the reason must be POSTed.
  const withForm = consoleComponentsRegistered();

  /** Adds what a moderator needs to each record and strips code, PNG bytes and raw reports. */
  async function enrich(records: RecordJSON[]): Promise<void> {
    const ids = idsOf(records);
    if (!ids.length) return;
    const versions = await m.GameVersion.findAll({
      where: { id: ids },
      attributes: [
        'id', 'gameId', 'version', 'jobId', 'scanReport', 'validationReport', 'playtestReport', 'thumbnailPng',
      ],
    });
    const jobs = await m.Job.findAll({
      where: { id: versions.map((v) => v.jobId).filter((x): x is string => !!x) },
      attributes: ['id', 'userId', 'request', 'state', 'createdAt'],
    });
    const users = await m.User.findAll({
      where: { id: [...new Set(jobs.map((j) => j.userId))] }, attributes: ['id', 'username'],
    });
    const byId = new Map(versions.map((v) => [v.id, v]));
    const jobById = new Map(jobs.map((j) => [j.id, j]));
    const userById = new Map(users.map((u) => [u.id, u.username]));
    for (const rec of records) {
      for (const key of Object.keys(rec.params)) {
        if (HIDDEN.some((h) => key === h || key.startsWith(`${h}.`))) delete rec.params[key];
      }
      const v = byId.get(String(rec.params.id));
      if (!v) continue;
      const job = v.jobId ? jobById.get(v.jobId) : undefined;
      const prompt = (job?.request as { prompt?: unknown } | undefined)?.prompt;
      const { token } = signPlayToken(deps.cfg, v.gameId, v.version);
      rec.params.findings = findingsSummary(v);
      rec.params.prompt = typeof prompt === 'string' ? prompt.slice(0, 500) : '';
      rec.params.requestedBy = job ? (userById.get(job.userId) ?? job.userId) : '';
      rec.params.jobState = job?.state ?? '';
      rec.params.previewUrl = `${deps.cfg.publicUrl}/play/${v.gameId}/${v.version}?t=${encodeURIComponent(token)}`;
      rec.params.thumbnail = v.thumbnailPng?.length ? `data:image/png;base64,${v.thumbnailPng.toString('base64')}` : '';
    }
  }

  /** Resolves once the job recorded the decision; rejects with why it was refused or overridden. */
  async function decide(id: string, decision: Decision, reason: string, moderatorId: string): Promise<void> {
    const v = await m.GameVersion.scope('summary').findByPk(id);
    const job = v?.jobId ? await m.Job.findByPk(v.jobId) : null;
    if (!job) throw new Error(`version ${id} has no job to resume`);
    const outcome = await sendModerationDecision(deps, job, { decision, ...(reason ? { reason } : {}), moderatorId });
    // Accepted, but the job ended the review otherwise (it was cancelled meanwhile).
    if (outcome.decision !== decision) {
      throw new Error(`the job ended the review otherwise: ${outcome.decision} (${outcome.reason ?? 'no reason'})`);
    }
  }

  const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

  function recordAction(decision: Decision) {
    return {
      actionType: 'record' as const,
      icon: decision === 'approve' ? 'Check' : 'X',
      component: decision === 'reject' && withForm ? CONSOLE_COMPONENTS.ReasonForm : (false as const),
      isAccessible: staff,
      ...(decision === 'reject' ? {} : { guard: 'Approve and publish this version?' }),
      handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
        const { record, currentAdmin } = context;
        const json = record!.toJSON(currentAdmin);
        if (decision === 'reject' && withForm && request.method === 'get') return { record: json };
        const reason = reasonOf(request);
        if (decision === 'reject' && !reason) {
          return { record: json, notice: { message: 'A rejection needs a reason.', type: 'error' } };
        }
        try {
          await decide(String(record!.id()), decision, reason, String(currentAdmin!.id));
        } catch (err) {
          return { record: json, notice: { message: `Could not ${decision}: ${errorText(err)}`, type: 'error' } };
        }
        return {
          record: json,
          redirectUrl: context.h.resourceUrl({ resourceId: MODERATION_RESOURCE_ID }),
          notice: {
            message: decision === 'approve' ? 'Approved: the version is published.' : 'Rejected.', type: 'success',
          },
        };
      },
    };
  }

  function bulkAction(decision: Decision) {
    return {
      actionType: 'bulk' as const,
      icon: decision === 'approve' ? 'Check' : 'X',
      component: decision === 'reject' && withForm ? CONSOLE_COMPONENTS.ReasonForm : (false as const),
      isAccessible: staff,
      ...(decision === 'approve' ? { guard: 'Approve and publish all selected versions?' } : {}),
      handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
        const { records = [], currentAdmin } = context;
        const json = records.map((r) => r.toJSON(currentAdmin));
        if (decision === 'reject' && withForm && request.method === 'get') return { records: json };
        const reason = reasonOf(request);
        if (decision === 'reject' && !reason) {
          return { records: json, notice: { message: 'A rejection needs a reason.', type: 'error' } };
        }
        const results = await Promise.allSettled(
          records.map((r) => decide(String(r.id()), decision, reason, String(currentAdmin!.id))));
        const failed = results.flatMap((r, i) =>
          (r.status === 'rejected' ? [`${String(records[i]!.id())}: ${errorText(r.reason)}`] : []));
        const ok = results.length - failed.length;
        return {
          records: json,
          redirectUrl: context.h.resourceUrl({ resourceId: MODERATION_RESOURCE_ID }),
          notice: failed.length
            ? {
              message: `${ok} ${decision}d, ${failed.length} failed: ${failed.slice(0, 3).join(' | ')}`, type: 'error',
            }
            : { message: `${ok} version(s) ${decision}d.`, type: 'success' },
        };
      },
    };
  }

  const pendingOnly = (request: ActionRequest): Promise<ActionRequest> => {
    const query = { ...(request.query ?? {}) } as Record<string, unknown>;
    query['filters.reviewStatus'] = 'pending';
    query.sortBy ??= 'createdAt';
    query.direction ??= 'asc';
    return Promise.resolve({ ...request, query });
  };
  const enrichList = async (response: { records?: RecordJSON[] }) => {
    await enrich(response.records ?? []);
    return response;
  };
  const enrichShow = async (response: { record?: RecordJSON }) => {
    if (response.record) await enrich([response.record]);
    return response;
  };

  return [
    {
      resource: m.GameVersion,
      options: {
        id: MODERATION_RESOURCE_ID,
        navigation: { name: 'Moderation', icon: 'Shield' },
        sort: { sortBy: 'createdAt', direction: 'asc' },
        properties: {
          ...Object.fromEntries(HIDDEN.map((h) => [h, { isVisible: false }])),
          findings: { type: 'string', isVisible: { list: true, show: true, filter: false, edit: false } },
          prompt: { type: 'string', isVisible: { list: true, show: true, filter: false, edit: false } },
          requestedBy: { type: 'string', isVisible: { list: true, show: true, filter: false, edit: false } },
          jobState: { type: 'string', isVisible: { list: false, show: true, filter: false, edit: false } },
          previewUrl: {
            type: 'string', isVisible: { list: false, show: true, filter: false, edit: false },
            ...(withForm ? { components: { show: CONSOLE_COMPONENTS.PreviewLink } } : {}),
          },
          thumbnail: {
            type: 'string', isVisible: { list: withForm, show: true, filter: false, edit: false },
            ...(withForm
              ? { components: { show: CONSOLE_COMPONENTS.Thumbnail, list: CONSOLE_COMPONENTS.Thumbnail } }
              : {}),
          },
        },
        listProperties: [
          ...(withForm ? ['thumbnail'] : []), 'createdAt', 'verdict', 'securityScore', 'findings', 'provider', 'model',
          'prompt', 'requestedBy',
        ],
        showProperties: [
          'id', 'gameId', 'version', 'verdict', 'securityScore', 'codeQuality', 'reviewStatus', 'findings', 'provider',
          'model', 'prompt', 'requestedBy', 'jobState', 'previewUrl', 'thumbnail', 'createdAt',
        ],
        filterProperties: ['verdict', 'provider', 'createdAt'],
        actions: {
          list: { isAccessible: staff, before: pendingOnly, after: enrichList },
          search: { isAccessible: staff, before: pendingOnly },
          show: { isAccessible: staff, after: enrichShow },
          new: { isAccessible: false },
          edit: { isAccessible: false },
          delete: { isAccessible: false },
          bulkDelete: { isAccessible: false },
          approve: recordAction('approve'),
          reject: recordAction('reject'),
          bulkApprove: bulkAction('approve'),
          bulkReject: bulkAction('reject'),
        },
      },
    },
  ];
}

