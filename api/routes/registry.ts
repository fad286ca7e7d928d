// Mounts a route from its RouteSpec: the spec's access decides who gets in (401/403 before
// anything else), then its params, query and body schemas are parsed (400 naming the field),
// and long-running routes get their Prefer and Idempotency-Key headers read. The handler
// receives the parsed, typed values and never parses or authenticates a second time, so what
// the table (and the OpenAPI document built from it) declares is exactly what is enforced.
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { RouteSpec } from '../routeTable.ts';
import type { Caller } from '../policies.ts';
import { admit, type AuthDeps } from '../middleware/auth.ts';
import { parseInput } from '../validate.ts';
import { longRunningHeaders, type LongRunningHeaders } from './headers.ts';

type Parsed<S, K extends 'params' | 'query' | 'body'> =
  S extends { [P in K]: infer T extends z.ZodType } ? z.output<T> : undefined;

export type RouteContext<S extends RouteSpec> = {
  req: Request;
  res: Response;
  /** Undefined only on public routes (anonymous, or a public route's optional sign-in). */
  caller: 'public' extends S['access'] ? Caller | undefined : Caller;
  params: Parsed<S, 'params'>;
  query: Parsed<S, 'query'>;
  body: Parsed<S, 'body'>;
} & (S extends { longRunning: true } ? LongRunningHeaders : unknown);

export type RouteHandler<S extends RouteSpec> = (ctx: RouteContext<S>) => Promise<void> | void;

export interface RouteRegistry {
  /** Where the routes live; plain middleware that must run first (a rate limit) goes on it before mount. */
  readonly router: Router;
  mount<S extends RouteSpec>(spec: S, handler: RouteHandler<S>): void;
}

/** Express-style: '/api/sessions/' is mounted as '/api/sessions', which answers both. */
const mountPath = (path: string): string => (path.length > 1 ? path.replace(/\/$/, '') : path);

export function routeRegistry(deps: AuthDeps): RouteRegistry {
  const router = Router();
  return {
    router,
    mount(spec, handler) {
      router[spec.method](mountPath(spec.path), async (req, res) => {
        const caller = await admit(deps, spec, req);
        const ctx = {
          req, res, caller,
          params: spec.params ? parseInput(spec.params, req.params, 'path') : undefined,
          query: spec.query ? parseInput(spec.query, req.query, 'query') : undefined,
          // No body at all is an empty one: the schema says which fields it needs.
          body: spec.body ? parseInput(spec.body, req.body ?? {}, 'body') : undefined,
          ...(spec.longRunning ? longRunningHeaders(req) : {}),
        };
        await handler(ctx as RouteContext<typeof spec>);
      });
    },
  };
}
