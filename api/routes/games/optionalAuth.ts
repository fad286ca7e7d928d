// Public routes that answer more when the caller is signed in (the owner sees private games,
// pending versions). No Authorization header: anonymous. A header that is present but bad
// is still a 401, so a client with an expired token learns it instead of silently seeing
// the anonymous view.
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/index.ts';
import { requireUser } from '../../middleware/auth.ts';

export function optionalUser(cfg: Config, db: Database) {
  const strict = requireUser(cfg, db);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.get('authorization') === undefined) {
      next();
      return;
    }
    await strict(req, res, next);
  };
}
