// OpenAI's Chat Completions wire format, as the real API sends it: the chat.completion
// object, and errors as { error: { message, type, param, code } }.
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { FakeStep, RecordedRequest, WireProtocol, WireReply } from './fakeServer.ts';

export const FAKE_OPENAI_KEY = 'sk-proj-fake-openai-test-key-0001';
export const FAKE_OPENAI_MODEL = 'gpt-4.1-mini';

interface OpenAIErrorFields {
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}

export function openAIError(status: number, f: OpenAIErrorFields, headers?: Record<string, string>): WireReply {
  const error = { message: f.message, type: f.type, param: f.param ?? null, code: f.code ?? null };
  return { status, body: { error }, headers };
}

/** The API's own texts for the statuses tests use; others get a generic one. */
export function openAIStatusError(status: number): WireReply {
  switch (status) {
    case 400:
      return openAIError(400, {
        message: "Invalid value for 'temperature': must be between 0 and 2.",
        type: 'invalid_request_error',
        param: 'temperature',
        code: 'invalid_value',
      });
    case 401:
      return openAIError(401, {
        message: 'Incorrect API key provided: sk-proj-****0001. ' +
          'You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      });
    case 403:
      return openAIError(403, {
        message: 'Country, region, or territory not supported',
        type: 'request_forbidden',
        code: 'unsupported_country_region_territory',
      });
    case 404:
      return openAIError(404, {
        message: 'The model `gpt-unknown` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        code: 'model_not_found',
      });
    case 429:
      return openAIError(429, {
        message: 'Rate limit reached for gpt-4.1-mini in organization org-fake on requests per min (RPM): ' +
          'Limit 500, Used 500, Requested 1. Please try again in 120ms.',
        type: 'requests',
        code: 'rate_limit_exceeded',
      });
    case 500:
      return openAIError(500, {
        message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error',
      });
    case 503:
      return openAIError(503, {
        message: 'The engine is currently overloaded, please try again later.', type: 'server_error',
      });
    default:
      return openAIError(status, {
        message: STATUS_CODES[status] ?? `HTTP ${status}`,
        type: status >= 500 ? 'server_error' : 'invalid_request_error',
      });
  }
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function promptTokens(request: RecordedRequest): number {
  const messages = (request.body as { messages?: { content?: unknown }[] } | undefined)?.messages ?? [];
  const texts = messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
  return estimateTokens(texts.join('\n'));
}

function chatCompletion(
  request: RecordedRequest,
  o: {
    content: string | null;
    refusal: string | null;
    finish: string;
    model?: string;
    tokensIn?: number;
    tokensOut?: number;
  },
): Record<string, unknown> {
  const requested = (request.body as { model?: unknown }).model;
  const tokensIn = o.tokensIn ?? promptTokens(request);
  const tokensOut = o.tokensOut ?? estimateTokens(o.content ?? o.refusal ?? '');
  return {
    id: `chatcmpl-${randomBytes(15).toString('base64url')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: o.model ?? (typeof requested === 'string' ? requested : FAKE_OPENAI_MODEL),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: o.content, refusal: o.refusal, annotations: [] },
        logprobs: null,
        finish_reason: o.finish,
      },
    ],
    usage: {
      prompt_tokens: tokensIn,
      completion_tokens: tokensOut,
      total_tokens: tokensIn + tokensOut,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake0001',
  };
}

export const openAIProtocol: WireProtocol = {
  routeError(method, path) {
    if (method === 'POST' && path === '/v1/chat/completions') return undefined;
    return openAIError(404, { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error' });
  },

  authError(headers, expectedApiKey) {
    const auth = headers['authorization'];
    if (auth === undefined || !auth.startsWith('Bearer ') || auth.length === 'Bearer '.length) {
      return openAIError(401, {
        message: "You didn't provide an API key. " +
          'You need to provide your API key in an Authorization header using Bearer auth ' +
          '(i.e. Authorization: Bearer YOUR_KEY).',
        type: 'invalid_request_error',
      });
    }
    const key = auth.slice('Bearer '.length);
    if (key === expectedApiKey) return undefined;
    const masked = `${key.slice(0, 8)}****${key.slice(-4)}`;
    return openAIError(401, {
      message: `Incorrect API key provided: ${masked}. ` +
        'You can find your API key at https://platform.openai.com/account/api-keys.',
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    });
  },

  bodyError(body) {
    if (typeof body === 'string' || body === undefined) {
      return openAIError(400, {
        message: 'We could not parse the JSON body of your request. ' +
          '(HINT: This likely means you aren\'t using your HTTP library correctly.)',
        type: 'invalid_request_error',
      });
    }
    const b = body as Record<string, unknown>;
    if (typeof b['model'] !== 'string') {
      return openAIError(400, { message: 'you must provide a model parameter', type: 'invalid_request_error' });
    }
    if (!Array.isArray(b['messages']) || b['messages'].length === 0) {
      return openAIError(400, {
        message: "Missing required parameter: 'messages'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'missing_required_parameter',
      });
    }
    return undefined;
  },

  reply(step: Exclude<FakeStep, { kind: 'hang' | 'reset' }>, request): WireReply {
    switch (step.kind) {
      case 'ok':
        return {
          status: 200,
          body: chatCompletion(request, {
            content: step.text,
            refusal: null,
            finish: 'stop',
            model: step.model,
            tokensIn: step.tokensIn,
            tokensOut: step.tokensOut,
          }),
        };
      case 'truncated':
        return { status: 200, body: chatCompletion(request, { content: step.text, refusal: null, finish: 'length' }) };
      case 'refusal':
        return { status: 200, body: chatCompletion(request, { content: null, refusal: step.reason, finish: 'stop' }) };
      case 'context_too_long':
        return openAIError(400, {
          message: `This model's maximum context length is 128000 tokens. ` +
            'However, your messages resulted in 131072 tokens. Please reduce the length of the messages.',
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        });
      case 'malformed':
        return { status: 200, body: step.raw, headers: { 'content-type': step.contentType ?? 'application/json' } };
      case 'status': {
        const base = openAIStatusError(step.status);
        return { status: step.status, body: step.body ?? base.body, headers: step.headers };
      }
    }
  },

  commonHeaders() {
    return {
      'x-request-id': `req_${randomBytes(16).toString('hex')}`,
      'openai-processing-ms': '42',
      'openai-version': '2020-10-01',
    };
  },
};
