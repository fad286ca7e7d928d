// Google's Gemini API (generateContent) through its official SDK, @google/genai. As for the
// others: one call, one classified outcome, never a retry of the SDK's own (it retries only
// when given retryOptions, which are never given). The SDK would read GEMINI_API_KEY and
// GOOGLE_GEMINI_BASE_URL from the environment itself; the key and the base URL are always
// passed, so config.ts stays the one reader of the environment.
import { ApiError, GoogleGenAI, type Content, type GenerateContentResponse } from '@google/genai';
import { asCount, asRecord, asString, asText } from './bodyReaders.ts';
import { DEFAULT_TIMEOUT_MS, causeChain, runProviderCall } from './providerCall.ts';
import type { SdkFailure } from './providerCall.ts';
import { ProviderError } from './types.ts';
import type { Completion, CompletionRequest, LlmProvider } from './types.ts';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

export interface GeminiProviderOptions {
  apiKey: string;
  /** The origin (the SDK appends /v1/models/…); unset means Google's. */
  baseURL?: string;
  model: string;
  timeoutMs?: number;
}

/** Finish reasons that mean the output was blocked, as a refusal would. */
const BLOCKED = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'IMAGE_SAFETY']);

function describeGeminiError(err: unknown, headers: Headers | undefined): SdkFailure | undefined {
  if (err instanceof ApiError) {
    // The SDK keeps the whole error body as the message, JSON-encoded.
    let body: unknown = err.message;
    try {
      body = JSON.parse(err.message);
    } catch {
      // Not JSON: the text is the message.
    }
    return { kind: 'http', status: err.status, body, headers };
  }
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') return { kind: 'timeout' };
  if (name === 'AbortError') return { kind: 'aborted' };
  // fetch's own failure, by shape (it comes from Node's realm, not always the caller's); in some
  // builds the SDK rewraps it as "exception TypeError: fetch failed sending request".
  const message = (err as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && /^(?:exception TypeError: )?fetch failed/.test(message)) {
    return { kind: 'connection', message: causeChain(err) };
  }
  return undefined;
}

export function interpretGenerateContent(raw: unknown, fallbackModel: string, latencyMs: number): Completion {
  const malformed = (why: string) =>
    new ProviderError({ provider: 'gemini', errorClass: 'malformed', message: `gemini response ${why}`, latencyMs });
  const body = asRecord(raw);
  if (!body) throw malformed(typeof raw === 'string' ? 'is text, not a JSON object' : 'is not a JSON object');
  const refused = (message: string) =>
    new ProviderError({ provider: 'gemini', errorClass: 'safety_refusal', message, latencyMs });

  // The prompt itself was blocked: no candidates at all.
  const feedback = asRecord(body['promptFeedback']);
  const blockReason = asString(feedback?.['blockReason']);
  if (blockReason !== undefined) {
    throw refused(asText(feedback?.['blockReasonMessage']) ?? `The prompt was blocked (${blockReason}).`);
  }
  const candidates = Array.isArray(body['candidates']) ? (body['candidates'] as unknown[]) : [];
  const candidate = asRecord(candidates[0]);
  if (!candidate) throw malformed('has no candidates');
  const finishReason = asString(candidate['finishReason']);
  if (finishReason !== undefined && BLOCKED.has(finishReason)) {
    throw refused(asText(candidate['finishMessage']) ?? `The response was blocked by the model (${finishReason}).`);
  }
  const parts = asRecord(candidate['content'])?.['parts'];
  const texts = (Array.isArray(parts) ? parts : [])
    .map((p) => asRecord(p))
    // Thought summaries are the model's notes, not its answer.
    .filter((p) => typeof p?.['text'] === 'string' && p['thought'] !== true)
    .map((p) => p!['text'] as string);
  if (texts.length === 0 && finishReason !== 'MAX_TOKENS') throw malformed('has a candidate without text');
  const usage = asRecord(body['usageMetadata']);
  const requestId = asString(body['responseId']);
  return {
    text: texts.join(''),
    model: asString(body['modelVersion']) ?? fallbackModel,
    tokensIn: asCount(usage?.['promptTokenCount']),
    tokensOut: asCount(usage?.['candidatesTokenCount']) + asCount(usage?.['thoughtsTokenCount']),
    stopReason: finishReason === 'STOP' ? 'stop' : finishReason === 'MAX_TOKENS' ? 'length' : 'other',
    latencyMs,
    ...(requestId === undefined ? {} : { requestId }),
  };
}

export function toGeminiContents(req: CompletionRequest): Content[] {
  return req.messages.map((m) => ({ role: m.role === 'user' ? 'user' : 'model', parts: [{ text: m.content }] }));
}

export function createGeminiProvider(o: GeminiProviderOptions): LlmProvider {
  const defaultTimeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new GoogleGenAI({
    apiKey: o.apiKey, vertexai: false,
    httpOptions: { baseUrl: o.baseURL ?? GEMINI_DEFAULT_BASE_URL, timeout: defaultTimeoutMs },
  });

  return {
    name: 'gemini',
    model: o.model,
    complete: (req, opts) => {
      // The SDK keeps no headers on its errors: a fetch of our own keeps those of the answer.
      let headers: Headers | undefined;
      const keepingHeaders: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        headers = res.headers;
        return res;
      };
      return runProviderCall<GenerateContentResponse>({
        provider: 'gemini',
        defaultTimeoutMs,
        options: opts,
        send: (signal, timeoutMs) =>
          client.models.generateContent({
            model: o.model,
            contents: toGeminiContents(req),
            config: {
              ...(req.system === '' ? {} : { systemInstruction: req.system }),
              maxOutputTokens: req.maxTokens,
              ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
              abortSignal: signal,
              httpOptions: { timeout: timeoutMs, fetch: keepingHeaders },
            },
          }),
        interpret: (raw, latencyMs) => interpretGenerateContent(raw, o.model, latencyMs),
        describeError: (err) => describeGeminiError(err, headers),
      });
    },
  };
}
