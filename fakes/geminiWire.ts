// The Gemini API's generateContent wire format, as the real API sends it: candidates with
// content parts and a finishReason, promptFeedback when the prompt itself is blocked,
// usageMetadata; errors as { error: { code, message, status, details } } (google.rpc.Status),
// a rate limit carrying its RetryInfo.
import type { FakeStep, RecordedRequest, WireProtocol, WireReply } from './fakeServer.ts';

export const FAKE_GEMINI_KEY = 'AIzaSyFAKE-gemini-test-key-000000000001';
export const FAKE_GEMINI_MODEL = 'gemini-2.5-flash';

const ENDPOINT = /^\/v1(?:beta)?\/models\/([\w.-]{1,100}):generateContent$/;

export function geminiError(status: number, rpcStatus: string, message: string, details: unknown[] = []): WireReply {
  return { status, body: { error: { code: status, message, status: rpcStatus, details } } };
}

/** The API's own statuses and texts per HTTP status; others get a generic one. */
export function geminiStatusError(status: number): WireReply {
  const known: Record<number, [string, string, unknown[]]> = {
    400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.', []],
    403: ['PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers.', []],
    404: ['NOT_FOUND', 'models/gemini-unknown is not found for API version v1beta.', []],
    429: ['RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' },
    ]],
    500: ['INTERNAL', 'An internal error has occurred.', []],
    503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.', []],
    504: ['DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.', []],
  };
  const [rpc, message, details] = known[status] ?? [status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION',
    `HTTP ${status}`, []];
  return geminiError(status, rpc, message, details);
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function inputTokens(request: RecordedRequest): number {
  return estimateTokens(JSON.stringify((request.body as { contents?: unknown }).contents ?? ''));
}

function response(request: RecordedRequest, o: {
  text?: string; finishReason?: string; blockReason?: string; blockMessage?: string; model?: string;
  tokensIn?: number; tokensOut?: number;
}): Record<string, unknown> {
  const model = o.model ?? ENDPOINT.exec(request.path)?.[1] ?? FAKE_GEMINI_MODEL;
  const promptTokens = o.tokensIn ?? inputTokens(request);
  const outTokens = o.tokensOut ?? (o.text === undefined ? 0 : estimateTokens(o.text));
  return {
    ...(o.blockReason === undefined ? {
      candidates: [{
        content: { role: 'model', parts: o.text === undefined ? [] : [{ text: o.text }] },
        finishReason: o.finishReason ?? 'STOP', index: 0,
        safetyRatings: o.finishReason === 'SAFETY'
          ? [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }] : [],
      }],
    } : {
      promptFeedback: {
        blockReason: o.blockReason,
        blockReasonMessage: o.blockMessage ?? 'The prompt was blocked by the safety filters.',
        safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }],
      },
    }),
    usageMetadata: { promptTokenCount: promptTokens, candidatesTokenCount: outTokens,
      totalTokenCount: promptTokens + outTokens },
    modelVersion: model,
    responseId: `fake-${Math.random().toString(36).slice(2, 12)}`,
  };
}

export const geminiProtocol: WireProtocol = {
  routeError(method, path) {
    if (method === 'POST' && ENDPOINT.test(path)) return undefined;
    return { status: 404, body: '<!DOCTYPE html><title>Error 404 (Not Found)</title>',
      headers: { 'content-type': 'text/html; charset=UTF-8' } };
  },

  authError(headers, expectedApiKey) {
    const key = headers['x-goog-api-key'];
    if (key === undefined || key === '') {
      return geminiError(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without ' +
        'established identity). Please use API Key or other form of API consumer identity to call this API.');
    }
    if (key !== expectedApiKey) {
      return geminiError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID',
          domain: 'googleapis.com' },
      ]);
    }
    return undefined;
  },

  bodyError(body) {
    if (typeof body === 'string' || body === undefined) {
      return geminiError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    const contents = (body as { contents?: unknown }).contents;
    if (!Array.isArray(contents) || contents.length === 0) {
      return geminiError(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified');
    }
    const bad = contents.findIndex((c) => !Array.isArray((c as { parts?: unknown })?.parts));
    if (bad >= 0) return geminiError(400, 'INVALID_ARGUMENT', `* GenerateContentRequest.contents[${bad}].parts: ` +
      'contents.parts must not be empty.');
    return undefined;
  },

  reply(step: Exclude<FakeStep, { kind: 'hang' | 'reset' }>, request): WireReply {
    switch (step.kind) {
      case 'ok':
        return { status: 200, body: response(request, {
          text: step.text, model: step.model, tokensIn: step.tokensIn, tokensOut: step.tokensOut,
        }) };
      case 'truncated':
        return { status: 200, body: response(request, { text: step.text, finishReason: 'MAX_TOKENS' }) };
      case 'refusal':
        // The prompt itself is blocked: no candidates, the reason in promptFeedback.
        return { status: 200, body: response(request, { blockReason: 'SAFETY', blockMessage: step.reason }) };
      case 'context_too_long':
        return geminiError(400, 'INVALID_ARGUMENT',
          'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).');
      case 'malformed':
        return { status: 200, body: step.raw, headers: { 'content-type': step.contentType ?? 'application/json' } };
      case 'status': {
        const base = geminiStatusError(step.status);
        return { status: step.status, body: step.body ?? base.body, headers: step.headers };
      }
    }
  },

  commonHeaders() {
    return { server: 'scaffolding on HTTPServer2', vary: 'Origin, X-Origin, Referer' };
  },
};
