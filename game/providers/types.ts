// The provider-neutral shapes the generation pipeline speaks. Adapters translate each
// vendor's SDK into these, so the workflow's fallback logic never sees an SDK type.

export type ProviderName = 'openai' | 'anthropic' | 'gemini';

/**
 * What the caller should do about a failure:
 * - retryable: same provider again later (Temporal's retry policy; honour retryAfterMs)
 * - non_retryable: this provider cannot serve the request; move to the next one now
 * - safety_refusal: the model refused; the message is the provider's reason (job rejected)
 * - context_too_long: the prompt does not fit; shrink it or use another provider
 * - truncated: reserved for callers; adapters return stopReason 'length' instead of throwing
 * - malformed: a 2xx whose body is not the API's shape
 */
export type ErrorClass =
  'retryable' | 'non_retryable' | 'safety_refusal' | 'context_too_long' | 'truncated' | 'malformed';

export interface CompletionRequest {
  system: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
  maxTokens: number;
  temperature?: number;
}

export interface Completion {
  text: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  stopReason: 'stop' | 'length' | 'refusal' | 'content_filter' | 'other';
  latencyMs: number;
  requestId?: string;
}

export interface CompleteOptions {
  /** Cancels the call; it then fails as a retryable ProviderError. */
  signal?: AbortSignal;
  /** Overrides the provider's default deadline for this call (whole call, body included). */
  timeoutMs?: number;
}

export interface LlmProvider {
  readonly name: ProviderName;
  readonly model: string;
  complete(req: CompletionRequest, opts?: CompleteOptions): Promise<Completion>;
}

export interface ProviderErrorOptions {
  provider: ProviderName;
  errorClass: ErrorClass;
  message: string;
  latencyMs: number;
  httpStatus?: number;
  retryAfterMs?: number;
  requestId?: string;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly provider: ProviderName;
  readonly errorClass: ErrorClass;
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;
  readonly latencyMs: number;
  /** The provider's request id (x-request-id / request-id), for support tickets. */
  readonly requestId?: string;

  constructor(o: ProviderErrorOptions) {
    super(o.message, o.cause === undefined ? undefined : { cause: o.cause });
    this.name = 'ProviderError';
    this.provider = o.provider;
    this.errorClass = o.errorClass;
    this.latencyMs = o.latencyMs;
    this.httpStatus = o.httpStatus;
    this.retryAfterMs = o.retryAfterMs;
    this.requestId = o.requestId;
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}
