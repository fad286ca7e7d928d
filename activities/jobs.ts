// Job bookkeeping in PostgreSQL: planning a run, storing its version (once per job, even
// when the activity is retried), and recording a moderator's decision.
import { ApplicationFailure } from '@temporalio/activity';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Draft, JobPlan } from '../game/generate/types.ts';
import type { GameJobInput } from '../workflows/messages.ts';
import type { PlaytestOutcome } from './checks.ts';
import type { ProviderChain } from '../game/providers/chain.ts';
import { appendVersion } from '../db/versions.ts';

export interface StoreVersionInput {
  jobId: string;
  draft: Draft;
  verdict: 'pass' | 'review' | 'block';
  reviewStatus: 'not_required' | 'pending';
  repairRounds: number;
  reports: { validation?: unknown; scan?: unknown; playtest?: PlaytestOutcome };
}

export interface ReviewOutcome {
  jobId: string;
  versionId: string;
  decision: { decision: 'approve' | 'reject'; reason?: string; moderatorId: string | null };
}

function playtestRecord(p: PlaytestOutcome | undefined) {
  if (!p) return null;
  const { thumbnail_base64: _png, ...rest } = p;
  return rest as never;
}

function thumbnailOf(p: PlaytestOutcome | undefined): Buffer | null {
  const png = p?.thumbnail_base64 ? Buffer.from(p.thumbnail_base64, 'base64') : null;
  // The schema accepts a PNG of at most 1 MB; anything else is dropped, not stored.
  return png && png.length <= 1_000_000 && png.subarray(0, 4).toString('hex') === '89504e47' ? png : null;
}

const fail = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

function titleOf(html: string): string | undefined {
  const t = /<title[^>]*>([^<]{3,200})<\/title>/i.exec(html)?.[1]?.trim();
  return t && t.length >= 3 ? t : undefined;
}

function scores(reports: StoreVersionInput['reports']): { security: number | null; quality: number | null } {
  const scan = reports.scan as { security_score?: number } | undefined;
  const validation = reports.validation as { code_quality?: number } | undefined;
  return { security: scan?.security_score ?? null, quality: validation?.code_quality ?? null };
}

export function createJobActivities(deps: { db: Database; cfg: Config; chain: ProviderChain }) {
  const { models, sequelize } = deps.db;

  return {
    async prepareJob(input: GameJobInput): Promise<JobPlan> {
      const job = await models.Job.findByPk(input.jobId);
      if (!job) throw fail('job_missing', `job ${input.jobId} does not exist`);
      let baseVersion: number | undefined;
      if (input.kind !== 'create') {
        const game = await models.Game.findByPk(input.gameId);
        baseVersion = input.baseVersion ?? game?.currentVersion ?? undefined;
        if (!baseVersion) throw fail('no_base_version', 'the game has no version to change yet');
        const exists = await models.GameVersion.count({ where: { gameId: input.gameId, version: baseVersion } });
        if (!exists) throw fail('no_base_version', `version ${baseVersion} of the game does not exist`);
      }
      await job.update({ startedAt: job.startedAt ?? new Date(), baseVersion: baseVersion ?? job.baseVersion });
      return {
        providers: deps.chain.order,
        skipped: deps.chain.skipped,
        llmTimeoutSeconds: deps.cfg.LLM_TIMEOUT_SECONDS,
        maxRepairRounds: deps.cfg.MAX_REPAIR_ROUNDS,
        playtest: deps.cfg.BROWSER_PLAYTEST,
        baseVersion,
      };
    },

    async storeVersion(input: StoreVersionInput): Promise<{ versionId: string; version: number }> {
      const existing = await models.GameVersion.scope('summary').findOne({ where: { jobId: input.jobId } });
      if (existing) return { versionId: existing.id, version: existing.version };
      const { draft } = input;
      if (!draft.html) throw fail('no_content', 'a draft without content cannot be stored');
      const html = draft.html;
      try {
        return await sequelize.transaction(async (transaction: Transaction) => {
          const job = await models.Job.findByPk(input.jobId, { transaction });
          if (!job?.gameId) throw fail('job_missing', `job ${input.jobId} has no game`);
          const game = await models.Game.findByPk(job.gameId, { transaction, lock: transaction.LOCK.UPDATE });
          if (!game) throw fail('game_missing', `game ${job.gameId} is gone`);
          const { security, quality } = scores(input.reports);
          const firstVersion = game.currentVersion === null;
          const row = await appendVersion(models, transaction, game, job.baseVersion, {
            jobId: job.id, content: html, changeSummary: draft.summary || null, changes: draft.changes,
            reviewStatus: input.reviewStatus, verdict: input.verdict, securityScore: security, codeQuality: quality,
            validationReport: (input.reports.validation ?? null) as never, scanReport: (input.reports.scan ?? null) as never,
            playtestReport: playtestRecord(input.reports.playtest), thumbnailPng: thumbnailOf(input.reports.playtest), provider: draft.provider, model: draft.model, promptVersion: draft.promptVersion,
            tokensIn: draft.tokensIn, tokensOut: draft.tokensOut, costUsd: draft.costUsd,
          });
          if (firstVersion || draft.templateId) {
            await game.update({
              ...(firstVersion ? { title: titleOf(html) ?? game.title } : {}),
              ...(draft.templateId ? { templateId: draft.templateId } : {}),
            }, { transaction });
          }
          await job.update({ resultVersionId: row.id, repairRounds: input.repairRounds, provider: draft.provider }, { transaction });
          await models.User.increment(
            { aiGenerationsCount: 1, aiTokensUsed: draft.tokensIn + draft.tokensOut },
            { where: { id: job.userId }, transaction },
          );
          return { versionId: row.id, version: row.version };
        });
      } catch (err) {
        // A retry that raced the first attempt past the check above: the version exists.
        if (err instanceof UniqueConstraintError) {
          const again = await models.GameVersion.scope('summary').findOne({ where: { jobId: input.jobId } });
          if (again) return { versionId: again.id, version: again.version };
        }
        throw err;
      }
    },

    async finishReview(input: ReviewOutcome): Promise<void> {
      await sequelize.transaction(async (transaction) => {
        const version = await models.GameVersion.scope('summary').findByPk(input.versionId, { transaction, lock: transaction.LOCK.UPDATE });
        if (!version) throw fail('version_missing', `version ${input.versionId} is gone`);
        if (version.reviewStatus !== 'pending') return; // already decided (a retried activity)
        const approved = input.decision.decision === 'approve';
        await version.update({ reviewStatus: approved ? 'approved' : 'rejected' }, { transaction });
        if (input.decision.moderatorId) {
          await models.ModerationDecision.create({
            gameVersionId: version.id, jobId: input.jobId, moderatorId: input.decision.moderatorId,
            decision: input.decision.decision, reason: input.decision.reason ?? null,
          }, { transaction });
        }
        await models.AuditLog.create({
          actorId: input.decision.moderatorId, action: `moderation.${input.decision.decision}`, targetType: 'game_version',
          targetId: version.id, details: { job_id: input.jobId, reason: input.decision.reason ?? null }, ip: null, requestId: null,
        }, { transaction });
        if (approved) {
          const game = await models.Game.findByPk(version.gameId, { transaction, lock: transaction.LOCK.UPDATE });
          if (game && (game.currentVersion ?? 0) < version.version) await game.update({ currentVersion: version.version, status: 'active' }, { transaction });
        }
      });
    },
  };
}
