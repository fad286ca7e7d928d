// Anthropic Messages through the official SDK. As for OpenAI: maxRetries 0, one call, one
// classified outcome. An explicit timeout is always passed, which also keeps the SDK from
// refusing large max_tokens non-streaming calls ("Streaming is required…", computed only
// when no timeout is set).
import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { asCount, asRecord, asString, asText } from './bodyReaders.ts';
import { DEFAULT_TIMEOUT_MS, causeChain, runProviderCall } from './providerCall.ts';
import type { SdkFailure } from './providerCall.ts';
import { ProviderError } from './types.ts';
import type { Completion, CompletionRequest, LlmProvider } from './types.ts';

export interface AnthropicProviderOptions {
  apiKey: string;
  /** Without /v1 (the SDK appends /v1/messages); unset means api.anthropic.com. */
  baseURL?: string;
  model: string;
  timeoutMs?: number;
}

function describeAnthropicError(err: unknown): SdkFailure | undefined {
  if (err instanceof Anthropic.APIUserAbortError) return { kind: 'aborted' };
  if (err instanceof Anthropic.APIConnectionTimeoutError) return { kind: 'timeout' };
  if (err instanceof Anthropic.APIConnectionError) return { kind: 'connection', message: causeChain(err) };
  if (err instanceof Anthropic.APIError && typeof err.status === 'number') {
    // Unlike OpenAI's SDK, this one keeps the whole `{ type: 'error', error }` body.
    // instanceof on the generic class leaves these `any`; they are the SDK's documented types.
    const body = err.error as object | undefined;
    const headers = err.headers as Headers | undefined;
    return {
      kind: 'http', status: err.status, body: body ?? err.message, headers, requestId: err.requestID ?? undefined,
    };
  }
  return undefined;
}

const STOP_REASONS: Record<string, Completion['stopReason']> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  // The output ran into the model's context window: as cut off as max_tokens.
  model_context_window_exceeded: 'length',
};

function textOf(content: unknown[]): { text: string; blocks: number } {
  const texts = content
    .map((block) => asRecord(block))
    .filter((block) => block?.['type'] === 'text' && typeof block['text'] === 'string')
    .map((block) => block!['text'] as string);
  return { text: texts.join(''), blocks: texts.length };
}

export function interpretMessage(raw: unknown, fallbackModel: string, latencyMs: number): Completion {
  const malformed = (why: string) =>
    new ProviderError({
      provider: 'anthropic', errorClass: 'malformed', message: `anthropic response ${why}`, latencyMs,
    });
  const body = asRecord(raw);
  if (!body) throw malformed(typeof raw === 'string' ? 'is text, not a JSON object' : 'is not a JSON object');
  if (body['type'] !== 'message') throw malformed(`has type ${JSON.stringify(body['type'] ?? null)}, not "message"`);
  const content = Array.isArray(body['content']) ? (body['content'] as unknown[]) : undefined;
  const stopReason = body['stop_reason'];

  if (stopReason === 'refusal') {
    const details = asRecord(body['stop_details']);
    const category = asString(details?.['category']);
    const reason =
      asText(details?.['explanation']) ??
      asText(content ? textOf(content).text : undefined) ??
      `The model declined the request${category === undefined ? '' : ` (${category})`}.`;
    throw new ProviderError({ provider: 'anthropic', errorClass: 'safety_refusal', message: reason, latencyMs });
  }
  if (!content) throw malformed('has no content array');
  const { text, blocks } = textOf(content);
  // A max_tokens stop may come before any text block; the caller repairs or retries.
  if (blocks === 0 && stopReason !== 'max_tokens') throw malformed('has no text content block');

  const usage = asRecord(body['usage']);
  const requestId = asString((raw as { _request_id?: unknown })._request_id);
  return {
    text,
    model: asString(body['model']) ?? fallbackModel,
    tokensIn: asCount(usage?.['input_tokens']),
    tokensOut: asCount(usage?.['output_tokens']),
    stopReason: (typeof stopReason === 'string' ? STOP_REASONS[stopReason] : undefined) ?? 'other',
    latencyMs,
    ...(requestId === undefined ? {} : { requestId }),
  };
}

export function toAnthropicMessages(req: CompletionRequest): MessageParam[] {
  return req.messages.map((m) => ({ role: m.role, content: m.content }));
}

export function createAnthropicProvider(o: AnthropicProviderOptions): LlmProvider {
  const defaultTimeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new Anthropic({
    apiKey: o.apiKey,
    // null, not undefined: config.ts is the one reader of the environment, so the SDK
    // must not fall back to ANTHROPIC_BASE_URL itself.
    baseURL: o.baseURL ?? null,
    maxRetries: 0,
    timeout: defaultTimeoutMs,
  });

  return {
    name: 'anthropic',
    model: o.model,
    complete: (req, opts) =>
      runProviderCall<Message>({
        provider: 'anthropic',
        defaultTimeoutMs,
        options: opts,
        send: (signal, timeoutMs) =>
          client.messages.create(
            {
              model: o.model,
              max_tokens: req.maxTokens,
              messages: toAnthropicMessages(req),
              ...(req.system === '' ? {} : { system: req.system }),
              ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
            },
            { signal, timeout: timeoutMs, maxRetries: 0 },
          ),
        interpret: (raw, latencyMs) => interpretMessage(raw, o.model, latencyMs),
        describeError: describeAnthropicError,
      }),
  };
}
