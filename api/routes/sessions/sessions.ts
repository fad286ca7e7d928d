// /api/sessions: a user's workspace (preferences, current game, conversation). Private to
// its owner; staff may read one; anyone else gets 404.
import type { Router } from 'express';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { syncSessionChat } from '../../services/chat.ts';
import {
  assertOpen, createSession, deleteSession, loadSession, sessionGame, sessionUsage, updateSession,
} from '../../services/sessions.ts';
import {
  presentCreatedSession, presentDeletedSession, presentSession, presentUpdatedSession,
} from '../../presenters/sessions.ts';
import { routeRegistry } from '../registry.ts';
import { createSessionBody, deleteSessionQuery, sessionParams, updateSessionBody } from './schema.ts';

const create = {
  method: 'post', path: '/api/sessions/', tag: 'sessions', access: 'user', body: createSessionBody,
  summary: 'Start a workspace session (12 hours)',
  responses: { 201: 'session created', 400: 'invalid body', 401: 'no token' },
} satisfies RouteSpec;

const read = {
  method: 'get', path: '/api/sessions/:session_id', tag: 'sessions', access: 'user', owned: 'session',
  params: sessionParams,
  summary: 'A session: current game, conversation stats, preferences, resources',
  responses: { 200: 'session', 400: 'bad id', 401: 'no token', 404: 'not found (or not yours)' },
} satisfies RouteSpec;

const update = {
  method: 'put', path: '/api/sessions/:session_id', tag: 'sessions', access: 'user', owned: 'session',
  params: sessionParams, body: updateSessionBody,
  summary: "Update a session's preferences (merged; null removes one) and metadata",
  responses: {
    200: 'updated', 400: 'invalid body', 401: 'no token', 403: 'staff, not the owner', 404: 'not found',
    409: 'session expired',
  },
} satisfies RouteSpec;

const remove = {
  method: 'delete', path: '/api/sessions/:session_id', tag: 'sessions', access: 'user', owned: 'session',
  params: sessionParams, query: deleteSessionQuery,
  summary: 'Delete a session: chat archived, optional JSON backup (backup_data, default true); '
    + 'force cancels running jobs',
  responses: {
    200: 'deleted', 400: 'bad id or query', 401: 'no token', 403: 'staff, not the owner', 404: 'not found',
    409: 'a job is running (use force=true)',
  },
} satisfies RouteSpec;

export const sessionsRoutes: RouteSpec[] = [create, read, update, remove];

export function sessionsRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);

  routes.mount(create, async ({ caller, body, res }) => {
    const session = await createSession(deps.db, caller, body);
    res.status(201).location(`/api/sessions/${session.id}`).json(presentCreatedSession(session));
  });

  routes.mount(read, async ({ caller, params, res }) => {
    const session = await loadSession(deps.db, caller, params.session_id, 'read');
    await syncSessionChat(deps.db, session.id);
    const { game, lastModified } = await sessionGame(deps.db, session);
    res.json(presentSession(session, game, lastModified, await sessionUsage(deps, session)));
  });

  routes.mount(update, async ({ caller, params, body, res }) => {
    const session = await loadSession(deps.db, caller, params.session_id, 'change');
    assertOpen(session);
    res.json(presentUpdatedSession(await updateSession(session, body)));
  });

  routes.mount(remove, async ({ caller, params, query, res }) => {
    const session = await loadSession(deps.db, caller, params.session_id, 'change');
    // Derived chat is written first, so the archive and the backup hold the whole conversation.
    await syncSessionChat(deps.db, session.id);
    const outcome = await deleteSession(deps, caller, session, { force: query.force, backup: query.backup_data });
    res.json(presentDeletedSession(session.id, outcome));
  });

  return routes.router;
}
