// The messages of a model call: the system prompt and the user message the mode needs, filled
// from the job, with one fresh fence boundary shared by both (the system prompt names it).
import { createPrompt, editPrompt, repairPrompt, rewritePrompt, systemPrompt, withFence, type Fence }
  from '../prompts/index.ts';
import { optionLines } from './options.ts';
import type { GenerateRequest, JobContext } from './types.ts';

export interface Reference {
  code: string;
  /** The offline engine's interpretation of the description on that template. */
  reading?: string;
}

export interface ModelPrompt {
  system: string;
  user: string;
  /** The fence boundary of this call (random, not stored). */
  boundary: string;
}

export function modelPrompt(
  req: GenerateRequest, ctx: JobContext, reference: Reference, maxGameBytes: number, draw?: () => string,
): ModelPrompt {
  return withFence((fence) => ({
    system: systemPrompt(maxGameBytes, fence), user: userMessage(req, ctx, reference, fence), boundary: fence.boundary,
  }), draw);
}

export function userMessage(req: GenerateRequest, ctx: JobContext, reference: Reference, fence: Fence): string {
  const base = ctx.base ?? { version: 0, content: '' };
  const previous = req.previous?.findings;
  if (req.mode === 'repair' && req.previous?.html) {
    return repairPrompt({ findings: req.previous.findings, draftCode: req.previous.html }, fence);
  }
  if (req.mode === 'edit') {
    return editPrompt({ request: ctx.prompt, baseVersion: base.version, baseCode: base.content, previous }, fence);
  }
  if (req.mode === 'rewrite' || (req.mode === 'repair' && ctx.kind !== 'create')) {
    const request = ctx.kind === 'regenerate'
      ? `${ctx.gameDescription}\n\nRegenerate it with these changes: ${ctx.prompt}`
      : ctx.prompt;
    return rewritePrompt({ request, baseVersion: base.version, baseCode: base.content, previous }, fence);
  }
  return createPrompt({
    description: ctx.prompt, preferences: ctx.preferences, templateCode: reference.code,
    gameType: ctx.gameType, options: optionLines(ctx.advancedOptions), reading: reference.reading,
  }, fence);
}
