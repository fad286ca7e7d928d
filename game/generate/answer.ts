// A model's answer becomes a draft: a whole document, or search/replace edits applied to the
// base version. What is wrong with it (cut off, edits that missed) travels as block findings.
import { applyEdits, parseEdits } from './edits.ts';
import { extractGame, summaryOf } from './extract.ts';
import type { Draft, GenerateRequest, JobContext } from './types.ts';

const CUT_OFF = 'The answer was cut off; send fewer, smaller edits.';

export type ShapedAnswer = Pick<Draft, 'html' | 'summary' | 'changes' | 'problems'>;

export function shapeAnswer(
  req: GenerateRequest, ctx: JobContext, answer: { text: string; stopReason: string }, maxBytes: number,
): ShapedAnswer {
  if (req.mode === 'edit' && ctx.base) {
    const edits = applyEdits(ctx.base.content, parseEdits(answer.text));
    const truncated = answer.stopReason === 'length'
      ? [{ rule: 'output.truncated', severity: 'block' as const, message: CUT_OFF }]
      : [];
    const problems = [...truncated, ...edits.problems];
    return {
      html: problems.length ? null : edits.html, summary: summaryOf(answer.text) ?? 'Applied the requested changes',
      changes: [{ type: 'search_replace', edits: edits.applied }], problems,
    };
  }
  const out = extractGame(answer.text, { stopReason: answer.stopReason, maxBytes });
  return { html: out.html ?? null, summary: out.summary ?? '', changes: [], problems: out.problems };
}
