// Response shapes for users and sign-in, built field by field: the password hash, refresh
// rows, last sign-in and usage internals never leave through here.
import type { User } from '../../db/models/index.ts';

/** The caller's own profile (the seed's UserResponse). */
export function presentProfile(user: User) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    display_name: user.displayName,
    avatar_url: user.avatarUrl,
    bio: user.bio,
    role: user.role,
    status: user.status,
    // The address is proven the user's; is_verified is the seed's name for the same flag.
    email_verified: user.emailVerified,
    is_verified: user.emailVerified,
    // The seed's clients read is_premium; here it is the role, not a second flag.
    is_premium: user.role === 'premium',
    created_at: user.createdAt.toISOString(),
    ai_generations_count: user.aiGenerationsCount,
  };
}

/** What anyone may see of another account: no e-mail, role, status or usage. */
export function presentPublicProfile(user: User) {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    avatar_url: user.avatarUrl,
    bio: user.bio,
    created_at: user.createdAt.toISOString(),
  };
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** access token lifetime, seconds */
  expiresIn: number;
}

/** register, login, refresh and password change all answer this. */
export function presentSignedIn(user: User, tokens: IssuedTokens) {
  return {
    user: presentProfile(user),
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    token_type: 'bearer' as const,
    expires_in: tokens.expiresIn,
  };
}
