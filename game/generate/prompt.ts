// The user message of a model call: which prompt the mode needs, filled from the job.
import { createPrompt, editPrompt, repairPrompt, rewritePrompt } from '../prompts/index.ts';
import { optionLines } from './options.ts';
import type { GenerateRequest, JobContext } from './types.ts';

export interface Reference {
  code: string;
  /** The offline engine's interpretation of the description on that template. */
  reading?: string;
}

export function userMessage(req: GenerateRequest, ctx: JobContext, reference: Reference): string {
  const base = ctx.base ?? { version: 0, content: '' };
  const previous = req.previous?.findings;
  if (req.mode === 'repair' && req.previous?.html) {
    return repairPrompt({ findings: req.previous.findings, draftCode: req.previous.html });
  }
  if (req.mode === 'edit') {
    return editPrompt({ request: ctx.prompt, baseVersion: base.version, baseCode: base.content, previous });
  }
  if (req.mode === 'rewrite' || (req.mode === 'repair' && ctx.kind !== 'create')) {
    const request = ctx.kind === 'regenerate'
      ? `${ctx.gameDescription}\n\nRegenerate it with these changes: ${ctx.prompt}`
      : ctx.prompt;
    return rewritePrompt({ request, baseVersion: base.version, baseCode: base.content, previous });
  }
  return createPrompt({
    description: ctx.prompt, preferences: ctx.preferences, templateCode: reference.code,
    gameType: ctx.gameType, options: optionLines(ctx.advancedOptions), reading: reference.reading,
  });
}
