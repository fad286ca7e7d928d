// One description per provider so the same fault scenarios run through every real SDK
// against their fake servers.
import { expect } from '@jest/globals';
import { createAnthropicProvider } from '../../../game/providers/anthropic.ts';
import { createGeminiProvider } from '../../../game/providers/gemini.ts';
import { createOpenAIProvider } from '../../../game/providers/openai.ts';
import { ProviderError } from '../../../game/providers/types.ts';
import type { CompletionRequest, LlmProvider, ProviderName } from '../../../game/providers/types.ts';
import {
  FAKE_ANTHROPIC_MODEL,
  FAKE_GEMINI_MODEL,
  FAKE_OPENAI_MODEL,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAI,
} from '../../../fakes/llmServers.ts';
import type { FakeLlmServer } from '../../../fakes/llmServers.ts';

export interface ProviderHarness {
  name: ProviderName;
  model: string;
  start(): Promise<FakeLlmServer>;
  create(server: FakeLlmServer, o?: { apiKey?: string; timeoutMs?: number }): LlmProvider;
  /** A status the API uses for "overloaded" (OpenAI 503, Anthropic 529). */
  overloadedStatus: number;
  /** How this API says things: its request ids (none on Gemini's errors), the status of a
   *  wrong key (Gemini answers 400 API_KEY_INVALID), its rate-limit and context texts. */
  wire: { requestId: RegExp; errorRequestId: boolean; badKeyStatus: number; rateLimited: RegExp; tooLong: RegExp };
}

/** Generous: only the timeout tests should ever come near a deadline. */
const TEST_TIMEOUT_MS = 10_000;

export const harnesses: ProviderHarness[] = [
  {
    name: 'openai',
    model: FAKE_OPENAI_MODEL,
    start: () => startFakeOpenAI(),
    create: (server, o = {}) =>
      createOpenAIProvider({
        apiKey: o.apiKey ?? server.expectedApiKey,
        baseURL: server.baseURL,
        model: FAKE_OPENAI_MODEL,
        timeoutMs: o.timeoutMs ?? TEST_TIMEOUT_MS,
      }),
    overloadedStatus: 503,
    wire: {
      requestId: /^req_/, errorRequestId: true, badKeyStatus: 401, rateLimited: /rate limit/i,
      tooLong: /maximum context length/,
    },
  },
  {
    name: 'anthropic',
    model: FAKE_ANTHROPIC_MODEL,
    start: () => startFakeAnthropic(),
    create: (server, o = {}) =>
      createAnthropicProvider({
        apiKey: o.apiKey ?? server.expectedApiKey,
        baseURL: server.baseURL,
        model: FAKE_ANTHROPIC_MODEL,
        timeoutMs: o.timeoutMs ?? TEST_TIMEOUT_MS,
      }),
    overloadedStatus: 529,
    wire: {
      requestId: /^req_/, errorRequestId: true, badKeyStatus: 401, rateLimited: /rate limit/i,
      tooLong: /prompt is too long/,
    },
  },
  {
    name: 'gemini',
    model: FAKE_GEMINI_MODEL,
    start: () => startFakeGemini(),
    create: (server, o = {}) =>
      createGeminiProvider({
        apiKey: o.apiKey ?? server.expectedApiKey,
        baseURL: server.baseURL,
        model: FAKE_GEMINI_MODEL,
        timeoutMs: o.timeoutMs ?? TEST_TIMEOUT_MS,
      }),
    overloadedStatus: 503,
    wire: {
      requestId: /^fake-\w+$/, errorRequestId: false, badKeyStatus: 400, rateLimited: /RESOURCE_EXHAUSTED.*quota/,
      tooLong: /exceeds the maximum number of tokens/,
    },
  },
];

export const REQUEST: CompletionRequest = {
  system: 'You write small, safe HTML5 canvas games. Answer with one ```html block.',
  messages: [{ role: 'user', content: 'a blue platformer where I jump to a golden coin' }],
  maxTokens: 4000,
  temperature: 0.4,
};

/** Awaits a call that must fail and returns its ProviderError. */
export async function providerError(call: Promise<unknown>): Promise<ProviderError> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the call to fail with a ProviderError');
}
