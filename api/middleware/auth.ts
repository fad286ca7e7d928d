// Bearer access tokens: who is calling, checked against the users table on every request
// (a suspended account is refused at once, not when its token expires).
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { verifyAccessToken } from '../auth/tokens.ts';
import type { Caller } from '../policies.ts';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

export function requireUser(cfg: Config, db: Database) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization') ?? '';
    const token = /^Bearer\s+(\S{10,4096})$/i.exec(header)?.[1];
    const claims = token ? verifyAccessToken(cfg, token) : undefined;
    if (!claims) {
      next(new AppError(401, 'unauthorized', 'A valid access token is required', {}, { 'WWW-Authenticate': 'Bearer' }));
      return;
    }
    const user = await db.models.User.findByPk(claims.sub, { attributes: ['id', 'role', 'status', 'username'] });
    if (!user) {
      next(new AppError(401, 'unauthorized', 'The account no longer exists'));
      return;
    }
    if (user.status !== 'active') {
      next(new AppError(403, 'account_suspended', 'This account is suspended'));
      return;
    }
    req.caller = { id: user.id, role: user.role, username: user.username };
    next();
  };
}

export function callerOf(req: Request): Caller {
  if (!req.caller) throw new AppError(401, 'unauthorized', 'A valid access token is required');
  return req.caller;
}
