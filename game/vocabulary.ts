// Allowed values of the text "enum" columns. The migrations hold their own frozen copy in
// CHECK constraints; tests/db/models.test.ts fails if the two drift apart.
export const USER_ROLES = ['user', 'premium', 'moderator', 'admin'] as const;
export const USER_STATUSES = ['active', 'suspended'] as const;
export const SESSION_STATUSES = ['initialized', 'active', 'expired', 'deleted'] as const;
export const TEMPLATE_STATUSES = ['draft', 'published', 'archived'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
/** Templates use the seed's skill levels; games use the player's difficulty. */
export const TEMPLATE_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const GAME_STATUSES = ['draft', 'active', 'rejected', 'deleted'] as const;
export const REVIEW_STATUSES = ['not_required', 'pending', 'approved', 'rejected'] as const;
export const VERDICTS = ['pass', 'review', 'block'] as const;
export const JOB_KINDS = ['create', 'modify', 'regenerate', 'rollback'] as const;
export const JOB_STATES = [
  'queued', 'generating', 'validating', 'scanning', 'repairing', 'awaiting_review', 'versioning',
  'completed', 'failed', 'rejected', 'cancelled',
] as const;
export const TERMINAL_JOB_STATES = ['completed', 'failed', 'rejected', 'cancelled'] as const;
export const PROVIDERS = ['openai', 'anthropic', 'offline'] as const;
export const ATTEMPT_STATUSES = ['succeeded', 'failed'] as const;
export const ERROR_CLASSES = [
  'retryable', 'non_retryable', 'safety_refusal', 'context_too_long', 'truncated', 'malformed',
] as const;
export const CHAT_ROLES = ['user', 'assistant', 'system'] as const;
export const MODERATION_DECISIONS = ['approve', 'reject'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type UserStatus = (typeof USER_STATUSES)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type TemplateLevel = (typeof TEMPLATE_LEVELS)[number];
export type GameStatus = (typeof GAME_STATUSES)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type Verdict = (typeof VERDICTS)[number];
export type JobKind = (typeof JOB_KINDS)[number];
export type JobState = (typeof JOB_STATES)[number];
export type Provider = (typeof PROVIDERS)[number];
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
export type ErrorClass = (typeof ERROR_CLASSES)[number];
export type ChatRole = (typeof CHAT_ROLES)[number];
export type ModerationDecisionValue = (typeof MODERATION_DECISIONS)[number];
