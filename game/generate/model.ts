// A draft from a language model: the prompt for the mode, one call, the answer shaped into a
// draft with its cost. Failures are the provider's ProviderError, for the caller to classify.
import type { TemplateSource } from '../offline/index.ts';
import { costOf } from '../providers/pricing.ts';
import type { LlmProvider } from '../providers/types.ts';
import { PROMPT_VERSION } from '../prompts/index.ts';
import { shapeAnswer } from './answer.ts';
import { modelPrompt } from './prompt.ts';
import { groundedReference } from './templates.ts';
import type { Draft, GenerateRequest, JobContext } from './types.ts';

export interface ModelLimits {
  maxGameBytes: number;
  maxTokens: number;
  timeoutMs: number;
}

export async function draftWithModel(
  provider: LlmProvider, req: GenerateRequest, ctx: JobContext, templates: TemplateSource[],
  opts: ModelLimits & { signal?: AbortSignal },
): Promise<Draft> {
  const reference = req.mode === 'create' ? groundedReference(ctx, templates) : { code: '' };
  const prompt = modelPrompt(req, ctx, reference, opts.maxGameBytes);
  const completion = await provider.complete(
    {
      system: prompt.system,
      messages: [{ role: 'user', content: prompt.user }],
      maxTokens: opts.maxTokens,
    },
    { signal: opts.signal, timeoutMs: opts.timeoutMs },
  );
  return {
    ...shapeAnswer(req, ctx, completion, opts.maxGameBytes),
    provider: provider.name, model: completion.model, mode: req.mode,
    tokensIn: completion.tokensIn, tokensOut: completion.tokensOut,
    costUsd: costOf(completion.model, completion.tokensIn, completion.tokensOut), latencyMs: completion.latencyMs,
    promptVersion: PROMPT_VERSION, templateId: ctx.templateId,
  };
}
