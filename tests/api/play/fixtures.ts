// Games written straight into the database for the /play tests: the content is whatever the
// test needs (a hostile page, a template, a Phaser game), the review state is set explicitly.
import { appendVersion } from '../../../db/versions.ts';
import type { Services } from '../../helpers/services.ts';
import type { ReviewStatus, Verdict } from '../../../game/vocabulary.ts';

export interface GameOpts {
  content: string;
  title?: string;
  isPublic?: boolean;
  reviewStatus?: ReviewStatus;
  verdict?: Verdict;
}

/** A game with one version; returns its id and version number. */
export async function makeGame(
  s: Services, ownerId: string, opts: GameOpts,
): Promise<{ gameId: string; version: number }> {
  const { models, sequelize } = s.db;
  return sequelize.transaction(async (transaction) => {
    const game = await models.Game.create({
      ownerId, sessionId: null, title: opts.title ?? 'Play test game', description: 'a test', gameType: null,
      difficulty: null, engine: null,
      templateId: null, templateVersionId: null, currentVersion: null, isPublic: opts.isPublic ?? false,
    }, { transaction });
    const row = await appendVersion(models, transaction, game, null, {
      jobId: null, content: opts.content, changeSummary: null, changes: null,
      reviewStatus: opts.reviewStatus ?? 'not_required',
      verdict: opts.verdict ?? 'pass', securityScore: null, codeQuality: null, validationReport: null, scanReport: null,
      playtestReport: null, thumbnailPng: null, provider: null, model: null, promptVersion: null, tokensIn: 0,
      tokensOut: 0, costUsd: 0,
    });
    return { gameId: game.id, version: row.version };
  });
}

export const SIMPLE_GAME = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>t</title></head>
<body><canvas id="c" width="64" height="64"></canvas>
<script>const x = document.getElementById('c').getContext('2d'); x.fillStyle = '#f00';
x.fillRect(0, 0, 64, 64);</script>
</body></html>
`;
