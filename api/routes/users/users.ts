// /api/users: the caller's profile and password, and other users' public profiles.
import type { Router } from 'express';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import type { Caller } from '../../policies.ts';
import { AppError, notFound } from '../../errors.ts';
import { issueAccessToken } from '../../auth/tokens.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { createLoginThrottle } from '../../auth/throttle.ts';
import { confirmPassword } from '../../auth/credentials.ts';
import { revokeAllFamilies, startFamily } from '../../auth/refresh.ts';
import { presentProfile, presentPublicProfile, presentSignedIn } from '../../presenters/users.ts';
import { routeRegistry } from '../registry.ts';
import { passwordChangeBody, profileUpdateBody, userParams } from './schema.ts';

const profile = {
  method: 'get', path: '/api/users/profile', tag: 'users', access: 'user', owned: 'user',
  summary: "The caller's profile", responses: { 200: 'profile', 401: 'no token', 403: 'account suspended' },
} satisfies RouteSpec;

const updateProfile = {
  method: 'put', path: '/api/users/profile', tag: 'users', access: 'user', owned: 'user', body: profileUpdateBody,
  summary: 'Change display name, bio or avatar URL (https)',
  responses: { 200: 'updated profile', 400: 'invalid body', 401: 'no token', 403: 'account suspended' },
} satisfies RouteSpec;

const changePassword = {
  method: 'post', path: '/api/users/password', tag: 'users', access: 'user', owned: 'user', body: passwordChangeBody,
  summary: 'Change password: every other session ends; this one gets a new token pair',
  responses: {
    200: 'password changed, new token pair', 400: 'invalid body (password rules)', 401: 'no token',
    403: 'wrong current password or account suspended', 429: 'too many wrong passwords',
  },
} satisfies RouteSpec;

const publicProfile = {
  method: 'get', path: '/api/users/:user_id', tag: 'users', access: 'public', params: userParams,
  summary: "Another user's public profile", responses: { 200: 'public profile', 400: 'bad id', 404: 'not found' },
} satisfies RouteSpec;

export const usersRoutes: RouteSpec[] = [profile, updateProfile, changePassword, publicProfile];

export function usersRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);
  const { cfg, db } = deps;
  const throttle = createLoginThrottle(cfg, deps.redis);

  async function me(caller: Caller) {
    const user = await db.models.User.findByPk(caller.id);
    if (!user) throw notFound('user');
    return user;
  }

  routes.mount(profile, async ({ caller, res }) => {
    res.json(presentProfile(await me(caller)));
  });

  routes.mount(updateProfile, async ({ caller, body, res }) => {
    const user = await me(caller);
    // Only the fields sent change; null clears one.
    if (body.display_name !== undefined) user.displayName = body.display_name;
    if (body.bio !== undefined) user.bio = body.bio;
    if (body.avatar_url !== undefined) user.avatarUrl = body.avatar_url;
    await user.save({ fields: ['displayName', 'bio', 'avatarUrl'] });
    res.json(presentProfile(user));
  });

  routes.mount(changePassword, async ({ caller, body, req, res }) => {
    const user = await me(caller);
    await confirmPassword(deps, throttle, user, body.current_password, req.ip);
    const passwordHash = await hashPassword(body.new_password, cfg.BCRYPT_COST);
    // Someone who knew the old password may hold a refresh token: end every family, then
    // give this client a fresh one so only it stays signed in.
    const refreshToken = await db.sequelize.transaction(async (transaction) => {
      user.passwordHash = passwordHash;
      await user.save({ fields: ['passwordHash'], transaction });
      await revokeAllFamilies(db, user.id, 'password_changed', transaction);
      return startFamily(deps, user.id, { userAgent: req.get('user-agent'), ip: req.ip }, transaction);
    });
    res.json(presentSignedIn(user, {
      accessToken: issueAccessToken(cfg, user), refreshToken, expiresIn: cfg.ACCESS_TOKEN_TTL_SECONDS,
    }));
  });

  routes.mount(publicProfile, async ({ params: { user_id }, res }) => {
    const user = await db.models.User.findByPk(user_id);
    // A suspended account is not shown, and is indistinguishable from none.
    if (!user || user.status !== 'active') throw new AppError(404, 'not_found', 'user not found', { user_id });
    res.json(presentPublicProfile(user));
  });

  return routes.router;
}
