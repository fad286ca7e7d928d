// /api/sessions: a user's workspace (preferences, current game, conversation). Private to
// its owner; staff may read one; anyone else gets 404.
import { Router } from 'express';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { callerOf, requireUser } from '../../middleware/auth.ts';
import { parseBody } from '../../validate.ts';
import { syncSessionChat } from '../../services/chat.ts';
import {
  assertOpen, createSession, deleteSession, loadSession, sessionGame, sessionUsage, updateSession,
} from '../../services/sessions.ts';
import { presentCreatedSession, presentDeletedSession, presentSession, presentUpdatedSession } from '../../presenters/sessions.ts';
import { createSessionBody, deleteSessionQuery, sessionId, sessionParams, updateSessionBody } from './schema.ts';

export const sessionsRoutes: RouteSpec[] = [
  {
    method: 'post', path: '/api/sessions/', tag: 'sessions', access: 'user', body: createSessionBody,
    summary: 'Start a workspace session (12 hours)', responses: { 201: 'session created', 400: 'invalid body', 401: 'no token' },
  },
  {
    method: 'get', path: '/api/sessions/:session_id', tag: 'sessions', access: 'user', owned: 'session', params: sessionParams,
    summary: 'A session: current game, conversation stats, preferences, resources',
    responses: { 200: 'session', 400: 'bad id', 401: 'no token', 404: 'not found (or not yours)' },
  },
  {
    method: 'put', path: '/api/sessions/:session_id', tag: 'sessions', access: 'user', owned: 'session', params: sessionParams, body: updateSessionBody,
    summary: "Update a session's preferences (merged; null removes one) and metadata",
    responses: { 200: 'updated', 400: 'invalid body', 401: 'no token', 403: 'staff, not the owner', 404: 'not found', 409: 'session expired' },
  },
  {
    method: 'delete', path: '/api/sessions/:session_id', tag: 'sessions', access: 'user', owned: 'session', params: sessionParams, query: deleteSessionQuery,
    summary: 'Delete a session: chat archived, optional JSON backup (backup_data, default true); force cancels running jobs',
    responses: { 200: 'deleted', 400: 'bad id or query', 401: 'no token', 403: 'staff, not the owner', 404: 'not found', 409: 'a job is running (use force=true)' },
  },
];

export function sessionsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(requireUser(deps.cfg, deps.db));

  router.post('/', async (req, res) => {
    const caller = callerOf(req);
    const body = parseBody(createSessionBody, req.body ?? {});
    const session = await createSession(deps.db, caller, body);
    res.status(201).location(`/api/sessions/${session.id}`).json(presentCreatedSession(session));
  });

  router.get('/:session_id', async (req, res) => {
    const caller = callerOf(req);
    const session = await loadSession(deps.db, caller, parseBody(sessionId, req.params.session_id, 'session_id'), 'read');
    await syncSessionChat(deps.db, session.id);
    const { game, lastModified } = await sessionGame(deps.db, session);
    res.json(presentSession(session, game, lastModified, await sessionUsage(deps, session)));
  });

  router.put('/:session_id', async (req, res) => {
    const caller = callerOf(req);
    const id = parseBody(sessionId, req.params.session_id, 'session_id');
    const body = parseBody(updateSessionBody, req.body ?? {});
    const session = await loadSession(deps.db, caller, id, 'change');
    assertOpen(session);
    res.json(presentUpdatedSession(await updateSession(session, body)));
  });

  router.delete('/:session_id', async (req, res) => {
    const caller = callerOf(req);
    const id = parseBody(sessionId, req.params.session_id, 'session_id');
    const query = parseBody(deleteSessionQuery, req.query, 'query');
    const session = await loadSession(deps.db, caller, id, 'change');
    // Derived chat is written first, so the archive and the backup hold the whole conversation.
    await syncSessionChat(deps.db, session.id);
    const outcome = await deleteSession(deps, caller, session, { force: query.force, backup: query.backup_data });
    res.json(presentDeletedSession(session.id, outcome));
  });

  return router;
}
