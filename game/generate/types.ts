import type { Finding, JobKind, ProviderId } from '../vocabulary.ts';
// The generate step's contract with the workflow.

/** create: a new game; edit: search/replace on the base; rewrite: whole file from the base; repair: fix findings in a draft. */
export type GenerateMode = 'create' | 'edit' | 'rewrite' | 'repair';

export interface GenerateRequest {
  jobId: string;
  kind: JobKind;
  mode: GenerateMode;
  round: number;
  /** Findings to fix (repair) or edits that missed (edit / rewrite); with the draft they concern. */
  previous?: { html?: string; findings: Finding[] };
}

export interface Draft {
  html: string | null;
  provider: ProviderId;
  model: string;
  mode: GenerateMode;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
  summary: string;
  changes: unknown[];
  /** What is already known to be wrong (truncated, edits that missed…): block findings are repaired. */
  problems: Finding[];
  templateId?: string;
  templateVersion?: number;
  promptVersion: string;
}

export interface JobPlan {
  providers: ProviderId[];
  /** Why providers were left out of the chain (no key…), for the job's record. */
  skipped: { name: string; reason: string }[];
  llmTimeoutSeconds: number;
  maxRepairRounds: number;
  /** Play each draft in Chromium (BROWSER_PLAYTEST); absent in histories from before it existed. */
  playtest?: boolean;
  baseVersion?: number;
}
