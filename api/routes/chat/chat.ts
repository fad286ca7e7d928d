// /api/chat: change the session's game in words (long work: 202 + job, or the seed's full
// answer with Prefer: wait=N), read the conversation, reset it (archived, never deleted).
import type { Router } from 'express';
import type { ApiDeps } from '../../services/deps.ts';
import type { RouteSpec } from '../../routeTable.ts';
import { chatHistory, resetConversation } from '../../services/chat.ts';
import { finishedModification, requestModification } from '../../services/modifications.ts';
import { loadSession } from '../../services/sessions.ts';
import { presentChatAccepted, presentChatResult, presentHistory, presentReset } from '../../presenters/chat.ts';
import { routeRegistry } from '../registry.ts';
import { replyWithJob } from '../jobReply.ts';
import { chatMessageBody, historyParams, historyQuery, resetBody } from './schema.ts';

const message = {
  method: 'post', path: '/api/chat/message', tag: 'chat', access: 'user', owned: 'session',
  body: chatMessageBody, longRunning: true,
  summary: "Change the session's current game in words: a modify job "
    + "(202 + job; the seed's full answer with Prefer: wait=N)",
  responses: {
    200: 'the change, applied (Prefer: wait)', 202: 'job accepted', 400: 'invalid body or unknown base version',
    401: 'no token', 403: 'staff, not the owner', 404: 'session not found',
    409: 'no game yet, session expired, or base version not playable',
    422: 'the job ended without a version (Prefer: wait)', 429: 'quota', 503: 'job service down',
  },
} satisfies RouteSpec;

const history = {
  method: 'get', path: '/api/chat/history/:session_id', tag: 'chat', access: 'user', owned: 'session',
  params: historyParams, query: historyQuery,
  summary: 'The conversation, oldest first, paginated (archived messages are left out)',
  responses: { 200: 'history', 400: 'bad id or query', 401: 'no token', 404: 'session not found' },
} satisfies RouteSpec;

const reset = {
  method: 'post', path: '/api/chat/reset', tag: 'chat', access: 'user', owned: 'session', body: resetBody,
  summary: 'Reset the conversation: messages are archived, optionally the game and preferences released',
  responses: {
    200: 'reset', 400: 'invalid body', 401: 'no token', 403: 'staff, not the owner', 404: 'session not found',
    409: 'session expired',
  },
} satisfies RouteSpec;

export const chatRoutes: RouteSpec[] = [message, history, reset];

export function chatRouter(deps: ApiDeps): Router {
  const routes = routeRegistry(deps);

  // Quota is spent inside requestModification, after the session and game are checked, so
  // the socket's modification_request draws on the same quota.
  routes.mount(message, async (ctx) => {
    const { caller, body } = ctx;
    const context = body.context;
    const { job } = await requestModification(deps, caller, {
      sessionId: body.session_id, message: body.message, baseVersion: context?.current_game_version,
      idempotencyKey: ctx.idempotencyKey,
      metadata: {
        channel: 'http',
        ...(context?.current_focus ? { current_focus: context.current_focus } : {}),
        ...(context?.user_intent_history ? { user_intent_history: context.user_intent_history } : {}),
        ...(context?.conversation_history ? { client_history_length: context.conversation_history.length } : {}),
        ...(body.modification_preferences ? { modification_preferences: body.modification_preferences } : {}),
      },
    });
    await replyWithJob(deps, ctx, job, {
      finished: async (done) => {
        const found = await finishedModification(deps.db, done);
        return found && presentChatResult(found);
      },
      accepted: presentChatAccepted,
    });
  });

  routes.mount(history, async ({ caller, params, query, res }) => {
    const session = await loadSession(deps.db, caller, params.session_id, 'read');
    const page = await chatHistory(deps.db, session, query);
    res.json(presentHistory(session.id, session.createdAt, page, query));
  });

  routes.mount(reset, async ({ caller, body, res }) => {
    const session = await loadSession(deps.db, caller, body.session_id, 'change');
    const outcome = await resetConversation(deps.db, session, body.reset_options, body.reason);
    res.json(presentReset(session.id, outcome, body.reset_options));
  });

  return routes.router;
}
