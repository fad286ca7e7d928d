// /api/chat: change the session's game in words (long work: 202 + job, or the seed's full
// answer with Prefer: wait=N), read the conversation, reset it (archived, never deleted).
import { Router } from 'express';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { callerOf, requireUser } from '../../middleware/auth.ts';
import { parseBody } from '../../validate.ts';
import { waitForJob } from '../../services/jobs.ts';
import { chatHistory, finishedModification, requestModification, resetConversation } from '../../services/chat.ts';
import { loadSession } from '../../services/sessions.ts';
import { presentChatAccepted, presentChatResult, presentHistory, presentReset } from '../../presenters/chat.ts';
import { idempotencyKey, preferWait } from '../games/schema.ts';
import { chatMessageBody, historyParams, historyQuery, resetBody } from './schema.ts';
import { sessionId } from '../sessions/schema.ts';

export const chatRoutes: RouteSpec[] = [
  {
    method: 'post', path: '/api/chat/message', tag: 'chat', access: 'user', owned: 'session', body: chatMessageBody, longRunning: true,
    summary: "Change the session's current game in words: a modify job (202 + job; the seed's full answer with Prefer: wait=N)",
    responses: {
      200: 'the change, applied (Prefer: wait)', 202: 'job accepted', 400: 'invalid body or unknown base version', 401: 'no token',
      403: 'staff, not the owner', 404: 'session not found', 409: 'no game yet, session expired, or base version not playable',
      422: 'the job ended without a version (Prefer: wait)', 429: 'quota', 503: 'job service down',
    },
  },
  {
    method: 'get', path: '/api/chat/history/:session_id', tag: 'chat', access: 'user', owned: 'session', params: historyParams, query: historyQuery,
    summary: 'The conversation, oldest first, paginated (archived messages are left out)',
    responses: { 200: 'history', 400: 'bad id or query', 401: 'no token', 404: 'session not found' },
  },
  {
    method: 'post', path: '/api/chat/reset', tag: 'chat', access: 'user', owned: 'session', body: resetBody,
    summary: 'Reset the conversation: messages are archived, optionally the game and preferences released',
    responses: { 200: 'reset', 400: 'invalid body', 401: 'no token', 403: 'staff, not the owner', 404: 'session not found', 409: 'session expired' },
  },
];

export function chatRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(requireUser(deps.cfg, deps.db));

  // Quota is spent inside requestModification, after the session and game are checked, so
  // the socket's modification_request draws on the same quota.
  router.post('/message', async (req, res) => {
    const caller = callerOf(req);
    const body = parseBody(chatMessageBody, req.body ?? {});
    const key = req.get('idempotency-key');
    const ctx = body.context;
    const { job } = await requestModification(deps, caller, {
      sessionId: body.session_id, message: body.message, baseVersion: ctx?.current_game_version,
      idempotencyKey: key === undefined ? undefined : parseBody(idempotencyKey, key, 'Idempotency-Key'),
      metadata: {
        channel: 'http',
        ...(ctx?.current_focus ? { current_focus: ctx.current_focus } : {}),
        ...(ctx?.user_intent_history ? { user_intent_history: ctx.user_intent_history } : {}),
        ...(ctx?.conversation_history ? { client_history_length: ctx.conversation_history.length } : {}),
        ...(body.modification_preferences ? { modification_preferences: body.modification_preferences } : {}),
      },
    });
    const wait = preferWait(req.get('prefer'));
    if (wait > 0 && (await waitForJob(deps, job, wait))) {
      const done = await finishedModification(deps.db, job);
      res.setHeader('Preference-Applied', `wait=${wait}`);
      res.status(200).json(presentChatResult(done));
      return;
    }
    res.status(202).location(`/api/jobs/${job.id}`).json(presentChatAccepted(job));
  });

  router.get('/history/:session_id', async (req, res) => {
    const caller = callerOf(req);
    const id = parseBody(sessionId, req.params.session_id, 'session_id');
    const query = parseBody(historyQuery, req.query, 'query');
    const session = await loadSession(deps.db, caller, id, 'read');
    const page = await chatHistory(deps.db, session, query);
    res.json(presentHistory(session.id, session.createdAt, page, query));
  });

  router.post('/reset', async (req, res) => {
    const caller = callerOf(req);
    const body = parseBody(resetBody, req.body ?? {});
    const session = await loadSession(deps.db, caller, body.session_id, 'change');
    const outcome = await resetConversation(deps.db, session, body.reset_options, body.reason);
    res.json(presentReset(session.id, outcome, body.reset_options));
  });

  return router;
}
