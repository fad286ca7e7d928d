// The route table: every route declares its method, path, who may call it and its zod
// schemas. The router registry (api/routes/registry.ts) enforces the declaration on every
// request; the OpenAPI document, the authorization matrix and the fuzz tests are generated
// from it, so a route cannot be added without being checked, documented and tested for access.
import type { z } from 'zod';

/**
 * public: anyone; user: any signed-in active account; staff: moderator or admin; admin: admin
 * only. A public route that is `owned` also identifies a caller who sends a token (sign-in is
 * optional): the owner and staff see more of it, and a bad token is still a 401.
 */
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
  /** A public route that answers a signed-in caller differently (e.g. staged templates it is offered):
   *  a token, when sent, identifies the caller as on an owned route (a bad one is a 401). */
  signInOptional?: true;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status → description of what the route can answer. */
  responses: Record<number, string>;
  /** Long work: 202 + job, or the full answer with `Prefer: wait=N`; takes an Idempotency-Key. */
  longRunning?: boolean;
  /** The media type of a successful answer that is not JSON (an image). */
  produces?: string;
}
