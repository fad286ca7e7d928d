// Anthropic's Messages wire format, as the real API sends it: the message object, and
// errors as { type: 'error', error: { type, message }, request_id }.
import { randomBytes } from 'node:crypto';
import type { FakeStep, RecordedRequest, WireProtocol, WireReply } from './fakeServer.ts';

export const FAKE_ANTHROPIC_KEY = 'sk-ant-api03-fake-anthropic-test-key-0001';
export const FAKE_ANTHROPIC_MODEL = 'claude-sonnet-4-6';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const anthropicId = (prefix: string) => `${prefix}_011C${[...randomBytes(20)].map((b) => BASE62[b % 62]).join('')}`;

// The request id of the reply being built, so the body's request_id matches the header.
let currentRequestId = anthropicId('req');

export function anthropicError(
  status: number, type: string, message: string, headers?: Record<string, string>,
): WireReply {
  return { status, body: { type: 'error', error: { type, message }, request_id: currentRequestId }, headers };
}

/** The API's own error types and texts per status; others get a generic one. */
export function anthropicStatusError(status: number): WireReply {
  const known: Record<number, [string, string]> = {
    400: ['invalid_request_error', 'messages.0.content: Input should be a valid list'],
    401: ['authentication_error', 'invalid x-api-key'],
    402: ['billing_error', 'Your credit balance is too low to access the Anthropic API.'],
    403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
    404: ['not_found_error', 'model: claude-unknown'],
    408: ['timeout_error', 'Request timeout'],
    409: ['conflict_error', 'Conflict'],
    413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
    422: ['invalid_request_error', 'Unprocessable entity'],
    429: [
      'rate_limit_error',
      'This request would exceed the rate limit for your organization of 50 requests per minute.',
    ],
    500: ['api_error', 'Internal server error'],
    504: ['timeout_error', 'Request timeout'],
    529: ['overloaded_error', 'Overloaded'],
  };
  const [type, message] = known[status] ?? [status >= 500 ? 'api_error' : 'invalid_request_error', `HTTP ${status}`];
  return anthropicError(status, type, message);
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function inputTokens(request: RecordedRequest): number {
  const b = request.body as { system?: unknown; messages?: { content?: unknown }[] };
  const parts = (b.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
  if (b.system !== undefined) parts.unshift(typeof b.system === 'string' ? b.system : JSON.stringify(b.system));
  return estimateTokens(parts.join('\n'));
}

function message(
  request: RecordedRequest,
  o: {
    content: unknown[];
    stopReason: string;
    stopDetails?: unknown;
    model?: string;
    tokensIn?: number;
    tokensOut?: number;
    outText: string;
  },
): Record<string, unknown> {
  const requested = (request.body as { model?: unknown }).model;
  return {
    id: anthropicId('msg'),
    type: 'message',
    role: 'assistant',
    model: o.model ?? (typeof requested === 'string' ? requested : FAKE_ANTHROPIC_MODEL),
    content: o.content,
    stop_reason: o.stopReason,
    stop_sequence: null,
    stop_details: o.stopDetails ?? null,
    usage: {
      input_tokens: o.tokensIn ?? inputTokens(request),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: o.tokensOut ?? estimateTokens(o.outText),
      service_tier: 'standard',
    },
  };
}

export const anthropicProtocol: WireProtocol = {
  routeError(method, path) {
    if (method === 'POST' && path === '/v1/messages') return undefined;
    return anthropicError(404, 'not_found_error', 'Not Found');
  },

  authError(headers, expectedApiKey) {
    // The API takes the key as x-api-key or as a Bearer token; SDK 1.x sends the latter.
    const bearer = /^Bearer (.+)$/.exec(headers['authorization'] ?? '')?.[1];
    const key = headers['x-api-key'] || bearer;
    if (key === undefined || key === '') {
      return anthropicError(401, 'authentication_error', 'x-api-key header is required');
    }
    if (key !== expectedApiKey) return anthropicError(401, 'authentication_error', 'invalid x-api-key');
    if (headers['anthropic-version'] === undefined) {
      return anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    return undefined;
  },

  bodyError(body) {
    if (typeof body === 'string' || body === undefined) {
      return anthropicError(400, 'invalid_request_error',
        'There was an issue with the request body. The request body is not valid JSON.');
    }
    const b = body as Record<string, unknown>;
    const missing = ['model', 'max_tokens', 'messages'].find((field) => b[field] === undefined);
    if (missing !== undefined) return anthropicError(400, 'invalid_request_error', `${missing}: Field required`);
    if (typeof b['max_tokens'] !== 'number' || !Number.isInteger(b['max_tokens']) || b['max_tokens'] < 1) {
      return anthropicError(400, 'invalid_request_error', 'max_tokens: Input should be greater than or equal to 1');
    }
    if (!Array.isArray(b['messages']) || b['messages'].length === 0) {
      return anthropicError(400, 'invalid_request_error', 'messages: at least one message is required');
    }
    return undefined;
  },

  reply(step: Exclude<FakeStep, { kind: 'hang' | 'reset' }>, request): WireReply {
    switch (step.kind) {
      case 'ok':
        return {
          status: 200,
          body: message(request, {
            content: [{ type: 'text', text: step.text }],
            stopReason: 'end_turn',
            model: step.model,
            tokensIn: step.tokensIn,
            tokensOut: step.tokensOut,
            outText: step.text,
          }),
        };
      case 'truncated':
        return {
          status: 200,
          body: message(request, {
            content: [{ type: 'text', text: step.text }], stopReason: 'max_tokens', outText: step.text,
          }),
        };
      case 'refusal':
        // Refusals come from a classifier that stops the turn: no text, the reason in stop_details.
        return {
          status: 200,
          body: message(request, {
            content: [],
            stopReason: 'refusal',
            stopDetails: { type: 'refusal', category: 'general_harms', explanation: step.reason },
            outText: '',
          }),
        };
      case 'context_too_long':
        return anthropicError(400, 'invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum');
      case 'malformed':
        return { status: 200, body: step.raw, headers: { 'content-type': step.contentType ?? 'application/json' } };
      case 'status': {
        const base = anthropicStatusError(step.status);
        return { status: step.status, body: step.body ?? base.body, headers: step.headers };
      }
    }
  },

  commonHeaders() {
    currentRequestId = anthropicId('req');
    return { 'request-id': currentRequestId, 'anthropic-organization-id': '00000000-0000-4000-8000-000000000000' };
  },
};
