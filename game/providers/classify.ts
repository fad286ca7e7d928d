// Turns a provider's HTTP error (status, body, headers) into what the fallback chain
// should do next. Pure so the table can be unit-tested without a server; the adapters
// feed it what the SDK error objects carry.
import { asRecord, asString } from './bodyReaders.ts';
import type { ErrorClass, ProviderName } from './types.ts';

/** Never wait longer than this on a provider's say-so: Temporal's own backoff takes over. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Error messages go to logs and job rows; an HTML error page from a proxy must not. */
const MAX_MESSAGE_CHARS = 500;

export interface HttpErrorClassification {
  errorClass: ErrorClass;
  retryAfterMs?: number;
  message: string;
}

type HeaderBag = Headers | Record<string, string> | undefined;

/** By shape: a fetch Headers may come from another realm (undici inside a vm context). */
function isFetchHeaders(headers: Headers | Record<string, string>): headers is Headers {
  return typeof (headers as Partial<Headers>).get === 'function';
}

function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (isFetchHeaders(headers)) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * Delay asked for by `retry-after-ms` (OpenAI's non-standard header, milliseconds) or
 * `Retry-After` (RFC 9110: delay-seconds or an HTTP date), capped at MAX_RETRY_AFTER_MS.
 */
export function parseRetryAfterMs(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const cap = (ms: number) => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
  const millis = headerValue(headers, 'retry-after-ms')?.trim();
  if (millis && /^\d+(\.\d+)?$/.test(millis)) return cap(Number(millis));
  const value = headerValue(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return cap(Number(value) * 1000);
  // Only what looks like an HTTP date (a month name and a time): V8's Date.parse also
  // accepts junk such as "-5" as some year.
  if (!/[A-Za-z]{3}/.test(value) || !/\d{1,2}:\d{2}:\d{2}/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : cap(date - now);
}

interface ApiErrorFields {
  message?: string;
  type?: string;
  code?: string;
  /** google.rpc.RetryInfo's delay (Gemini says when to come back in the body, not a header). */
  retryDelayMs?: number;
}

/** "2s", "1.5s", "0.250s": a protobuf Duration in its JSON form. */
function durationMs(value: unknown): number | undefined {
  const text = asString(value);
  const seconds = text === undefined ? undefined : /^(\d{1,6})(\.\d{1,9})?s$/.exec(text);
  return seconds ? Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(`${seconds[1]}${seconds[2] ?? ''}`) * 1000))
    : undefined;
}

function retryInfoDelay(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  const info = details.slice(0, 20).map((d) => asRecord(d))
    .find((d) => asString(d?.['@type'])?.endsWith('google.rpc.RetryInfo'));
  return durationMs(info?.['retryDelay']);
}

/**
 * Reads message/type/code from either API's error format, whole or unwrapped: OpenAI's
 * SDK keeps only `body.error`, Anthropic's keeps the whole `{ type: 'error', error }`.
 */
export function apiErrorFields(body: unknown): ApiErrorFields {
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (asRecord(parsed)) return apiErrorFields(parsed);
    } catch {
      // Not JSON (an HTML page, plain text): the text is the message.
    }
    const text = body.trim();
    return text === '' ? {} : { message: text };
  }
  const outer = asRecord(body);
  if (!outer) return {};
  const inner = asRecord(outer['error']) ?? outer;
  const details = asRecord(inner['details']);
  const retryDelayMs = retryInfoDelay(inner['details']);
  return {
    message: asString(inner['message']),
    // Gemini's errors are google.rpc.Status: the canonical code name is in `status`.
    type: asString(inner['type']) ?? asString(inner['status']),
    code: asString(inner['code']) ?? asString(details?.['error_code']),
    ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
  };
}

const CONTEXT_CODES = new Set(['context_length_exceeded', 'string_above_max_length', 'prompt_too_long']);
// OpenAI: "This model's maximum context length is 128000 tokens…" / "…exceeds the context
// window of this model"; Anthropic: "prompt is too long: 215000 tokens > 200000 maximum";
// Gemini: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)".
const CONTEXT_MESSAGE = new RegExp(
  'maximum context length|context window|prompt is too long|input is too long|too many input tokens' +
    '|input token count .{0,40}exceeds the maximum number of tokens',
  'i',
);
const SAFETY_CODES = new Set(['content_filter', 'content_policy_violation']);
/** Billing exhaustion comes as 429 but waiting does not help. */
const QUOTA_CODES = new Set(['insufficient_quota', 'billing_hard_limit_reached']);

function isContextTooLong(provider: ProviderName, f: ApiErrorFields): boolean {
  if (f.code !== undefined && CONTEXT_CODES.has(f.code)) return true;
  if (f.message === undefined || !CONTEXT_MESSAGE.test(f.message)) return false;
  // Anthropic reports it as invalid_request_error, Gemini as INVALID_ARGUMENT; OpenAI's type
  // varies, its text does not.
  return provider === 'openai' || f.type === undefined || f.type === 'invalid_request_error'
    || f.type === 'INVALID_ARGUMENT';
}

function describe(provider: ProviderName, status: number | undefined, f: ApiErrorFields): string {
  const label = f.code ?? f.type;
  const head = status === undefined ? `${provider} request failed` : `${provider} HTTP ${status}`;
  const text = (f.message ?? 'no error message').slice(0, MAX_MESSAGE_CHARS);
  return label === undefined ? `${head}: ${text}` : `${head} (${label}): ${text}`;
}

export function classifyHttpError(
  provider: ProviderName,
  status: number | undefined,
  body: unknown,
  headers: HeaderBag,
): HttpErrorClassification {
  const fields = apiErrorFields(body);
  const message = describe(provider, status, fields);
  const retryable = (): HttpErrorClassification => {
    const retryAfterMs = parseRetryAfterMs(headers) ?? fields.retryDelayMs;
    return retryAfterMs === undefined
      ? { errorClass: 'retryable', message }
      : { errorClass: 'retryable', retryAfterMs, message };
  };

  // No status: the request never got an HTTP answer (DNS, refused, reset, timeout).
  if (status === undefined) return retryable();

  if (status === 400 || status === 413) {
    if (status === 413 || isContextTooLong(provider, fields)) return { errorClass: 'context_too_long', message };
    if (fields.code !== undefined && SAFETY_CODES.has(fields.code)) {
      // The job is rejected with this text, so it is the provider's own words only.
      return {
        errorClass: 'safety_refusal', message: (fields.message ?? 'content filtered').slice(0, MAX_MESSAGE_CHARS),
      };
    }
    return { errorClass: 'non_retryable', message };
  }
  if (status === 429 && fields.code !== undefined && QUOTA_CODES.has(fields.code)) {
    return { errorClass: 'non_retryable', message };
  }
  // 499: the upstream saw the client go away mid-request; a fresh attempt is fine.
  if (status === 408 || status === 409 || status === 429 || status === 499 || status >= 500) return retryable();
  return { errorClass: 'non_retryable', message };
}
