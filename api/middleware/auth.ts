// Who is calling: the Bearer access token, checked against the users table on every request
// (a suspended account is refused at once, not when its token expires), and whether a route's
// declared access lets that caller in.
import type { Request } from 'express';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { verifyAccessToken } from '../auth/tokens.ts';
import { isStaff, type Caller } from '../policies.ts';
import type { Access, RouteSpec } from '../routeTable.ts';

export interface AuthDeps {
  cfg: Config;
  db: Database;
}

export async function authenticate(deps: AuthDeps, req: Request): Promise<Caller> {
  const header = req.get('authorization') ?? '';
  const token = /^Bearer\s+(\S{10,4096})$/i.exec(header)?.[1];
  const claims = token ? verifyAccessToken(deps.cfg, token) : undefined;
  if (!claims) {
    throw new AppError(401, 'unauthorized', 'A valid access token is required', {}, { 'WWW-Authenticate': 'Bearer' });
  }
  const user = await deps.db.models.User.findByPk(claims.sub, { attributes: ['id', 'role', 'status', 'username'] });
  if (!user) throw new AppError(401, 'unauthorized', 'The account no longer exists');
  if (user.status !== 'active') throw new AppError(403, 'account_suspended', 'This account is suspended');
  return { id: user.id, role: user.role, username: user.username };
}

const REFUSAL: Partial<Record<Access, string>> = {
  staff: 'Only moderators and admins may do this',
  admin: 'Only admins may do this',
};

/**
 * The caller a route with this access serves: undefined only on public routes. A public route
 * about something owned identifies a caller who sends a token (the owner and staff see more);
 * a header that is present but bad is still a 401, so an expired token is not silently taken
 * for the anonymous view.
 */
export async function admit(
  deps: AuthDeps, spec: Pick<RouteSpec, 'access' | 'owned' | 'signInOptional'>, req: Request,
): Promise<Caller | undefined> {
  if (spec.access === 'public') {
    const identifies = spec.owned !== undefined || spec.signInOptional === true;
    return identifies && req.get('authorization') !== undefined ? authenticate(deps, req) : undefined;
  }
  const caller = await authenticate(deps, req);
  const allowed = spec.access === 'user'
    || (spec.access === 'staff' && isStaff(caller))
    || (spec.access === 'admin' && caller.role === 'admin');
  if (!allowed) throw new AppError(403, 'forbidden', REFUSAL[spec.access] ?? 'Not allowed', { access: spec.access });
  return caller;
}
