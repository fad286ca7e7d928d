// The part of a completion call both adapters share: one deadline over the whole call
// (headers and body), the caller's AbortSignal, latency, and turning whatever was thrown
// into a ProviderError. The SDKs never retry (maxRetries: 0): Temporal owns retries.
import { classifyHttpError } from './classify.ts';
import { ProviderError } from './types.ts';
import type { Completion, CompleteOptions, ErrorClass, ProviderErrorOptions, ProviderName } from './types.ts';

type ErrorExtras = Pick<ProviderErrorOptions, 'httpStatus' | 'retryAfterMs' | 'requestId' | 'cause'>;

/** Long enough for a few thousand output tokens; the activity's own timeout sits above it. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** What an adapter recognised in an SDK error; `undefined` means "not an SDK error". */
export type SdkFailure =
  | { kind: 'http'; status: number; body: unknown; headers: Headers | undefined; requestId?: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'connection'; message: string };

export interface ProviderCallSpec<Raw> {
  provider: ProviderName;
  defaultTimeoutMs: number;
  options: CompleteOptions | undefined;
  /** Starts the SDK request; must pass `signal` and `timeoutMs` on to the SDK. */
  send: (signal: AbortSignal, timeoutMs: number) => Promise<Raw>;
  /** Maps the SDK's 2xx result; throws ProviderError (refusal, malformed) itself. */
  interpret: (raw: Raw, latencyMs: number) => Completion;
  describeError: (err: unknown) => SdkFailure | undefined;
}

interface ErrorLike {
  name?: unknown;
  message: string;
  code?: unknown;
  cause?: unknown;
}

/**
 * By shape, not instanceof: errors thrown inside fetch/undici come from Node's own realm,
 * which is not the caller's under vm contexts (Jest), so `instanceof Error` can miss them.
 */
function isErrorLike(v: unknown): v is ErrorLike {
  return typeof v === 'object' && v !== null && typeof (v as ErrorLike).message === 'string';
}

/** "Connection error." alone says nothing; the undici causes say what happened. */
export function causeChain(err: unknown, depth = 0): string {
  if (!isErrorLike(err) || depth > 3) return '';
  const code = err.code;
  const text = err.message.replace(/\.$/, '');
  const own = typeof code === 'string' ? `${text} [${code}]` : text;
  const next = causeChain(err.cause, depth + 1);
  return next === '' || next === own ? own : `${own}: ${next}`;
}

export async function runProviderCall<Raw>(spec: ProviderCallSpec<Raw>): Promise<Completion> {
  const { provider } = spec;
  const timeoutMs = spec.options?.timeoutMs ?? spec.defaultTimeoutMs;
  const callerSignal = spec.options?.signal;
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const fail = (errorClass: ErrorClass, message: string, extra: ErrorExtras = {}) =>
    new ProviderError({ provider, errorClass, message, latencyMs: elapsed(), ...extra });

  if (callerSignal?.aborted) throw fail('retryable', `${provider} call aborted before it started`);

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`deadline of ${timeoutMs} ms reached`)), timeoutMs);
  const signal = callerSignal ? AbortSignal.any([deadline.signal, callerSignal]) : deadline.signal;
  // The SDKs honour the signal, but the deadline must hold even if one stalls reading a
  // body: whichever settles first wins, and the loser's rejection is swallowed.
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
  });

  let raw: Raw;
  try {
    const request = spec.send(signal, timeoutMs);
    request.catch(() => undefined);
    aborted.catch(() => undefined);
    raw = await Promise.race([request, aborted]);
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    const failure = spec.describeError(err);
    if (deadline.signal.aborted || failure?.kind === 'timeout') {
      throw fail('retryable', `${provider} timed out after ${timeoutMs} ms`, { cause: err });
    }
    if (callerSignal?.aborted || failure?.kind === 'aborted') {
      throw fail('retryable', `${provider} call aborted by the caller`, { cause: err });
    }
    if (failure?.kind === 'connection') {
      throw fail('retryable', `${provider} connection failed: ${failure.message}`, { cause: err });
    }
    if (failure?.kind === 'http') {
      const c = classifyHttpError(provider, failure.status, failure.body, failure.headers);
      throw fail(c.errorClass, c.message, {
        httpStatus: failure.status,
        retryAfterMs: c.retryAfterMs,
        requestId: failure.requestId,
        cause: err,
      });
    }
    // A 2xx body the SDK could not parse as the JSON it was labelled.
    if (isErrorLike(err) && err.name === 'SyntaxError') {
      throw fail('malformed', `${provider} returned a body that is not valid JSON: ${err.message}`, { cause: err });
    }
    // Not an HTTP outcome (a bug, an SDK precondition): retrying the same call will not help.
    throw fail('non_retryable', `${provider} call failed: ${causeChain(err) || String(err)}`, { cause: err });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }

  try {
    return spec.interpret(raw, elapsed());
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    throw fail('malformed', `${provider} response could not be read: ${causeChain(err) || String(err)}`, {
      cause: err,
    });
  }
}
