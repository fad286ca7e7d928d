// The generate step: one activity per provider (generateWithOpenAI, generateWithAnthropic,
// generateOffline), so every attempt shows in Temporal UI under its provider's name.
// Temporal owns retries: failures become ApplicationFailures whose type is the error class.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { ProviderChain } from '../game/providers/chain.ts';
import { loadJobContext, loadTemplates, type JobContext } from '../db/jobContext.ts';
import { applyEdits, parseEdits } from '../game/generate/edits.ts';
import { extractGame } from '../game/generate/extract.ts';
import { createGame, modifyGame, OfflineEngineError } from '../game/offline/index.ts';
import { costOf } from '../game/providers/pricing.ts';
import { PROMPT_VERSION, createPrompt, editPrompt, repairPrompt, rewritePrompt, systemPrompt } from '../game/prompts/index.ts';
import { ProviderError, type LlmProvider, type ProviderName } from '../game/providers/types.ts';
import { recordAttempt } from '../db/attempts.ts';
import type { Draft, GenerateRequest } from '../game/generate/types.ts';

export interface GenerateDeps {
  db: Database;
  cfg: Config;
  chain: ProviderChain;
}

function userMessage(req: GenerateRequest, ctx: JobContext, referenceCode: string): string {
  const base = ctx.base ?? { version: 0, content: '' };
  if (req.mode === 'repair' && req.previous?.html) return repairPrompt({ findings: req.previous.findings, draftCode: req.previous.html });
  if (req.mode === 'edit') return editPrompt({ request: ctx.prompt, baseVersion: base.version, baseCode: base.content, previous: req.previous?.findings });
  if (req.mode === 'rewrite' || (req.mode === 'repair' && ctx.kind !== 'create')) {
    const request = ctx.kind === 'regenerate' ? `${ctx.gameDescription}\n\nRegenerate it with these changes: ${ctx.prompt}` : ctx.prompt;
    return rewritePrompt({ request, baseVersion: base.version, baseCode: base.content, previous: req.previous?.findings });
  }
  return createPrompt({ description: ctx.prompt, preferences: ctx.preferences, templateCode: referenceCode });
}

async function referenceTemplate(deps: GenerateDeps, ctx: JobContext): Promise<string> {
  const templates = await loadTemplates(deps.db);
  return (templates.find((t) => t.id === ctx.templateId) ?? templates[0])?.code ?? '';
}

async function generateWithLlm(deps: GenerateDeps, name: ProviderName, req: GenerateRequest): Promise<Draft> {
  const provider: LlmProvider | undefined = deps.chain.llm[name];
  if (!provider) throw ApplicationFailure.create({ type: 'non_retryable', message: `${name} is not configured on this worker`, nonRetryable: true });
  const activity = Context.current();
  const ctx = await loadJobContext(deps.db, req.jobId);
  const message = userMessage(req, ctx, req.mode === 'create' ? await referenceTemplate(deps, ctx) : '');
  // Heartbeats while the model thinks: a dead worker is noticed in seconds, not minutes,
  // and a cancelled job aborts the HTTP call.
  const beat = setInterval(() => activity.heartbeat({ provider: name }), 3000);
  const started = performance.now();
  try {
    const completion = await provider.complete(
      { system: systemPrompt(deps.cfg.MAX_GAME_BYTES), messages: [{ role: 'user', content: message }], maxTokens: deps.cfg.LLM_MAX_TOKENS },
      { signal: activity.cancellationSignal, timeoutMs: deps.cfg.LLM_TIMEOUT_SECONDS * 1000 },
    );
    const cost = costOf(completion.model, completion.tokensIn, completion.tokensOut);
    await recordAttempt(deps.db, {
      jobId: req.jobId, userId: ctx.userId, attempt: activity.info.attempt, provider: name, model: completion.model,
      status: 'succeeded', latencyMs: completion.latencyMs, tokensIn: completion.tokensIn, tokensOut: completion.tokensOut, costUsd: cost,
      errorClass: null,
    });
    const shaped = shapeAnswer(req, ctx, completion.text, completion.stopReason, deps.cfg.MAX_GAME_BYTES);
    return {
      ...shaped, provider: name, model: completion.model, mode: req.mode, tokensIn: completion.tokensIn, tokensOut: completion.tokensOut,
      costUsd: cost, latencyMs: completion.latencyMs, promptVersion: PROMPT_VERSION, templateId: ctx.templateId,
    };
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    await recordAttempt(deps.db, {
      jobId: req.jobId, userId: ctx.userId, attempt: activity.info.attempt, provider: name, model: provider.model, status: 'failed',
      latencyMs: err.latencyMs || Math.round(performance.now() - started), tokensIn: 0, tokensOut: 0, costUsd: 0,
      errorClass: err.errorClass, httpStatus: err.httpStatus ?? null, errorMessage: err.message,
    });
    throw ApplicationFailure.create({
      type: err.errorClass,
      message: err.message,
      nonRetryable: err.errorClass !== 'retryable' && err.errorClass !== 'malformed',
      // Retry-After from the provider becomes the delay before Temporal's next attempt.
      ...(err.retryAfterMs !== undefined ? { nextRetryDelay: err.retryAfterMs } : {}),
    });
  } finally {
    clearInterval(beat);
  }
}

/** Turns the model's text into a draft: a whole document, or edits applied to the base. */
function shapeAnswer(req: GenerateRequest, ctx: JobContext, text: string, stopReason: string, maxBytes: number) {
  if (req.mode === 'edit' && ctx.base) {
    const edits = applyEdits(ctx.base.content, parseEdits(text));
    const truncated = stopReason === 'length'
      ? [{ rule: 'output.truncated', severity: 'block' as const, message: 'The answer was cut off; send fewer, smaller edits.' }]
      : [];
    const problems = [...truncated, ...edits.problems];
    return {
      html: problems.length ? null : edits.html, summary: summaryLine(text) ?? 'Applied the requested changes',
      changes: [{ type: 'search_replace', edits: edits.applied }], problems,
    };
  }
  const out = extractGame(text, { stopReason, maxBytes });
  return { html: out.html ?? null, summary: out.summary ?? '', changes: [], problems: out.problems };
}

function summaryLine(text: string): string | undefined {
  return /^\s*summary\s*:\s*(.+)$/im.exec(text)?.[1]?.trim().slice(0, 500);
}

async function generateOffline(deps: GenerateDeps, req: GenerateRequest): Promise<Draft> {
  const activity = Context.current();
  const started = performance.now();
  const ctx = await loadJobContext(deps.db, req.jobId);
  const templates = await loadTemplates(deps.db);
  const base = { provider: 'offline' as const, model: 'template-engine', mode: req.mode, tokensIn: 0, tokensOut: 0, costUsd: 0, promptVersion: PROMPT_VERSION };
  try {
    if (ctx.kind === 'modify' && ctx.base) {
      const template = templates.find((t) => t.id === ctx.base?.templateId);
      if (!template) throw new OfflineEngineError('no_template', 'this game was not made from a template the offline engine knows');
      const out = modifyGame(ctx.prompt, ctx.base.content, template);
      if (!out.understood) throw new OfflineEngineError('not_understood', `the offline engine found nothing to change in "${ctx.prompt.slice(0, 120)}"; try e.g. "make the player red" or "jump higher"`);
      // A change that changes nothing (already at a limit, already that colour) is not a version.
      if (out.html === ctx.base.content) throw new OfflineEngineError('no_change', `nothing to change: ${out.summary}`);
      await record(deps, ctx, activity.info.attempt, started, 'succeeded');
      return { ...base, html: out.html, summary: out.summary, changes: out.changes, problems: [], latencyMs: ms(started), templateId: template.id, templateVersion: template.version };
    }
    const description = ctx.kind === 'regenerate' ? `${ctx.gameDescription} ${ctx.prompt}` : ctx.prompt;
    const out = createGame(description, templates, { templateId: ctx.templateId ?? ctx.base?.templateId, preferences: ctx.preferences });
    await record(deps, ctx, activity.info.attempt, started, 'succeeded');
    return {
      ...base, html: out.html, summary: out.interpretation, changes: out.changes, problems: [], latencyMs: ms(started),
      templateId: out.template_id, templateVersion: out.template_version,
    };
  } catch (err: unknown) {
    if (!(err instanceof OfflineEngineError)) throw err;
    await record(deps, ctx, activity.info.attempt, started, 'failed', err.message);
    throw ApplicationFailure.create({ type: 'offline_unusable', message: err.message, nonRetryable: true });
  }
}

const ms = (started: number) => Math.round(performance.now() - started);

function record(deps: GenerateDeps, ctx: JobContext, attempt: number, started: number, status: 'succeeded' | 'failed', errorMessage?: string) {
  return recordAttempt(deps.db, {
    jobId: ctx.jobId, userId: ctx.userId, attempt, provider: 'offline', model: 'template-engine', status, latencyMs: ms(started),
    tokensIn: 0, tokensOut: 0, costUsd: 0, errorClass: status === 'failed' ? 'non_retryable' : null, errorMessage: errorMessage ?? null,
  });
}

export function createGenerateActivities(deps: GenerateDeps) {
  const llm = (name: ProviderName) => (req: GenerateRequest) => generateWithLlm(deps, name, req);
  return {
    generateWithOpenAI: llm('openai'),
    generateWithAnthropic: llm('anthropic'),
    generateOffline: (req: GenerateRequest) => generateOffline(deps, req),
  } satisfies Record<string, (req: GenerateRequest) => Promise<Draft>>;
}
