// gameJob: a sentence in, a stored, versioned game out. Deterministic orchestration only;
// every step that touches the world is an activity with its own timeouts and retries.
import {
  CancellationScope, isCancellation, log, patched, proxySinks, setHandler, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { Activities } from '../activities/index.ts';
import type { Draft, GenerateMode, GenerateRequest } from '../game/generate/types.ts';
import {
  cancelSignal, GAME_JOB_LAYOUT, progressQuery, type GameJobInput, type GameJobResult, type JobSnapshot,
  type ModerationDecision, type ProgressSinks, type StepStatus,
} from './messages.ts';
import { checks, failureOf, generators, local, localChecks, notify, quick } from './proxies.ts';
import { reviewGate } from './review.ts';
import { JOB_PROVIDER, JOB_STATE } from './searchAttributes.ts';
import type { Finding, JobState, Verdict } from '../game/vocabulary.ts';

const PERCENT: Record<JobState, number> = {
  queued: 0, generating: 20, repairing: 35, validating: 50, scanning: 60, awaiting_review: 75, versioning: 90,
  completed: 100, failed: 100, rejected: 100, cancelled: 100,
};

type Reports = Parameters<Activities['storeVersion']>[0]['reports'];

const blocking = (findings: Finding[]) => findings.filter((f) => f.severity === 'block');
const FINAL: ReadonlySet<JobState> = new Set(['completed', 'failed', 'rejected', 'cancelled']);
const { progress } = proxySinks<ProgressSinks>();

export async function gameJob(input: GameJobInput): Promise<GameJobResult> {
  let snapshot: JobSnapshot = {
    job_id: input.jobId, seq: 0, state: 'queued', step: 'queued', status: 'succeeded', message: 'Queued', percent: 0,
    at: new Date().toISOString(), kind: input.kind, game_id: input.gameId, repair_rounds: 0,
  };
  // Runs started with the current layout take every patched change without asking; runs from
  // before it replay by their patch markers (the input is part of the history, so this is stable).
  const current = input.layout === GAME_JOB_LAYOUT;
  const review = reviewGate(() => snapshot.state, current);
  const scope = new CancellationScope();
  // Runs recorded before the fast layout replay with their activities as they were.
  const fast = current || patched('local-steps');
  const steps = fast ? local : quick;

  setHandler(progressQuery, () => snapshot);
  setHandler(cancelSignal, (req) => {
    log.info('cancel requested', { by: req?.by, reason: req?.reason });
    scope.cancel();
  });

  // What the search attributes show (the start set 'queued'). In the fast layout they are set
  // only before the workflow waits — a model call, a playtest, a moderator — and at the end:
  // states passed within one workflow task were never visible, and each upsert is an event.
  const shown: { state: JobState; provider?: string } = { state: 'queued' };
  function showState(): void {
    const provider = snapshot.provider !== shown.provider ? snapshot.provider : undefined;
    const changes = [
      ...(snapshot.state !== shown.state ? [{ key: JOB_STATE, value: snapshot.state }] : []),
      ...(provider ? [{ key: JOB_PROVIDER, value: provider }] : []),
    ];
    if (changes.length) upsertSearchAttributes(changes);
    shown.state = snapshot.state;
    shown.provider = snapshot.provider ?? shown.provider;
  }

  /** `recorded`: the job row already holds this final state (written with the version). */
  async function emit(
    state: JobState, step: string, status: StepStatus, message: string, extra: Partial<JobSnapshot> = {},
    recorded = false,
  ): Promise<void> {
    if (!fast && state !== snapshot.state) upsertSearchAttributes([{ key: JOB_STATE, value: state }]);
    if (!fast && extra.provider && extra.provider !== snapshot.provider) {
      upsertSearchAttributes([{ key: JOB_PROVIDER, value: extra.provider }]);
    }
    snapshot = {
      ...snapshot, ...extra, state, step, status, message, percent: PERCENT[state], seq: snapshot.seq + 1,
      at: new Date().toISOString(),
    };
    const delivery = {
      event: snapshot, userId: input.userId, sessionId: input.sessionId, ...(recorded ? { recorded } : {}),
    };
    // In the fast layout events are handed to the worker without a step of their own, but for
    // a final state the job row does not hold yet: that one is written by the notify activity.
    if (fast && FINAL.has(state)) showState();
    if (fast && (!FINAL.has(state) || recorded)) {
      progress.publish(delivery);
      return;
    }
    try {
      await notify(delivery);
    } catch (err) {
      // Progress is best effort; the job's truth is this workflow and the version row.
      log.warn('notify failed', { seq: snapshot.seq, error: failureOf(err).message });
    }
  }

  async function finish(
    state: GameJobResult['state'], detail: string, extra: Partial<GameJobResult> = {}, recorded = false,
  ): Promise<GameJobResult> {
    const result: GameJobResult = { job_id: input.jobId, state, game_id: input.gameId, detail, ...extra };
    await CancellationScope.nonCancellable(() =>
      emit(state, 'finished', state === 'completed' ? 'succeeded' : 'failed', detail, {
        error_code: extra.error_code, detail, findings: extra.findings, version: extra.version,
        version_id: extra.version_id,
      }, recorded),
    );
    return result;
  }

  /** Records how the review of a stored version ended, and answers the moderator's Update. */
  async function endReview(stored: { versionId: string; version: number }, d: ModerationDecision): Promise<void> {
    const moderatorId = d.moderatorId || null;
    await steps.finishReview({ jobId: input.jobId, versionId: stored.versionId, decision: { ...d, moderatorId } });
    review.recorded({
      job_id: input.jobId, version_id: stored.versionId, version: stored.version, decision: d.decision,
      reason: d.reason ?? null, moderator_id: moderatorId,
    });
  }

  let pending: { versionId: string; version: number } | undefined;
  try {
    return await scope.run(() => run());
  } catch (err) {
    if (!isCancellation(err)) throw err;
    if (pending) {
      const stored = pending;
      await CancellationScope.nonCancellable(() =>
        endReview(stored, { decision: 'reject', reason: 'job cancelled', moderatorId: '' }));
    }
    return finish('cancelled', 'The job was cancelled', { error_code: 'cancelled' });
  }

  async function run(): Promise<GameJobResult> {
    const plan = await steps.prepareJob(input);
    await emit('generating', 'prepare', 'succeeded', `Providers: ${plan.providers.join(' → ')}`);
    const generate = generators(plan, fast);

    let mode: GenerateMode = input.kind === 'create' ? 'create' : input.kind === 'modify' ? 'edit' : 'rewrite';
    let providerIndex = 0;
    let previous: GenerateRequest['previous'];
    let round = 0;
    let editMisses = 0;
    const providerFailures: string[] = [];

    for (;;) {
      let draft: Draft | undefined;
      while (!draft && providerIndex < plan.providers.length) {
        const provider = plan.providers[providerIndex]!;
        const state = round > 0 ? 'repairing' : 'generating';
        await emit(state, `generate:${provider}`, 'started', `Generating with ${provider}`, { provider });
        try {
          if (fast) showState();
          draft = await generate[provider]({ jobId: input.jobId, kind: input.kind, mode, round, previous });
          await emit(state, `generate:${provider}`, 'succeeded', draft.summary || 'Draft ready', {
            provider, model: draft.model,
          });
        } catch (err) {
          if (isCancellation(err)) throw err;
          const f = failureOf(err);
          if (f.type === 'safety_refusal') {
            return finish('rejected', `The ${provider} model refused: ${f.message}`, {
              error_code: 'safety_refusal', provider,
            });
          }
          providerFailures.push(`${provider}: ${f.message}`);
          await emit('generating', `generate:${provider}`, 'failed', `${provider} failed (${f.type}): ${f.message}`, {
            provider,
          });
          providerIndex++;
        }
      }
      if (!draft) {
        return finish('failed', `Every provider failed. ${providerFailures.join(' | ')}`, {
          error_code: 'all_providers_failed',
        });
      }

      const findings = blocking(draft.problems);
      let verdict: Verdict = 'block';
      let reports: Reports = {};
      if (findings.length === 0 && draft.html) {
        await emit('validating', 'validate', 'started', 'Checking the game');
        // Who made the draft decides what the smoke run presses (a template's declared controls).
        const made = {
          jobId: input.jobId, html: draft.html, provider: draft.provider, templateId: draft.templateId,
          templateVersion: draft.templateVersion,
        };
        const checked = fast ? await localChecks.checkDraft(made) : undefined;
        const validation = checked?.validation ?? await checks.validateDraft({ jobId: input.jobId, html: draft.html });
        findings.push(...blocking(validation.findings));
        if (validation.ok) {
          await emit('scanning', 'scan', fast ? 'succeeded' : 'started', 'Scanning for unsafe behaviour');
          const scan = checked?.scan ?? await checks.scanDraft(made);
          verdict = scan.verdict;
          findings.push(...blocking(scan.findings));
          reports = { validation, scan };
          // Added after the first runs were recorded: patched() keeps their replay identical.
          if (verdict !== 'block' && plan.playtest && (current || patched('browser-playtest'))) {
            await emit('scanning', 'playtest', 'started', 'Playing the game in a browser');
            // Which provider and template made the draft decides what is pressed and how much
            // ignoring it matters; the activity's input is not part of replay, so no patch.
            if (fast) showState();
            const playtest = await checks.playtestDraft(made);
            findings.push(...blocking(playtest.findings));
            reports = { ...reports, playtest };
          }
        }
      }

      if (findings.length === 0 && draft.html) {
        return publish(draft, verdict, reports, round);
      }
      if (draft.provider === 'offline' || round >= plan.maxRepairRounds) {
        return finish('failed', `The game still has ${findings.length} problem(s) after ${round} repair round(s)`, {
          error_code: 'repair_exhausted', findings, provider: draft.provider,
        });
      }
      round++;
      const missed = findings.some((f) => f.rule.startsWith('edit.'));
      if (missed) editMisses++;
      // Edits that keep missing are replaced by a whole-file rewrite of the base version.
      mode = missed ? (editMisses >= 2 ? 'rewrite' : 'edit') : mode === 'edit' && !draft.html ? 'rewrite' : 'repair';
      previous = { html: draft.html ?? undefined, findings };
      snapshot = { ...snapshot, repair_rounds: round };
      await emit('repairing', 'repair', 'started', `Repair round ${round}: ${findings.length} finding(s)`, {
        findings,
      });
    }
  }

  async function publish(draft: Draft, verdict: Verdict, reports: Reports, round: number): Promise<GameJobResult> {
    const needsReview = verdict === 'review';
    const storing = needsReview ? 'Storing the version for review' : 'Storing the new version';
    await emit('versioning', 'version', 'started', storing);
    // In the fast layout a version that needs no review completes the job in the same transaction.
    const completesJob = fast && !needsReview;
    const stored = await steps.storeVersion({
      jobId: input.jobId, draft, verdict, reviewStatus: needsReview ? 'pending' : 'not_required', repairRounds: round,
      reports, ...(completesJob ? { completesJob } : {}),
    });
    const versionOf = { version: stored.version, version_id: stored.versionId, provider: draft.provider };
    if (needsReview) {
      pending = stored;
      review.open();
      await emit('awaiting_review', 'review', 'started', 'Waiting for a moderator', versionOf);
      if (fast) showState();
      const moderator = await review.decision((input.reviewTimeout ?? '7 days') as Duration);
      const final: ModerationDecision = moderator
        ?? { decision: 'reject', reason: 'no moderator decision before the deadline', moderatorId: '' };
      await endReview(stored, final);
      pending = undefined;
      if (final.decision === 'reject') {
        return finish('rejected', `Rejected by moderation: ${final.reason ?? 'no reason given'}`, {
          ...versionOf, error_code: moderator ? 'moderator_rejected' : 'review_timeout',
        });
      }
    }
    const info = workflowInfo();
    log.info('job completed', { workflowId: info.workflowId, version: stored.version });
    return finish('completed', draft.summary || `Version ${stored.version} is ready`, versionOf, completesJob);
  }
}
