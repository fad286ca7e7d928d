// The generate step: one activity per provider (generateWithOpenAI, generateWithAnthropic,
// generateOffline), so every attempt shows in Temporal UI under its provider's name. Each loads
// the job, calls the generate service (game/generate), records the attempt and leaves retries
// to Temporal.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Redis } from '../lib/redis.ts';
import type { ProviderChain } from '../game/providers/chain.ts';
import { loadJobContext, loadTemplates } from '../db/jobContext.ts';
import { createFeatureFlags } from '../db/flags/store.ts';
import { jobFlagContext } from '../db/flags/jobFlags.ts';
import { offeredTemplates } from '../db/flags/templates.ts';
import { recordAttempt, type AttemptRecord } from '../db/attempts.ts';
import { draftWithModel } from '../game/generate/model.ts';
import { draftOffline, OFFLINE_MODEL } from '../game/generate/offline.ts';
import { OfflineEngineError, type TemplateSource } from '../game/offline/index.ts';
import { ProviderError, type ProviderName } from '../game/providers/types.ts';
import type { Draft, GenerateRequest } from '../game/generate/types.ts';
import { toFailure, translated } from './failures.ts';

export interface GenerateDeps {
  db: Database;
  cfg: Config;
  chain: ProviderChain;
  /** The feature flags' cache (staged templates); without it flags are read from PostgreSQL. */
  redis?: Redis;
}

type Attempt = Pick<AttemptRecord, 'jobId' | 'userId' | 'provider'>;

const sinceMs = (started: number) => Math.round(performance.now() - started);

export function createGenerateActivities(deps: GenerateDeps) {
  const record = (a: Attempt, rest: Omit<AttemptRecord, keyof Attempt | 'attempt'>) =>
    recordAttempt(deps.db, { ...a, ...rest, attempt: Context.current().info.attempt });

  const flags = createFeatureFlags(deps.db, deps.redis);
  /** The published templates, less those in staged rollout that this job's owner is not offered. */
  const templatesFor = (ctx: { userId: string; gameId: string }, published: TemplateSource[]) => offeredTemplates(
    flags, () => jobFlagContext(deps.db, ctx, deps.cfg.NODE_ENV), published,
  );
  /** The job's context and, when wanted, the published templates: read side by side. */
  const contextAndTemplates = async (jobId: string, wanted: boolean) => {
    const [ctx, published] = await translated(() => Promise.all([
      loadJobContext(deps.db, jobId), wanted ? loadTemplates(deps.db) : [],
    ]));
    return { ctx, templates: wanted ? await templatesFor(ctx, published) : [] };
  };

  async function withModel(name: ProviderName, req: GenerateRequest): Promise<Draft> {
    const provider = deps.chain.llm[name];
    if (!provider) {
      throw ApplicationFailure.create({
        type: 'non_retryable', message: `${name} is not configured on this worker`, nonRetryable: true,
      });
    }
    const activity = Context.current();
    const { ctx, templates } = await contextAndTemplates(req.jobId, req.mode === 'create');
    const attempt: Attempt = { jobId: req.jobId, userId: ctx.userId, provider: name };
    // Heartbeats while the model thinks: a dead worker is noticed in seconds, not minutes,
    // and a cancelled job aborts the HTTP call.
    const beat = setInterval(() => activity.heartbeat({ provider: name }), 3000);
    const started = performance.now();
    try {
      const draft = await draftWithModel(provider, req, ctx, templates, {
        maxGameBytes: deps.cfg.MAX_GAME_BYTES, maxTokens: deps.cfg.LLM_MAX_TOKENS,
        timeoutMs: deps.cfg.LLM_TIMEOUT_SECONDS * 1000, signal: activity.cancellationSignal,
      });
      await record(attempt, {
        model: draft.model, status: 'succeeded', latencyMs: draft.latencyMs, tokensIn: draft.tokensIn,
        tokensOut: draft.tokensOut, costUsd: draft.costUsd, errorClass: null,
      });
      return draft;
    } catch (err) {
      if (err instanceof ProviderError) {
        await record(attempt, {
          model: provider.model, status: 'failed', latencyMs: err.latencyMs || sinceMs(started),
          tokensIn: 0, tokensOut: 0, costUsd: 0, errorClass: err.errorClass, httpStatus: err.httpStatus ?? null,
          errorMessage: err.message,
        });
      }
      throw toFailure(err);
    } finally {
      clearInterval(beat);
    }
  }

  async function offline(req: GenerateRequest): Promise<Draft> {
    const started = performance.now();
    const { ctx, templates } = await contextAndTemplates(req.jobId, true);
    const attempt: Attempt = { jobId: req.jobId, userId: ctx.userId, provider: 'offline' };
    const outcome = { model: OFFLINE_MODEL, tokensIn: 0, tokensOut: 0, costUsd: 0 };
    try {
      const draft = draftOffline(req, ctx, templates);
      await record(attempt, { ...outcome, status: 'succeeded', latencyMs: sinceMs(started), errorClass: null });
      return draft;
    } catch (err) {
      if (err instanceof OfflineEngineError) {
        await record(attempt, {
          ...outcome, status: 'failed', latencyMs: sinceMs(started), errorClass: 'non_retryable',
          errorMessage: err.message,
        });
      }
      throw toFailure(err);
    }
  }

  const llm = (name: ProviderName) => (req: GenerateRequest) => withModel(name, req);
  return {
    generateWithOpenAI: llm('openai'),
    generateWithAnthropic: llm('anthropic'),
    generateWithGemini: llm('gemini'),
    generateOffline: offline,
  } satisfies Record<string, (req: GenerateRequest) => Promise<Draft>>;
}
