// The pure classification table: HTTP status + each API's error body + headers → what the
// fallback chain does next. Bodies are the APIs' real error formats, whole or unwrapped.
import { describe, expect, it } from '@jest/globals';
import {
  apiErrorFields,
  classifyHttpError,
  MAX_RETRY_AFTER_MS,
  parseRetryAfterMs,
} from '../../../game/providers/classify.ts';
import type { ErrorClass, ProviderName } from '../../../game/providers/types.ts';

const oa = (message: string, type: string, code: string | null = null) => ({
  error: { message, type, param: null, code },
});
const an = (type: string, message: string) => ({ type: 'error', error: { type, message }, request_id: 'req_011Cabc' });

const table: [string, ProviderName, number | undefined, unknown, ErrorClass][] = [
  ['no status (network)', 'openai', undefined, undefined, 'retryable'],
  ['openai 500', 'openai', 500,
    oa('The server had an error while processing your request.', 'server_error'), 'retryable'],
  ['openai 502 HTML from a proxy', 'openai', 502, '<html><body>502 Bad Gateway</body></html>', 'retryable'],
  ['openai 503', 'openai', 503, oa('The engine is currently overloaded', 'server_error'), 'retryable'],
  ['openai 408', 'openai', 408, undefined, 'retryable'],
  ['openai 409', 'openai', 409, undefined, 'retryable'],
  ['openai 429 rate limit', 'openai', 429, oa('Rate limit reached', 'requests', 'rate_limit_exceeded'), 'retryable'],
  ['openai 429 quota exhausted', 'openai', 429,
    oa('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'), 'non_retryable'],
  ['openai 400 other', 'openai', 400,
    oa("Invalid value for 'temperature'", 'invalid_request_error', 'invalid_value'), 'non_retryable'],
  ['openai 400 context code', 'openai', 400,
    oa('too long', 'invalid_request_error', 'context_length_exceeded'), 'context_too_long'],
  ['openai 400 context code (unwrapped)', 'openai', 400,
    { message: 'x', type: 'invalid_request_error', code: 'context_length_exceeded' }, 'context_too_long'],
  [
    'openai 400 context message only',
    'openai',
    400,
    oa(
      "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
      'invalid_request_error',
    ),
    'context_too_long',
  ],
  ['openai 400 context window wording', 'openai', 400,
    oa('Your input exceeds the context window of this model.', 'invalid_request_error'), 'context_too_long'],
  ['openai 400 content filter (Azure)', 'openai', 400,
    oa('The response was filtered due to the prompt triggering the content management policy.',
      'invalid_request_error', 'content_filter'),
    'safety_refusal'],
  ['openai 401', 'openai', 401,
    oa('Incorrect API key provided', 'invalid_request_error', 'invalid_api_key'), 'non_retryable'],
  ['openai 403', 'openai', 403,
    oa('Country, region, or territory not supported', 'request_forbidden'), 'non_retryable'],
  ['openai 404', 'openai', 404,
    oa('The model `x` does not exist', 'invalid_request_error', 'model_not_found'), 'non_retryable'],
  ['openai 422', 'openai', 422, undefined, 'non_retryable'],
  ['anthropic 400 prompt too long', 'anthropic', 400,
    an('invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum'), 'context_too_long'],
  ['anthropic 400 prompt too long (unwrapped)', 'anthropic', 400,
    { type: 'invalid_request_error', message: 'prompt is too long: 215000 tokens > 200000 maximum' },
    'context_too_long'],
  ['anthropic 400 other', 'anthropic', 400, an('invalid_request_error', 'max_tokens: Field required'), 'non_retryable'],
  ['anthropic 413 request too large', 'anthropic', 413,
    an('request_too_large', 'Request exceeds the maximum allowed number of bytes.'), 'context_too_long'],
  ['anthropic 401', 'anthropic', 401, an('authentication_error', 'invalid x-api-key'), 'non_retryable'],
  ['anthropic 402 billing', 'anthropic', 402, an('billing_error', 'Your credit balance is too low'), 'non_retryable'],
  ['anthropic 403', 'anthropic', 403, an('permission_error', 'not allowed'), 'non_retryable'],
  ['anthropic 404', 'anthropic', 404, an('not_found_error', 'model: claude-x'), 'non_retryable'],
  ['anthropic 429', 'anthropic', 429, an('rate_limit_error', 'rate limited'), 'retryable'],
  ['anthropic 500', 'anthropic', 500, an('api_error', 'Internal server error'), 'retryable'],
  ['anthropic 504', 'anthropic', 504, an('timeout_error', 'Request timeout'), 'retryable'],
  ['anthropic 529 overloaded', 'anthropic', 529, an('overloaded_error', 'Overloaded'), 'retryable'],
  ['anthropic 499 client closed', 'anthropic', 499, undefined, 'retryable'],
];

describe('classifyHttpError', () => {
  it.each(table)('%s → expected class', (_label, provider, status, body, expected) => {
    const result = classifyHttpError(provider, status, body, undefined);
    expect(result.errorClass).toBe(expected);
    expect(result.message.length).toBeGreaterThan(0);
  });

  it('puts provider, status, code and the API message in the message', () => {
    const r = classifyHttpError('openai', 429,
      oa('Rate limit reached for gpt-4.1-mini', 'requests', 'rate_limit_exceeded'), undefined);
    expect(r.message).toBe('openai HTTP 429 (rate_limit_exceeded): Rate limit reached for gpt-4.1-mini');
    const a = classifyHttpError('anthropic', 529, an('overloaded_error', 'Overloaded'), undefined);
    expect(a.message).toBe('anthropic HTTP 529 (overloaded_error): Overloaded');
  });

  it('gives a safety refusal only the provider\'s own words', () => {
    const r = classifyHttpError('openai', 400,
      oa('The prompt was filtered.', 'invalid_request_error', 'content_filter'), undefined);
    expect(r).toEqual({ errorClass: 'safety_refusal', message: 'The prompt was filtered.' });
  });

  it('keeps a long HTML error page out of the message', () => {
    const r = classifyHttpError('openai', 502, `<html>${'x'.repeat(5000)}</html>`, undefined);
    expect(r.message.length).toBeLessThan(600);
  });

  it('reads Retry-After for retryable answers only', () => {
    expect(classifyHttpError('openai', 429, undefined, { 'Retry-After': '2' }).retryAfterMs).toBe(2000);
    expect(classifyHttpError('anthropic', 529, undefined, new Headers({ 'retry-after': '7' })).retryAfterMs).toBe(7000);
    expect(classifyHttpError('openai', 401, undefined, { 'retry-after': '2' }).retryAfterMs).toBeUndefined();
    expect(classifyHttpError('openai', 500, undefined, {})).not.toHaveProperty('retryAfterMs');
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  it.each([
    ['seconds', { 'retry-after': '2' }, 2000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1500],
    ['zero', { 'retry-after': '0' }, 0],
    ['HTTP date 30 s ahead', { 'retry-after': 'Tue, 01 Jan 2030 00:00:30 GMT' }, 30_000],
    ['HTTP date in the past', { 'retry-after': 'Mon, 31 Dec 2029 23:00:00 GMT' }, 0],
    ['an hour, capped', { 'retry-after': '3600' }, MAX_RETRY_AFTER_MS],
    ['retry-after-ms wins', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['header names in any case', { 'RETRY-AFTER': '3' }, 3000],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['negative', { 'retry-after': '-5' }, undefined],
    ['absent', {}, undefined],
  ])('%s', (_label, headers, expected) => {
    expect(parseRetryAfterMs(headers, now)).toBe(expected);
  });

  it('accepts a fetch Headers object and no headers at all', () => {
    expect(parseRetryAfterMs(new Headers({ 'Retry-After': '4' }), now)).toBe(4000);
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('apiErrorFields', () => {
  it('reads both APIs\' formats, whole, unwrapped or as JSON text', () => {
    expect(apiErrorFields(oa('m', 't', 'c'))).toEqual({ message: 'm', type: 't', code: 'c' });
    expect(apiErrorFields(an('overloaded_error', 'Overloaded')))
      .toEqual({ message: 'Overloaded', type: 'overloaded_error', code: undefined });
    expect(apiErrorFields(JSON.stringify(an('rate_limit_error', 'slow down')))).toMatchObject({ message: 'slow down' });
    expect(apiErrorFields('plain text')).toEqual({ message: 'plain text' });
    expect(apiErrorFields({
      type: 'error', error: { type: 'x', message: 'y', details: { error_code: 'prompt_too_long' } },
    })).toMatchObject({ code: 'prompt_too_long' });
    expect(apiErrorFields(undefined)).toEqual({});
    expect(apiErrorFields([1, 2])).toEqual({});
  });
});
