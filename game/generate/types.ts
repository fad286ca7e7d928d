import type { Finding, JobKind, ProviderId } from '../vocabulary.ts';
import type { AdvancedOptions } from './options.ts';
// The generate step's contract with the workflow, and what a generate attempt knows of its job.

/** create: a new game; edit: search/replace on the base; rewrite: whole file from the base; repair: fix findings. */
export type GenerateMode = 'create' | 'edit' | 'rewrite' | 'repair';

export interface GenerateRequest {
  jobId: string;
  kind: JobKind;
  mode: GenerateMode;
  round: number;
  /** Findings to fix (repair) or edits that missed (edit / rewrite); with the draft they concern. */
  previous?: { html?: string; findings: Finding[] };
}

/** The job as a generate attempt sees it: the player's request (from the job row) and the base version. */
export interface JobContext {
  jobId: string;
  kind: JobKind;
  userId: string;
  gameId: string;
  prompt: string;
  /** The game's original description (regenerate keeps it and adds the new wishes). */
  gameDescription: string;
  templateId?: string;
  /** A genre of the published templates (their category), checked when the job was accepted. */
  gameType?: string;
  preferences: Record<string, unknown>;
  advancedOptions: AdvancedOptions;
  base?: { version: number; content: string; templateId?: string };
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
