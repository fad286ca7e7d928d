// Games and versions made directly through the models (no pipeline), in the states the
// visibility rules care about: public or private, and versions pending, approved, rejected.
import { randomBytes } from 'node:crypto';
import type { Game } from '../../../db/models/index.ts';
import { appendVersion } from '../../../db/versions.ts';
import type { Services } from '../../helpers/services.ts';
import type { GameStatus, ReviewStatus } from '../../../game/vocabulary.ts';

export interface VersionSpec {
  review?: ReviewStatus;
  summary?: string;
  changes?: unknown[];
  content?: string;
}

export interface GameSpec {
  title?: string;
  description?: string;
  isPublic?: boolean;
  status?: GameStatus;
  gameType?: string;
  difficulty?: 'easy' | 'medium' | 'hard';
  tags?: string[];
  templateId?: string;
  versions?: VersionSpec[];
}

export const page = (label: string) =>
  `<!DOCTYPE html>\n<html><head><title>${label}</title></head><body><canvas id="c"></canvas>`
  + '<script>let t=0;function loop(){t++;requestAnimationFrame(loop)}'
  + "addEventListener('keydown',()=>{});loop();</script>"
  + '</body></html>';

export const tagOf = () => `t-${randomBytes(4).toString('hex')}`;

/** Versions are appended as the pipeline would: pending ones do not move the current version;
 * approval moves it (like finishReview), rejection leaves it. */
export async function makeGame(s: Services, ownerId: string, spec: GameSpec = {}): Promise<Game> {
  const { models, sequelize } = s.db;
  const game = await models.Game.create({
    ownerId, sessionId: null, title: spec.title ?? 'Sky Hopper', description: spec.description ?? 'A jumping game',
    gameType: spec.gameType ?? 'platformer', difficulty: spec.difficulty ?? 'medium', engine: null,
    templateId: spec.templateId ?? null, templateVersionId: null, currentVersion: null, tags: spec.tags ?? [],
  });
  for (const [i, v] of (spec.versions ?? [{}]).entries()) {
    const review = v.review ?? 'not_required';
    await sequelize.transaction(async (transaction) => {
      const row = await appendVersion(models, transaction, game, null, {
        jobId: null, content: v.content ?? page(`${game.title} v${i + 1}`), changeSummary: v.summary ?? null,
        changes: v.changes ?? [],
        reviewStatus: review === 'not_required' ? 'not_required' : 'pending',
        verdict: review === 'not_required' ? 'pass' : 'review',
        securityScore: 90, codeQuality: 80, validationReport: null, scanReport: null, playtestReport: null,
        thumbnailPng: null,
        provider: 'offline', model: 'template-engine', promptVersion: null, tokensIn: 0, tokensOut: 0, costUsd: 0,
      });
      if (review === 'approved' || review === 'rejected') await row.update({ reviewStatus: review }, { transaction });
      if (review === 'approved') await game.update({ currentVersion: row.version, status: 'active' }, { transaction });
    });
  }
  await game.update({ isPublic: spec.isPublic ?? false, ...(spec.status ? { status: spec.status } : {}) });
  return game;
}
