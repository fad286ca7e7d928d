// Fake OpenAI, Anthropic and Gemini HTTP servers for tests: the real SDKs are pointed at them by
// baseURL (there is no internet here). They speak each API's wire format, check the API
// key like the real thing (wrong key → 401), record every request, and answer with a
// script of FakeSteps that injects faults (status codes, refusals, hangs, resets, junk).
//
//   const openai = await startFakeOpenAI();
//   openai.script([{ kind: 'status', status: 429, headers: { 'retry-after': '2' } }]);
//   new OpenAI({ apiKey: openai.expectedApiKey, baseURL: openai.baseURL, maxRetries: 0 });
import { anthropicProtocol, FAKE_ANTHROPIC_KEY } from './anthropicWire.ts';
import { fakeGameAnswer } from './fakeGame.ts';
import { startFakeServer } from './fakeServer.ts';
import type { FakeLlmServer, FakeStep } from './fakeServer.ts';
import { FAKE_GEMINI_KEY, geminiProtocol } from './geminiWire.ts';
import { FAKE_OPENAI_KEY, openAIProtocol } from './openaiWire.ts';

export interface FakeServerOptions {
  /** The key the server accepts; anything else gets the API's 401. */
  expectedApiKey?: string;
  /** Answers when the script is empty; by default a small game in a ```html fence. */
  defaultStep?: FakeStep;
}

export const DEFAULT_GAME_TITLE = 'Coin Dash';

const defaultAnswer = (): FakeStep => ({ kind: 'ok', text: fakeGameAnswer(DEFAULT_GAME_TITLE) });

/** baseURL ends in /v1, as the OpenAI SDK expects (it appends /chat/completions). */
export function startFakeOpenAI(o: FakeServerOptions = {}): Promise<FakeLlmServer> {
  return startFakeServer({
    protocol: openAIProtocol,
    expectedApiKey: o.expectedApiKey ?? FAKE_OPENAI_KEY,
    defaultStep: o.defaultStep ?? defaultAnswer(),
    basePath: '/v1',
  });
}

/** baseURL is the bare origin, as the Anthropic SDK expects (it appends /v1/messages). */
export function startFakeAnthropic(o: FakeServerOptions = {}): Promise<FakeLlmServer> {
  return startFakeServer({
    protocol: anthropicProtocol,
    expectedApiKey: o.expectedApiKey ?? FAKE_ANTHROPIC_KEY,
    defaultStep: o.defaultStep ?? defaultAnswer(),
    basePath: '',
  });
}

/** baseURL is the bare origin, as the Gemini SDK expects (it appends /v1/models/…). */
export function startFakeGemini(o: FakeServerOptions = {}): Promise<FakeLlmServer> {
  return startFakeServer({
    protocol: geminiProtocol,
    expectedApiKey: o.expectedApiKey ?? FAKE_GEMINI_KEY,
    defaultStep: o.defaultStep ?? defaultAnswer(),
    basePath: '',
  });
}

export { fakeGameAnswer, fakeGameHtml } from './fakeGame.ts';
export { FAKE_GEMINI_KEY, FAKE_GEMINI_MODEL } from './geminiWire.ts';
export { FAKE_ANTHROPIC_KEY, FAKE_ANTHROPIC_MODEL } from './anthropicWire.ts';
export { FAKE_OPENAI_KEY, FAKE_OPENAI_MODEL } from './openaiWire.ts';
export type { FakeLlmServer, FakeStep, RecordedRequest } from './fakeServer.ts';
