// The route table: every route declares its method, path, who may call it and its zod
// schemas. The OpenAPI document, the authorization matrix and the fuzz tests are generated
// from it, so a route cannot be added without being documented and tested for access.
import type { z } from 'zod';

/** public: anyone; user: any signed-in active account; staff: moderator or admin; admin: admin only. */
export type Access = 'public' | 'user' | 'staff' | 'admin';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style full path, e.g. /api/games/:game_id */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** The route acts on something a user owns: other users get 404 (staff may see). */
  owned?: 'game' | 'session' | 'job' | 'user';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status → description of what the route can answer. */
  responses: Record<number, string>;
  /** Long work: 202 + job, or the full answer with `Prefer: wait=N`. */
  longRunning?: boolean;
}
