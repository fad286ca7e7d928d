// Jobs and provider attempts. Staff read them; admins may cancel a running job or retry a
// failed one (a new job with the same request, started as the job's owner).
import type { ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs';
import { fn, col } from 'sequelize';
import type { ApiDeps } from '../../api/services/deps.ts';
import { cancelJob, startJob } from '../../api/services/jobs.ts';
import type { Caller } from '../../api/policies.ts';
import { adminOnly, readOnly, staff } from './shared.ts';
import { CONSOLE_COMPONENTS, consoleComponentsRegistered } from '../components/moderation/registry.ts';
import type { PipelineJobKind } from '../../game/vocabulary.ts';

export const RUNS_RESOURCE_ID = 'jobs';
const TERMINAL = new Set(['completed', 'failed', 'rejected', 'cancelled']);

export function temporalRunUrl(cfg: ApiDeps['cfg'], workflowId: string): string {
  return `${cfg.TEMPORAL_UI_URL.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(cfg.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
}

export function runsResources(deps: ApiDeps) {
  const m = deps.db.models;
  const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

  async function enrich(records: RecordJSON[]): Promise<void> {
    const ids = records.map((r) => String(r.params.id ?? r.id));
    if (!ids.length) return;
    const counts = (await m.ProviderAttempt.findAll({
      where: { jobId: ids }, attributes: ['jobId', [fn('COUNT', col('id')), 'n']], group: ['jobId'], raw: true,
    })) as unknown as { jobId: string; n: string | number }[];
    const byJob = new Map(counts.map((c) => [c.jobId, Number(c.n)]));
    for (const rec of records) {
      const p = rec.params;
      rec.params.attempts = byJob.get(String(p.id)) ?? 0;
      const start = p.startedAt ? new Date(String(p.startedAt)).getTime() : NaN;
      const end = p.finishedAt ? new Date(String(p.finishedAt)).getTime() : Date.now();
      rec.params.durationSeconds = Number.isFinite(start) ? Math.max(0, Math.round((end - start) / 1000)) : '';
      rec.params.error = p.errorCode ? `${String(p.errorCode)}${p.errorDetail ? `: ${String(p.errorDetail)}` : ''}` : '';
      rec.params.temporalUrl = p.workflowId ? temporalRunUrl(deps.cfg, String(p.workflowId)) : '';
      const prompt: unknown = p['request.prompt'];
      rec.params.prompt = typeof prompt === 'string' ? prompt.slice(0, 500) : '';
    }
  }

  const virtual = (list: boolean) => ({ type: 'string' as const, isVisible: { list, show: true, filter: false, edit: false } });

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
          temporalUrl: { ...virtual(false), ...(consoleComponentsRegistered() ? { components: { show: CONSOLE_COMPONENTS.ExternalLink } } : {}) },
          prompt: virtual(false),
          request: { isVisible: false },
        },
        listProperties: ['kind', 'state', 'provider', 'attempts', 'durationSeconds', 'error', 'createdAt'],
        showProperties: ['id', 'kind', 'state', 'userId', 'gameId', 'provider', 'prompt', 'attempts', 'repairRounds', 'durationSeconds', 'error', 'temporalUrl', 'workflowId', 'resultVersionId', 'createdAt', 'startedAt', 'finishedAt'],
        actions: {
          ...readOnly(staff),
          list: { isAccessible: staff, after: async (res: { records?: RecordJSON[] }) => { await enrich(res.records ?? []); return res; } },
          show: { isAccessible: staff, after: async (res: { record?: RecordJSON }) => { if (res.record) await enrich([res.record]); return res; } },
          cancel: {
            actionType: 'record' as const,
            icon: 'XCircle',
            component: false as const,
            guard: 'Cancel this job?',
            isAccessible: adminOnly,
            isVisible: (ctx: ActionContext) => !TERMINAL.has(String(ctx.record?.get('state'))),
            handler: async (_req: ActionRequest, _res: unknown, context: ActionContext): Promise<ActionResponse> => {
              const { record, currentAdmin } = context;
              const json = record!.toJSON(currentAdmin);
              try {
                const job = await m.Job.findByPk(String(record!.id()));
                if (!job) throw new Error('job not found');
                if (TERMINAL.has(job.state)) throw new Error(`the job is already ${job.state}`);
                await cancelJob(deps, job, { id: String(currentAdmin!.id), role: 'admin', username: String(currentAdmin!.title ?? currentAdmin!.email) });
              } catch (err) {
                return { record: json, notice: { message: `Could not cancel: ${errorText(err)}`, type: 'error' } };
              }
              return { record: json, notice: { message: 'Cancellation requested.', type: 'success' } };
            },
          },
          retry: {
            actionType: 'record' as const,
            icon: 'RotateCw',
            component: false as const,
            guard: 'Start this job again with the same request, as its owner?',
            isAccessible: adminOnly,
            isVisible: (ctx: ActionContext) => ctx.record?.get('state') === 'failed',
            handler: async (_req: ActionRequest, _res: unknown, context: ActionContext): Promise<ActionResponse> => {
              const { record, currentAdmin, h } = context;
              const json = record!.toJSON(currentAdmin);
              try {
                const job = await m.Job.findByPk(String(record!.id()));
                if (!job) throw new Error('job not found');
                if (job.state !== 'failed') throw new Error(`only failed jobs can be retried (this one is ${job.state})`);
                const owner = await m.User.findByPk(job.userId);
                if (!owner) throw new Error('the job owner no longer exists');
                const r = job.request as { prompt?: string; preferences?: Record<string, unknown>; template_id?: string | null; game_type?: string | null };
                if (!r.prompt) throw new Error('the job has no prompt to retry');
                const caller: Caller = { id: owner.id, role: owner.role, username: owner.username };
                const { job: fresh } = await startJob(deps, caller, {
                  kind: job.kind as PipelineJobKind, prompt: r.prompt,
                  ...(job.kind !== 'create' && job.gameId ? { gameId: job.gameId } : {}),
                  ...(job.sessionId ? { sessionId: job.sessionId } : {}),
                  ...(r.template_id ? { templateId: r.template_id } : {}),
                  ...(r.game_type ? { gameType: r.game_type } : {}),
                  ...(r.preferences ? { preferences: r.preferences } : {}),
                  ...(job.baseVersion ? { baseVersion: job.baseVersion } : {}),
                });
                await m.AuditLog.create({
                  actorId: String(currentAdmin!.id), action: 'job.retry', targetType: 'job', targetId: job.id,
                  details: { new_job_id: fresh.id }, ip: null, requestId: null,
                });
                return {
                  record: json,
                  redirectUrl: h.recordActionUrl({ resourceId: RUNS_RESOURCE_ID, recordId: fresh.id, actionName: 'show' }),
                  notice: { message: `Retried as job ${fresh.id}.`, type: 'success' },
                };
              } catch (err) {
                return { record: json, notice: { message: `Could not retry: ${errorText(err)}`, type: 'error' } };
              }
            },
          },
        },
      },
    },
    {
      resource: m.ProviderAttempt,
      options: { navigation: { name: 'Runs' }, actions: readOnly(staff), listProperties: ['jobId', 'provider', 'model', 'status', 'errorClass', 'latencyMs', 'createdAt'] },
    },
  ];
}
