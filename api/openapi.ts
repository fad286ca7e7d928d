// The OpenAPI 3.1 document, generated from the route table: a route that exists is a route
// that is documented (tests/api/openapi checks that nothing falls through). Schemas come
// from the same zod objects the routes validate with, so the docs cannot drift from them.
import { z } from 'zod';
import type { RouteSpec } from './routeTable.ts';
import { idempotencyKey, MAX_WAIT_SECONDS, preferWait } from './routes/headers.ts';

type Json = Record<string, unknown>;

export interface OpenApiOptions {
  version: string;
  /** Absolute base URL of the API; relative ('/') when omitted. */
  serverUrl?: string;
}

const TAGS: Record<string, string> = {
  health: 'Liveness and readiness probes',
  auth: 'Registration, login and token refresh',
  users: 'Accounts and profiles',
  progression: 'Creator XP, levels, achievements and the leaderboards',
  sessions: 'Workspace sessions',
  templates: 'The template catalogue',
  games: 'Generation and game history',
  chat: 'Conversational changes',
  jobs: 'Long-running jobs (progress also on Socket.IO)',
  play: 'Playing games: sandboxed pages served outside the JSON API',
  docs: 'This document and its viewer',
};

const ACCESS_TEXT: Record<RouteSpec['access'], string> = {
  public: 'Anyone.',
  user: 'Any signed-in, active account.',
  staff: 'Moderators and admins.',
  admin: 'Admins only.',
};

/** /api/jobs/:id → /api/jobs/{id} */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

export function pathParamNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends; transforms are
 *  described by their input side. */
export function jsonSchemaOf(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

function objectParts(schema: z.ZodType | undefined): { properties: Record<string, Json>; required: Set<string> } {
  if (!schema) return { properties: {}, required: new Set() };
  const s = jsonSchemaOf(schema);
  return {
    properties: (s.properties ?? {}) as Record<string, Json>,
    required: new Set(Array.isArray(s.required) ? (s.required as string[]) : []),
  };
}

const described = (description: unknown): Json => (typeof description === 'string' ? { description } : {});

function parameters(route: RouteSpec): Json[] {
  const out: Json[] = [];
  const path = objectParts(route.params);
  // Every {param} of the path is declared, with a plain string schema if the route has none.
  for (const name of pathParamNames(route.path)) {
    const { description, ...schema } = path.properties[name] ?? { type: 'string' };
    out.push({ name, in: 'path', required: true, schema, ...described(description) });
  }
  const query = objectParts(route.query);
  for (const [name, prop] of Object.entries(query.properties)) {
    const { description, ...schema } = prop;
    out.push({ name, in: 'query', required: query.required.has(name), schema, ...described(description) });
  }
  if (route.longRunning) {
    out.push(
      {
        name: 'Prefer', in: 'header', required: false, schema: jsonSchemaOf(preferWait),
        description: `wait=N (N ≤ ${MAX_WAIT_SECONDS}): answer with the finished result instead of 202 `
          + 'when the job ends within N seconds',
      },
      {
        name: 'Idempotency-Key', in: 'header', required: false, schema: jsonSchemaOf(idempotencyKey),
        description: 'A retried request with the same key gets the same job',
      },
    );
  }
  return out;
}

function responses(route: RouteSpec): Json {
  const apiRoute = route.path.startsWith('/api/');
  const out: Json = {};
  for (const [status, description] of Object.entries(route.responses)) {
    const code = Number(status);
    const error = apiRoute && code >= 400;
    const content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
    const binary = route.produces && code >= 200 && code < 300
      ? { content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } } } : {};
    out[status] = { description, ...(error ? { content } : binary) };
  }
  return out;
}

function operationId(route: RouteSpec): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1));
  return `${route.method}${words.join('')}`;
}

function operation(route: RouteSpec): Json {
  const op: Json = {
    operationId: operationId(route),
    summary: route.summary,
    description: `Access: ${ACCESS_TEXT[route.access]}`
      + (route.owned ? ` Acts on a ${route.owned} you own (others get 404; staff may see).` : ''),
    tags: [route.tag],
    'x-access': route.access,
    security: route.access === 'public' ? [] : [{ bearerAuth: [] }],
    parameters: parameters(route),
    responses: responses(route),
  };
  if (route.body) {
    op.requestBody = {
      // A schema that accepts "nothing" makes the body optional.
      required: !route.body.safeParse(undefined).success,
      content: { 'application/json': { schema: jsonSchemaOf(route.body) } },
    };
  }
  return op;
}

export function buildOpenApi(routes: readonly RouteSpec[], opts: OpenApiOptions): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const item = (paths[openApiPath(route.path)] ??= {});
    if (item[route.method]) {
      throw new Error(`route table: ${route.method.toUpperCase()} ${route.path} is declared twice`);
    }
    item[route.method] = operation(route);
  }
  const used = [...new Set(routes.map((r) => r.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Playforge API',
      version: opts.version,
      description: 'A sentence becomes a safe, versioned HTML5 mini game. Errors are `{detail, error_code, context}`; '
        + 'job progress is pushed on Socket.IO (`subscribe` with `{job_id}` or `{session_id}`).',
    },
    servers: [{ url: opts.serverUrl ?? '/' }],
    tags: used.map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token from /api/auth/login',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['detail', 'error_code', 'context'],
          properties: {
            detail: { type: 'string' },
            error_code: { type: 'string' },
            context: { type: 'object', properties: { request_id: { type: 'string' } }, additionalProperties: true },
          },
        },
      },
    },
  };
}
