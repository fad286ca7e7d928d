// The ordered migration list. Names are stored in schema_migrations: never rename or
// reorder an applied migration; add a new one instead.
import type { Migration } from './types.ts';
import * as functions from './0001_functions.ts';
import * as usersAuth from './0002_users_auth.ts';
import * as templates from './0003_templates.ts';
import * as sessionsGames from './0004_sessions_games.ts';
import * as jobsVersions from './0005_jobs_versions.ts';
import * as providerAccounting from './0006_provider_accounting.ts';
import * as chatRatingsModeration from './0007_chat_ratings_moderation.ts';
import * as auditLog from './0008_audit_log.ts';
import * as templateKeywords from './0009_template_keywords.ts';
import * as templateControls from './0010_template_controls.ts';
import * as templateThumbnails from './0011_template_thumbnails.ts';
import * as gameRemixes from './0012_game_remixes.ts';
import * as geminiProvider from './0013_gemini_provider.ts';
import * as emailVerification from './0014_email_verification.ts';
import * as featureFlags from './0015_feature_flags.ts';
import * as creatorProgression from './0016_creator_progression.ts';
import * as userIdentities from './0017_user_identities.ts';

export type { Migration, MigrationFn } from './types.ts';

export const migrations: readonly Migration[] = [
  { name: '0001_functions', up: functions.up, down: functions.down },
  { name: '0002_users_auth', up: usersAuth.up, down: usersAuth.down },
  { name: '0003_templates', up: templates.up, down: templates.down },
  { name: '0004_sessions_games', up: sessionsGames.up, down: sessionsGames.down },
  { name: '0005_jobs_versions', up: jobsVersions.up, down: jobsVersions.down },
  { name: '0006_provider_accounting', up: providerAccounting.up, down: providerAccounting.down },
  { name: '0007_chat_ratings_moderation', up: chatRatingsModeration.up, down: chatRatingsModeration.down },
  { name: '0008_audit_log', up: auditLog.up, down: auditLog.down },
  { name: '0009_template_keywords', up: templateKeywords.up, down: templateKeywords.down },
  { name: '0010_template_controls', up: templateControls.up, down: templateControls.down },
  { name: '0011_template_thumbnails', up: templateThumbnails.up, down: templateThumbnails.down },
  { name: '0012_game_remixes', up: gameRemixes.up, down: gameRemixes.down },
  { name: '0013_gemini_provider', up: geminiProvider.up, down: geminiProvider.down },
  { name: '0014_email_verification', up: emailVerification.up, down: emailVerification.down },
  { name: '0015_feature_flags', up: featureFlags.up, down: featureFlags.down },
  { name: '0016_creator_progression', up: creatorProgression.up, down: creatorProgression.down },
  { name: '0017_user_identities', up: userIdentities.up, down: userIdentities.down },
];

/** Every table the migrations create, for checks and test cleanup. */
export const TABLES: readonly string[] = [
  'users', 'refresh_token_families', 'refresh_tokens', 'email_tokens', 'user_identities',
  'templates', 'template_versions', 'template_thumbnails',
  'sessions', 'games',
  'jobs', 'game_versions',
  'provider_attempts', 'provider_usage',
  'chat_messages', 'ratings', 'moderation_decisions',
  'audit_log',
  'feature_flags', 'feature_flag_rules',
  'xp_events', 'user_achievements',
];
