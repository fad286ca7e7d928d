// Users and their access tokens for tests (the login route is tested on its own).
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { issueAccessToken } from '../../api/auth/tokens.ts';
import type { User } from '../../db/models/index.ts';
import type { Services } from './services.ts';

export const TEST_PASSWORD = 'Test-Pass-123';
const hash = bcrypt.hashSync(TEST_PASSWORD, 4);

export async function createUser(
  s: Services, role: 'user' | 'premium' | 'moderator' | 'admin' = 'user',
): Promise<{ user: User; token: string }> {
  const name = `${role}_${randomBytes(5).toString('hex')}`;
  const user = await s.db.models.User.create({
    username: name, email: `${name}@example.com`, passwordHash: hash, displayName: null, avatarUrl: null, bio: null,
    role, lastLoginAt: null,
  });
  return { user, token: issueAccessToken(s.cfg, { id: user.id, role }) };
}

export async function createSession(s: Services, userId: string): Promise<string> {
  const session = await s.db.models.Session.create({
    userId, status: 'active', preferences: {}, clientInfo: {}, metadata: {}, currentGameId: null,
    lastActivityAt: new Date(), expiresAt: new Date(Date.now() + 12 * 3600 * 1000),
  });
  return session.id;
}
