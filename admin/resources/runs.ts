// Jobs and provider attempts. Staff read them; admins may cancel a running job or retry a
// failed one (api/services/runs.ts).
import type { ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs';
import type { ApiDeps } from '../../api/services/deps.ts';
import { attemptCounts, cancelRun, retryJob } from '../../api/services/runs.ts';
import { canInterveneInJobs } from '../../api/policies.ts';
import { isTerminalState } from '../../game/vocabulary.ts';
import { allowedBy, consoleCaller, readOnly, staff } from './shared.ts';
import { CONSOLE_COMPONENTS, consoleComponentsRegistered } from '../components/moderation/registry.ts';

export const RUNS_RESOURCE_ID = 'jobs';

const mayIntervene = allowedBy(canInterveneInJobs);
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function temporalRunUrl(cfg: ApiDeps['cfg'], workflowId: string): string {
  const ui = cfg.TEMPORAL_UI_URL.replace(/\/+$/, '');
  return `${ui}/namespaces/${encodeURIComponent(cfg.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
}

const virtual = (list: boolean) => ({
  type: 'string' as const, isVisible: { list, show: true, filter: false, edit: false },
});

export function runsResources(deps: ApiDeps) {
  const m = deps.db.models;

  /** Attempts, duration, error, Temporal UI link and prompt on each record. */
  async function enrich(records: RecordJSON[]): Promise<void> {
    const attempts = await attemptCounts(deps.db, records.map((r) => String(r.params.id ?? r.id)));
    for (const rec of records) {
      const p = rec.params;
      rec.params.attempts = attempts.get(String(p.id)) ?? 0;
      const start = p.startedAt ? new Date(String(p.startedAt)).getTime() : NaN;
      const end = p.finishedAt ? new Date(String(p.finishedAt)).getTime() : Date.now();
      rec.params.durationSeconds = Number.isFinite(start) ? Math.max(0, Math.round((end - start) / 1000)) : '';
      const detail = p.errorDetail ? `: ${String(p.errorDetail)}` : '';
      rec.params.error = p.errorCode ? `${String(p.errorCode)}${detail}` : '';
      rec.params.temporalUrl = p.workflowId ? temporalRunUrl(deps.cfg, String(p.workflowId)) : '';
      const prompt: unknown = p['request.prompt'];
      rec.params.prompt = typeof prompt === 'string' ? prompt.slice(0, 500) : '';
    }
  }

  const cancel = {
    actionType: 'record' as const,
    icon: 'XCircle',
    component: false as const,
    guard: 'Cancel this job?',
    isAccessible: mayIntervene,
    isVisible: (ctx: ActionContext) => !isTerminalState(String(ctx.record?.get('state'))),
    handler: async (_req: ActionRequest, _res: unknown, context: ActionContext): Promise<ActionResponse> => {
      const { record, currentAdmin } = context;
      const json = record!.toJSON(currentAdmin);
      try {
        await cancelRun(deps, String(record!.id()), consoleCaller(context));
      } catch (err) {
        return { record: json, notice: { message: `Could not cancel: ${errorText(err)}`, type: 'error' } };
      }
      return { record: json, notice: { message: 'Cancellation requested.', type: 'success' } };
    },
  };

  const retry = {
    actionType: 'record' as const,
    icon: 'RotateCw',
    component: false as const,
    guard: 'Start this job again with the same request, as its owner?',
    isAccessible: mayIntervene,
    isVisible: (ctx: ActionContext) => ctx.record?.get('state') === 'failed',
    handler: async (_req: ActionRequest, _res: unknown, context: ActionContext): Promise<ActionResponse> => {
      const { record, currentAdmin, h } = context;
      const json = record!.toJSON(currentAdmin);
      try {
        const fresh = await retryJob(deps, String(record!.id()), consoleCaller(context).id);
        return {
          record: json,
          redirectUrl: h.recordActionUrl({ resourceId: RUNS_RESOURCE_ID, recordId: fresh.id, actionName: 'show' }),
          notice: { message: `Retried as job ${fresh.id}.`, type: 'success' },
        };
      } catch (err) {
        return { record: json, notice: { message: `Could not retry: ${errorText(err)}`, type: 'error' } };
      }
    },
  };

  return [
    {
      resource: m.Job,
      options: {
        id: RUNS_RESOURCE_ID,
        navigation: { name: 'Runs' },
        sort: { sortBy: 'createdAt', direction: 'desc' },
        properties: {
          attempts: { ...virtual(true), type: 'number' as const },
          durationSeconds: virtual(true),
          error: virtual(true),
          temporalUrl: {
            ...virtual(false),
            ...(consoleComponentsRegistered() ? { components: { show: CONSOLE_COMPONENTS.ExternalLink } } : {}),
          },
          prompt: virtual(false),
          request: { isVisible: false },
        },
        listProperties: ['kind', 'state', 'provider', 'attempts', 'durationSeconds', 'error', 'createdAt'],
        showProperties: [
          'id', 'kind', 'state', 'userId', 'gameId', 'provider', 'prompt', 'attempts', 'repairRounds',
          'durationSeconds', 'error', 'temporalUrl', 'workflowId', 'resultVersionId', 'createdAt', 'startedAt',
          'finishedAt',
        ],
        actions: {
          ...readOnly(staff),
          list: {
            isAccessible: staff,
            after: async (res: { records?: RecordJSON[] }) => {
              await enrich(res.records ?? []);
              return res;
            },
          },
          show: {
            isAccessible: staff,
            after: async (res: { record?: RecordJSON }) => {
              if (res.record) await enrich([res.record]);
              return res;
            },
          },
          cancel,
          retry,
        },
      },
    },
    {
      resource: m.ProviderAttempt,
      options: {
        navigation: { name: 'Runs' },
        actions: readOnly(staff),
        listProperties: ['jobId', 'provider', 'model', 'status', 'errorClass', 'latencyMs', 'createdAt'],
      },
    },
  ];
}
