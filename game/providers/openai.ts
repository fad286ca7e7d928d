// OpenAI Chat Completions through the official SDK. The SDK never retries here
// (maxRetries: 0): a failed call becomes one classified ProviderError and Temporal decides.
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { asCount, asRecord, asString, asText } from './bodyReaders.ts';
import { DEFAULT_TIMEOUT_MS, causeChain, runProviderCall } from './providerCall.ts';
import type { SdkFailure } from './providerCall.ts';
import { ProviderError } from './types.ts';
import type { Completion, CompletionRequest, LlmProvider } from './types.ts';

export interface OpenAIProviderOptions {
  apiKey: string;
  /** Ends in /v1 (the SDK appends /chat/completions); unset means api.openai.com. */
  baseURL?: string;
  model: string;
  timeoutMs?: number;
}

function describeOpenAIError(err: unknown): SdkFailure | undefined {
  // Order matters: both abort and connection errors are APIError subclasses without a status.
  if (err instanceof OpenAI.APIUserAbortError) return { kind: 'aborted' };
  if (err instanceof OpenAI.APIConnectionTimeoutError) return { kind: 'timeout' };
  if (err instanceof OpenAI.APIConnectionError) return { kind: 'connection', message: causeChain(err) };
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    // The SDK keeps only the `error` member of the body; put the envelope back.
    // instanceof on the generic class leaves these `any`; they are the SDK's documented types.
    const error = err.error as object | undefined;
    const headers = err.headers as Headers | undefined;
    return {
      kind: 'http',
      status: err.status,
      body: error === undefined ? err.message : { error },
      headers,
      requestId: err.requestID ?? undefined,
    };
  }
  return undefined;
}

/** Azure-style `content_filter_results` name the categories that tripped the filter. */
function filteredCategories(choice: Record<string, unknown>): string[] {
  const results = asRecord(choice['content_filter_results']);
  if (!results) return [];
  return Object.entries(results)
    .filter(([, v]) => asRecord(v)?.['filtered'] === true)
    .map(([k]) => k);
}

export function interpretChatCompletion(raw: unknown, fallbackModel: string, latencyMs: number): Completion {
  const malformed = (why: string) =>
    new ProviderError({ provider: 'openai', errorClass: 'malformed', message: `openai response ${why}`, latencyMs });
  const body = asRecord(raw);
  if (!body) throw malformed(typeof raw === 'string' ? 'is text, not a JSON object' : 'is not a JSON object');
  const choices = body['choices'];
  if (!Array.isArray(choices) || choices.length === 0) throw malformed('has no choices');
  const choice = asRecord(choices[0]);
  const message = asRecord(choice?.['message']);
  if (!choice || !message) throw malformed('has a choice without a message');

  const finishReason = choice['finish_reason'];
  const refusal = asText(message['refusal']);
  if (refusal !== undefined || finishReason === 'content_filter') {
    const categories = filteredCategories(choice);
    const reason =
      refusal ??
      "The response was blocked by the provider's content filter" +
        `${categories.length > 0 ? ` (${categories.join(', ')})` : ''}.`;
    throw new ProviderError({ provider: 'openai', errorClass: 'safety_refusal', message: reason, latencyMs });
  }

  const content = message['content'];
  // A length stop may come before any text at all; the caller repairs or retries.
  if (typeof content !== 'string' && !(finishReason === 'length' && content == null)) {
    throw malformed('has a message without text content');
  }
  const usage = asRecord(body['usage']);
  const requestId = asString((raw as { _request_id?: unknown })._request_id);
  return {
    text: typeof content === 'string' ? content : '',
    model: asString(body['model']) ?? fallbackModel,
    tokensIn: asCount(usage?.['prompt_tokens']),
    tokensOut: asCount(usage?.['completion_tokens']),
    stopReason: finishReason === 'stop' ? 'stop' : finishReason === 'length' ? 'length' : 'other',
    latencyMs,
    ...(requestId === undefined ? {} : { requestId }),
  };
}

export function toChatMessages(req: CompletionRequest): ChatCompletionMessageParam[] {
  const history: ChatCompletionMessageParam[] = req.messages.map((m) =>
    m.role === 'user' ? { role: 'user', content: m.content } : { role: 'assistant', content: m.content },
  );
  return req.system === '' ? history : [{ role: 'system', content: req.system }, ...history];
}

export function createOpenAIProvider(o: OpenAIProviderOptions): LlmProvider {
  const defaultTimeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new OpenAI({
    apiKey: o.apiKey,
    // null, not undefined: config.ts is the one reader of the environment, so the SDK
    // must not fall back to OPENAI_BASE_URL / OPENAI_ORG_ID / OPENAI_PROJECT_ID itself.
    baseURL: o.baseURL ?? null,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: defaultTimeoutMs,
  });

  return {
    name: 'openai',
    model: o.model,
    complete: (req, opts) =>
      runProviderCall<ChatCompletion>({
        provider: 'openai',
        defaultTimeoutMs,
        options: opts,
        send: (signal, timeoutMs) =>
          client.chat.completions.create(
            {
              model: o.model,
              messages: toChatMessages(req),
              // max_tokens is deprecated and rejected by reasoning models.
              max_completion_tokens: req.maxTokens,
              ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
            },
            { signal, timeout: timeoutMs, maxRetries: 0 },
          ),
        interpret: (raw, latencyMs) => interpretChatCompletion(raw, o.model, latencyMs),
        describeError: describeOpenAIError,
      }),
  };
}
