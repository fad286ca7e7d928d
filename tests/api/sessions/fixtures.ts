// Sessions, games and chat rows written straight into the database, for the session and
// chat route tests that need no worker; and the seed's request bodies, as written.
import { appendVersion } from '../../../db/versions.ts';
import type { Game } from '../../../db/models/index.ts';
import type { Services } from '../../helpers/services.ts';

export const SEED_SESSION_BODY = {
  user_preferences: { auto_save: true, real_time_updates: true, preferred_engine: 'phaser3' },
  client_info: { user_agent: 'Mozilla/5.0...', screen_resolution: '1920x1080', device_type: 'desktop' },
};

export const SEED_PUT_BODY = {
  preferences: { auto_save: false, real_time_updates: true, explanation_level: 'simple', preferred_engine: 'three.js' },
  metadata: { user_feedback: 'positive', feature_requests: ['sound_support', 'multiplayer'] },
};

/** The seed's POST /api/chat/message body; session_id is the test's own. */
export function seedChatBody(sessionId: string, message = 'Change the player color to red and make it jump higher') {
  return {
    message,
    session_id: sessionId,
    context: {
      current_game_version: 1,
      conversation_history: [
        { role: 'user', content: 'Create a blue platformer game...', timestamp: '2024-01-15T10:30:05Z' },
        {
          role: 'assistant', content: "I've created a blue platformer game with...", timestamp: '2024-01-15T10:30:08Z',
        },
      ],
      current_focus: 'gameplay_mechanics',
      user_intent_history: ['create_game', 'modify_visual'],
    },
    modification_preferences: {
      preserve_existing_features: true, explanation_level: 'detailed', preview_changes: true,
    },
  };
}

export function seedResetBody(sessionId: string) {
  return {
    session_id: sessionId,
    reset_options: {
      preserve_game: true, preserve_preferences: true, clear_conversation_history: true, reset_context: true,
    },
    reason: 'start_fresh_conversation',
  };
}

export async function makeSession(
  s: Services, userId: string, opts: { expired?: boolean; status?: 'initialized' | 'active' } = {},
): Promise<string> {
  const now = Date.now();
  const session = await s.db.models.Session.create({
    userId, status: opts.status ?? 'active', preferences: { auto_save: true }, clientInfo: {}, metadata: {},
    currentGameId: null,
    lastActivityAt: new Date(now), expiresAt: new Date(opts.expired ? now - 1000 : now + 12 * 3600 * 1000),
  });
  return session.id;
}

export const FIXTURE_GAME = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Fixture</title></head>
<body><canvas id="c" width="64" height="64"></canvas>
<script>const x = document.getElementById('c').getContext('2d'); x.fillStyle = '#3498db';
x.fillRect(0, 0, 64, 64);</script>
</body></html>
`;

/** A game of the session; with `versions: 0` it is still being generated (no version yet). */
export async function makeSessionGame(
  s: Services, ownerId: string, sessionId: string, opts: { versions?: number } = {},
): Promise<Game> {
  const { models, sequelize } = s.db;
  return sequelize.transaction(async (transaction) => {
    const game = await models.Game.create({
      ownerId, sessionId, title: 'Fixture game', description: 'a fixture', gameType: 'platformer', difficulty: null,
      engine: null,
      templateId: null, templateVersionId: null, currentVersion: null,
    }, { transaction });
    for (let i = 0; i < (opts.versions ?? 1); i++) {
      await appendVersion(models, transaction, game, null, {
        jobId: null, content: FIXTURE_GAME.replace('#3498db', `#34${String(i).padStart(2, '0')}db`),
        changeSummary: `version ${i + 1}`, changes: [],
        reviewStatus: 'not_required', verdict: 'pass', securityScore: 90, codeQuality: 90, validationReport: null,
        scanReport: null,
        playtestReport: null, thumbnailPng: null, provider: 'offline', model: 'template-engine', promptVersion: null,
        tokensIn: 0, tokensOut: 0, costUsd: 0,
      });
    }
    return game;
  });
}

/** Plain chat rows, one second apart, for pagination. */
export async function makeMessages(s: Services, userId: string, sessionId: string, n: number): Promise<void> {
  const start = Date.now() - n * 1000;
  for (let i = 0; i < n; i++) {
    await s.db.models.ChatMessage.create({
      sessionId, userId, role: i % 2
        ? 'assistant'
        : 'user', content: `message ${i + 1}`, jobId: null, gameVersionId: null,
      intent: i % 2 ? null : 'modify_visual', elements: i % 2 ? null : { colors: ['red'] },
      metadata: i % 2 ? {} : { confidence: 0.5 },
      archivedAt: null, createdAt: new Date(start + i * 1000),
    });
  }
}
