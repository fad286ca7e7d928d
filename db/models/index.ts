// Registers every model on a Sequelize instance and wires the associations. The schema
// itself belongs to db/migrations: nothing here may call sync().
import type { Sequelize } from 'sequelize';
import { User } from './user.ts';
import { EmailToken, RefreshToken, RefreshTokenFamily } from './auth.ts';
import { UserIdentity } from './identity.ts';
import { Session } from './session.ts';
import { Template, TemplateThumbnail, TemplateVersion } from './template.ts';
import { Game } from './game.ts';
import { GameVersion } from './game-version.ts';
import { Job, ProviderAttempt } from './job.ts';
import { ProviderUsage } from './provider-usage.ts';
import { ChatMessage } from './chat-message.ts';
import { Rating } from './rating.ts';
import { AuditLog, ModerationDecision } from './moderation.ts';
import { FeatureFlag, FeatureFlagRule } from './feature-flag.ts';
import { UserAchievement, XpEvent } from './progression.ts';

export {
  User, RefreshToken, RefreshTokenFamily, EmailToken, UserIdentity, Session, Template, TemplateVersion,
  TemplateThumbnail, Game, GameVersion, Job, ProviderAttempt, ProviderUsage, ChatMessage, Rating, ModerationDecision,
  AuditLog, FeatureFlag, FeatureFlagRule, XpEvent, UserAchievement,
};

export interface Models {
  User: typeof User;
  RefreshTokenFamily: typeof RefreshTokenFamily;
  RefreshToken: typeof RefreshToken;
  UserIdentity: typeof UserIdentity;
  EmailToken: typeof EmailToken;
  Session: typeof Session;
  Template: typeof Template;
  TemplateVersion: typeof TemplateVersion;
  TemplateThumbnail: typeof TemplateThumbnail;
  Game: typeof Game;
  GameVersion: typeof GameVersion;
  Job: typeof Job;
  ProviderAttempt: typeof ProviderAttempt;
  ProviderUsage: typeof ProviderUsage;
  ChatMessage: typeof ChatMessage;
  Rating: typeof Rating;
  ModerationDecision: typeof ModerationDecision;
  AuditLog: typeof AuditLog;
  FeatureFlag: typeof FeatureFlag;
  FeatureFlagRule: typeof FeatureFlagRule;
  XpEvent: typeof XpEvent;
  UserAchievement: typeof UserAchievement;
}

/**
 * Model classes are module singletons, so they bind to one Sequelize instance at a time:
 * calling this again (e.g. a second test database) re-binds them to the new instance.
 */
export function initModels(sequelize: Sequelize): Models {
  const models: Models = {
    User: User.initModel(sequelize),
    RefreshTokenFamily: RefreshTokenFamily.initModel(sequelize),
    RefreshToken: RefreshToken.initModel(sequelize),
    UserIdentity: UserIdentity.initModel(sequelize),
    EmailToken: EmailToken.initModel(sequelize),
    Session: Session.initModel(sequelize),
    Template: Template.initModel(sequelize),
    TemplateVersion: TemplateVersion.initModel(sequelize),
    TemplateThumbnail: TemplateThumbnail.initModel(sequelize),
    Game: Game.initModel(sequelize),
    GameVersion: GameVersion.initModel(sequelize),
    Job: Job.initModel(sequelize),
    ProviderAttempt: ProviderAttempt.initModel(sequelize),
    ProviderUsage: ProviderUsage.initModel(sequelize),
    ChatMessage: ChatMessage.initModel(sequelize),
    Rating: Rating.initModel(sequelize),
    ModerationDecision: ModerationDecision.initModel(sequelize),
    AuditLog: AuditLog.initModel(sequelize),
    FeatureFlag: FeatureFlag.initModel(sequelize),
    FeatureFlagRule: FeatureFlagRule.initModel(sequelize),
    XpEvent: XpEvent.initModel(sequelize),
    UserAchievement: UserAchievement.initModel(sequelize),
  };
  associate(models);
  return models;
}

// ON DELETE behaviour lives in the schema; `constraints: false` keeps Sequelize from
// emulating or assuming any of it.
function associate(m: Models): void {
  const fk = (foreignKey: string) => ({ foreignKey, constraints: false });

  m.FeatureFlag.hasMany(m.FeatureFlagRule, { as: 'rules', ...fk('flagKey') });
  m.FeatureFlagRule.belongsTo(m.FeatureFlag, { as: 'flag', ...fk('flagKey') });

  m.User.hasMany(m.RefreshTokenFamily, { as: 'refreshTokenFamilies', ...fk('userId') });
  m.RefreshTokenFamily.belongsTo(m.User, { as: 'user', ...fk('userId') });
  m.RefreshTokenFamily.hasMany(m.RefreshToken, { as: 'tokens', ...fk('familyId') });
  m.RefreshToken.belongsTo(m.RefreshTokenFamily, { as: 'family', ...fk('familyId') });
  m.RefreshToken.belongsTo(m.RefreshToken, { as: 'replacement', targetKey: 'jti', ...fk('replacedBy') });
  m.User.hasMany(m.EmailToken, { as: 'emailTokens', ...fk('userId') });
  m.EmailToken.belongsTo(m.User, { as: 'user', ...fk('userId') });

  m.User.hasMany(m.UserIdentity, { as: 'identities', ...fk('userId') });
  m.UserIdentity.belongsTo(m.User, { as: 'user', ...fk('userId') });

  m.User.hasMany(m.Session, { as: 'sessions', ...fk('userId') });
  m.Session.belongsTo(m.User, { as: 'user', ...fk('userId') });
  m.Session.belongsTo(m.Game, { as: 'currentGame', ...fk('currentGameId') });
  m.Session.hasMany(m.Game, { as: 'games', ...fk('sessionId') });
  m.Session.hasMany(m.Job, { as: 'jobs', ...fk('sessionId') });
  m.Session.hasMany(m.ChatMessage, { as: 'messages', ...fk('sessionId') });

  m.Template.belongsTo(m.User, { as: 'creator', ...fk('createdBy') });
  m.Template.hasMany(m.TemplateVersion, { as: 'versions', ...fk('templateId') });
  m.TemplateVersion.belongsTo(m.Template, { as: 'template', ...fk('templateId') });
  m.TemplateVersion.belongsTo(m.User, { as: 'creator', ...fk('createdBy') });

  m.User.hasMany(m.Game, { as: 'games', ...fk('ownerId') });
  m.Game.belongsTo(m.User, { as: 'owner', ...fk('ownerId') });
  m.Game.belongsTo(m.Session, { as: 'session', ...fk('sessionId') });
  m.Game.belongsTo(m.Template, { as: 'template', ...fk('templateId') });
  m.Game.belongsTo(m.TemplateVersion, { as: 'templateVersion', ...fk('templateVersionId') });
  m.Game.hasMany(m.GameVersion, { as: 'versions', ...fk('gameId') });
  m.Game.hasMany(m.Job, { as: 'jobs', ...fk('gameId') });
  m.Game.hasMany(m.Rating, { as: 'ratings', ...fk('gameId') });

  m.GameVersion.belongsTo(m.Game, { as: 'game', ...fk('gameId') });
  m.GameVersion.belongsTo(m.GameVersion, { as: 'parent', ...fk('parentVersionId') });
  m.GameVersion.belongsTo(m.Job, { as: 'job', ...fk('jobId') });
  m.GameVersion.hasMany(m.ModerationDecision, { as: 'moderationDecisions', ...fk('gameVersionId') });

  m.User.hasMany(m.Job, { as: 'jobs', ...fk('userId') });
  m.Job.belongsTo(m.User, { as: 'user', ...fk('userId') });
  m.Job.belongsTo(m.Game, { as: 'game', ...fk('gameId') });
  m.Job.belongsTo(m.Session, { as: 'session', ...fk('sessionId') });
  m.Job.belongsTo(m.Template, { as: 'template', ...fk('templateId') });
  m.Job.belongsTo(m.GameVersion, { as: 'resultVersion', ...fk('resultVersionId') });
  m.Job.hasMany(m.ProviderAttempt, { as: 'attempts', ...fk('jobId') });
  m.ProviderAttempt.belongsTo(m.Job, { as: 'job', ...fk('jobId') });

  m.User.hasMany(m.ProviderUsage, { as: 'providerUsage', ...fk('userId') });
  m.ProviderUsage.belongsTo(m.User, { as: 'user', ...fk('userId') });

  m.ChatMessage.belongsTo(m.Session, { as: 'session', ...fk('sessionId') });
  m.ChatMessage.belongsTo(m.User, { as: 'user', ...fk('userId') });
  m.ChatMessage.belongsTo(m.Job, { as: 'job', ...fk('jobId') });
  m.ChatMessage.belongsTo(m.GameVersion, { as: 'gameVersion', ...fk('gameVersionId') });

  m.User.hasMany(m.Rating, { as: 'ratings', ...fk('userId') });
  m.Rating.belongsTo(m.User, { as: 'user', ...fk('userId') });
  m.Rating.belongsTo(m.Game, { as: 'game', ...fk('gameId') });

  m.ModerationDecision.belongsTo(m.GameVersion, { as: 'gameVersion', ...fk('gameVersionId') });
  m.ModerationDecision.belongsTo(m.Job, { as: 'job', ...fk('jobId') });
  m.ModerationDecision.belongsTo(m.User, { as: 'moderator', ...fk('moderatorId') });
  m.User.hasMany(m.ModerationDecision, { as: 'moderationDecisions', ...fk('moderatorId') });

  m.AuditLog.belongsTo(m.User, { as: 'actor', ...fk('actorId') });

  m.User.hasMany(m.XpEvent, { as: 'xpEvents', ...fk('userId') });
  m.XpEvent.belongsTo(m.User, { as: 'user', ...fk('userId') });
  m.User.hasMany(m.UserAchievement, { as: 'achievements', ...fk('userId') });
  m.UserAchievement.belongsTo(m.User, { as: 'user', ...fk('userId') });
  m.UserAchievement.belongsTo(m.User, { as: 'revoker', ...fk('revokedBy') });
}
