// From findings to a decision. Any block ⇒ block; else any review ⇒ review; else pass. The
// security score is a 0..100 summary for dashboards and ranking, never the gate itself.
import type { ValidationReport } from '../validate/index.ts';
import type { Finding } from '../vocabulary.ts';

export type Verdict = 'pass' | 'review' | 'block';

export function verdictOf(findings: Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'block')) return 'block';
  if (findings.some((f) => f.severity === 'review')) return 'review';
  return 'pass';
}

const COST = { block: 35, review: 12, info: 2 } as const;

/** 100 means nothing was found. Each distinct rule costs by severity, repeats a little more;
 *  a blocked game never scores above 40 and a game needing review never above 80. */
export function securityScore(findings: Finding[]): number {
  const seen = new Set<string>();
  let score = 100;
  for (const f of findings) {
    const first = !seen.has(f.rule);
    seen.add(f.rule);
    score -= first ? COST[f.severity] : f.severity === 'info' ? 0 : 2;
  }
  const verdict = verdictOf(findings);
  if (verdict === 'block') score = Math.min(score, 40);
  else if (verdict === 'review') score = Math.min(score, 80);
  return Math.max(0, Math.min(100, score));
}

/** The decision over both steps (what the CLI prints and the pipeline should gate on). */
export function overallVerdict(validation: Pick<ValidationReport, 'findings'>, scan: { verdict: Verdict }): Verdict {
  const v = verdictOf(validation.findings);
  if (v === 'block' || scan.verdict === 'block') return 'block';
  if (v === 'review' || scan.verdict === 'review') return 'review';
  return 'pass';
}
