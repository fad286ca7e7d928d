// Response shapes of /api/sessions, as the seed documents them. The client's own metadata
// is returned as it was stored; internal bookkeeping in the metadata column is not.
import type { Game, Session } from '../../db/models/index.ts';
import type { DeleteOutcome, SessionUsage } from '../services/sessions.ts';

type Json = Record<string, unknown>;

export function presentCreatedSession(s: Session) {
  return {
    session_id: s.id,
    created_at: s.createdAt.toISOString(),
    expires_at: s.expiresAt?.toISOString() ?? null,
    preferences: s.preferences,
    client_info: s.clientInfo,
    status: s.status,
  };
}

/** "2.4MB", "12.5KB", "900B": the seed's human-readable storage figure. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)}MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)}KB`;
  return `${bytes}B`;
}

export function presentSession(s: Session, game: Game | null, lastModified: Date | null, usage: SessionUsage) {
  const last = [s.lastActivityAt, usage.lastMessageAt, lastModified].filter((d): d is Date => d instanceof Date)
    .reduce((a, b) => (b > a ? b : a), s.lastActivityAt);
  return {
    session_id: s.id,
    created_at: s.createdAt.toISOString(),
    last_activity: last.toISOString(),
    expires_at: s.expiresAt?.toISOString() ?? null,
    status: s.status,
    current_game: game
      ? {
        game_id: game.id,
        current_version: game.currentVersion,
        game_type: game.gameType,
        last_modified: (lastModified ?? game.updatedAt).toISOString(),
      }
      : null,
    conversation_stats: {
      total_messages: usage.totalMessages,
      total_modifications: usage.totalModifications,
      average_response_time: usage.averageResponseSeconds,
    },
    preferences: s.preferences,
    metadata: ((s.metadata as { user?: Json }).user ?? {}),
    resources: {
      storage_used: formatBytes(usage.storageBytes),
      api_calls_today: usage.callsToday,
      remaining_quota: usage.remainingQuota,
    },
  };
}

export function presentUpdatedSession(s: Session) {
  return {
    session_id: s.id,
    updated_preferences: s.preferences,
    updated_metadata: ((s.metadata as { user?: Json }).user ?? {}),
    updated_at: s.updatedAt.toISOString(),
    status: 'preferences_updated',
  };
}

export function presentDeletedSession(id: string, d: DeleteOutcome) {
  return {
    session_id: id,
    cleanup_summary: {
      conversation_history_archived: true,
      messages_archived: d.messagesArchived,
      game_data_backed_up: d.backupLocation !== null,
      jobs_cancelled: d.jobsCancelled,
      // Sessions keep no temporary files or cache entries of their own: nothing is left to remove.
      temporary_files_deleted: true,
      cache_cleared: true,
    },
    backup_location: d.backupLocation,
    cleanup_timestamp: d.at.toISOString(),
    status: 'session_deleted',
  };
}
