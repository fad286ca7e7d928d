// Progression test helpers: a game whose first version is stored the way the pipeline stores
// it (storeJobVersion for a job), and reading a user's ledger, total and achievements.
import type { Services } from '../../helpers/services.ts';
import { storeJobVersion } from '../../../db/versions.ts';
import { page } from '../games/fixtures.ts';

/** A new game and a create job for it; `store()` runs the job's version step (again, if called again). */
export async function gameWithJob(s: Services, ownerId: string) {
  const { models } = s.db;
  const game = await models.Game.create({
    ownerId, sessionId: null, title: 'Untitled', description: 'A jumping game', gameType: 'platformer',
    difficulty: 'easy', engine: null, templateId: null, templateVersionId: null, currentVersion: null, tags: [],
  });
  const job = await models.Job.create({
    kind: 'create', userId: ownerId, gameId: game.id, sessionId: null, baseVersion: null, state: 'generating',
    workflowId: `job-xp-${game.id}`, idempotencyKey: null, request: { prompt: 'a game' }, templateId: null,
    provider: null, errorCode: null, errorDetail: null, resultVersionId: null, startedAt: new Date(), finishedAt: null,
  });
  const store = () => storeJobVersion(s.db, {
    jobId: job.id, verdict: 'pass', reviewStatus: 'not_required', repairRounds: 0, reports: {},
    draft: {
      html: page('Sky Hopper'), provider: 'offline', model: 'template-engine', mode: 'create',
      tokensIn: 10, tokensOut: 20, costUsd: 0, latencyMs: 1, summary: 'first', changes: [], problems: [],
      promptVersion: 'test',
    },
  });
  return { game, job, store };
}

export async function ledgerOf(s: Services, userId: string) {
  const events = await s.db.models.XpEvent.findAll({ where: { userId }, order: [['createdAt', 'ASC']] });
  const user = await s.db.models.User.findByPk(userId, { attributes: ['id', 'xp'] });
  return {
    events: events.map((e) => ({ kind: e.kind, amount: e.amount, key: e.eventKey })),
    total: user!.xp,
    sum: events.reduce((n, e) => n + e.amount, 0),
  };
}

export async function achievementsOf(s: Services, userId: string): Promise<string[]> {
  const rows = await s.db.models.UserAchievement.findAll({ where: { userId }, order: [['achievement', 'ASC']] });
  return rows.map((r) => r.achievement);
}
