// The words every part of Playforge shares: job kinds and states, providers, findings and
// severities, roles, and the allowed values of the text "enum" columns. Defined once, here;
// the migrations hold their own frozen copy in CHECK constraints and tests/db/models.test.ts
// fails if the two drift apart.
export const USER_ROLES = ['user', 'premium', 'moderator', 'admin'] as const;
/** Roles that may moderate, see every job and enter the console. */
export const STAFF_ROLES = ['moderator', 'admin'] as const;
export const USER_STATUSES = ['active', 'suspended'] as const;
export const SESSION_STATUSES = ['initialized', 'active', 'expired', 'deleted'] as const;
export const TEMPLATE_STATUSES = ['draft', 'published', 'archived'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
/** Templates use the seed's skill levels; games use the player's difficulty. */
export const TEMPLATE_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const GAME_STATUSES = ['draft', 'active', 'rejected', 'deleted'] as const;
export const REVIEW_STATUSES = ['not_required', 'pending', 'approved', 'rejected'] as const;
export const VERDICTS = ['pass', 'review', 'block'] as const;
export const SEVERITIES = ['block', 'review', 'info'] as const;
/** Every kind a job row can have; rollback is a job row too, but never a workflow run. */
export const JOB_KINDS = ['create', 'modify', 'regenerate', 'rollback'] as const;
/** The kinds the gameJob workflow runs. */
export const PIPELINE_JOB_KINDS = ['create', 'modify', 'regenerate'] as const;
export const JOB_STATES = [
  'queued', 'generating', 'validating', 'scanning', 'repairing', 'awaiting_review', 'versioning',
  'completed', 'failed', 'rejected', 'cancelled',
] as const;
export const TERMINAL_JOB_STATES = ['completed', 'failed', 'rejected', 'cancelled'] as const;
export const PROVIDERS = ['openai', 'anthropic', 'gemini', 'offline'] as const;
export const ATTEMPT_STATUSES = ['succeeded', 'failed'] as const;
export const ERROR_CLASSES = [
  'retryable', 'non_retryable', 'safety_refusal', 'context_too_long', 'truncated', 'malformed',
] as const;
export const CHAT_ROLES = ['user', 'assistant', 'system'] as const;
export const MODERATION_DECISIONS = ['approve', 'reject'] as const;
/** Feature-flag rule scopes, most specific first: the order a flag is evaluated in. */
export const FLAG_SCOPES = ['user', 'game', 'template', 'global'] as const;
export const ENVIRONMENTS = ['development', 'test', 'production'] as const;
/** What a single-use link sent by e-mail does. */
export const EMAIL_TOKEN_PURPOSES = ['password_reset', 'email_verification'] as const;
/** What earns a creator XP (game/progression.ts has the amounts). */
export const XP_KINDS = ['game_created', 'first_play_by_other', 'rating_received', 'remix_received'] as const;
export const ACHIEVEMENTS = ['first_game', 'ten_games', 'first_five_star', 'hundred_plays', 'first_remix'] as const;
export const LEADERBOARD_PERIODS = ['week', 'all'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type UserStatus = (typeof USER_STATUSES)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type TemplateLevel = (typeof TEMPLATE_LEVELS)[number];
export type GameStatus = (typeof GAME_STATUSES)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type Verdict = (typeof VERDICTS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type JobKind = (typeof JOB_KINDS)[number];
export type PipelineJobKind = (typeof PIPELINE_JOB_KINDS)[number];
export type JobState = (typeof JOB_STATES)[number];
export type TerminalJobState = (typeof TERMINAL_JOB_STATES)[number];
export type ProviderId = (typeof PROVIDERS)[number];
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
export type ErrorClass = (typeof ERROR_CLASSES)[number];
export type ChatRole = (typeof CHAT_ROLES)[number];
export type ModerationDecisionValue = (typeof MODERATION_DECISIONS)[number];
export type FlagScope = (typeof FLAG_SCOPES)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];
export type XpKind = (typeof XP_KINDS)[number];
export type AchievementId = (typeof ACHIEVEMENTS)[number];
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

export const isUserRole = (value: unknown): value is UserRole =>
  typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
export const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);
export const isTerminalState = (state: string): state is TerminalJobState =>
  (TERMINAL_JOB_STATES as readonly string[]).includes(state);

/** One problem found in a game by validate, scan or the playtest: a rule id a model can act on,
 *  how bad it is, what to do about it, and where in the document. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  line?: number;
  column?: number;
  source?: string;
}
