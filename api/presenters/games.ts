// Response shapes for games, as the seed's API documents them. Built field by field from
// the rows: nothing internal (hashes, ids of other users, reports' raw internals) leaks.
import type { Game, GameVersion, Job } from '../../db/models/index.ts';

interface Finding {
  rule: string;
  severity: string;
  message: string;
}

function findingsOf(report: unknown): Finding[] {
  const f = (report as { findings?: Finding[] } | null)?.findings;
  return Array.isArray(f) ? f : [];
}

export function presentGeneratedGame(game: Game, version: GameVersion, job: Job) {
  const scan = version.scanReport as { browser_compatibility?: string[] } | null;
  const warnings = [...findingsOf(version.validationReport), ...findingsOf(version.scanReport)]
    .filter((f) => f.severity !== 'block')
    .map((f) => `${f.rule}: ${f.message}`);
  const seconds = job.startedAt && job.finishedAt ? (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000 : null;
  const usesEngine = version.content.includes('/play/vendor/phaser.min.js');
  return {
    job_id: job.id,
    status: job.state,
    game_id: game.id,
    session_id: game.sessionId,
    version: version.version,
    game_code: version.content,
    metadata: {
      game_type: game.gameType,
      engine: usesEngine ? 'phaser3' : 'canvas2d',
      features: [] as string[],
      template_used: game.templateId,
      provider: version.provider,
      model: version.model,
      generation_time: seconds,
      code_size: version.sizeBytes,
      performance_score: version.codeQuality,
    },
    conversation_context: {
      initial_prompt: game.description,
      ai_interpretation: version.changeSummary,
      applied_modifications: [] as unknown[],
      context_window: [] as unknown[],
    },
    validation_results: {
      security_score: version.securityScore,
      code_quality: version.codeQuality,
      browser_compatibility: scan?.browser_compatibility ?? [],
      warnings,
    },
    assets: { sprites: [] as string[], sounds: [] as string[], external_libraries: usesEngine ? ['/play/vendor/phaser.min.js'] : [] },
  };
}

export function presentJobAccepted(job: Job) {
  return { job_id: job.id, game_id: job.gameId, status: job.state, status_url: `/api/jobs/${job.id}` };
}
