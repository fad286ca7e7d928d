// Shapes only the Gemini API produces, through the real SDK (@google/genai) and its fake:
// a stopped candidate (output blocked) as a refusal, the rate limit's delay in the body's
// RetryInfo, thought parts left out of the answer, and the SDK kept off the environment.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { LlmProvider } from '../../../game/providers/types.ts';
import type { FakeLlmServer } from '../../../fakes/llmServers.ts';
import { harnesses, providerError, REQUEST } from './harness.ts';

const gemini = harnesses.find((h) => h.name === 'gemini')!;
let server: FakeLlmServer;
let provider: LlmProvider;

beforeAll(async () => {
  server = await gemini.start();
  provider = gemini.create(server);
});
afterAll(async () => server.close());
beforeEach(() => server.clear());

const answer = (candidate: Record<string, unknown>, usage: Record<string, number> = {}) => JSON.stringify({
  candidates: [{ index: 0, ...candidate }],
  usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 30, ...usage },
  modelVersion: 'gemini-2.5-flash', responseId: 'abc123',
});

describe('gemini specifics', () => {
  it.each(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII'])(
    'a candidate stopped with %s is a safety refusal, never routed around', async (finishReason) => {
      server.script([{ kind: 'malformed', raw: answer({ content: { role: 'model', parts: [] }, finishReason }) }]);
      const err = await providerError(provider.complete(REQUEST));
      expect(err).toMatchObject({ provider: 'gemini', errorClass: 'safety_refusal' });
      expect(err.message).toContain(finishReason);
    });

  it('a rate limit says when to come back in its RetryInfo, with no header', async () => {
    server.script([{ kind: 'status', status: 429, body: { error: {
      code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded for metric: generate_content_requests',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7.5s' },
      ],
    } } }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'retryable', httpStatus: 429, retryAfterMs: 7500 });
    expect(server.requests).toHaveLength(1);
  });

  it('a RetryInfo asking for minutes is capped like a Retry-After header', async () => {
    server.script([{ kind: 'status', status: 429, body: { error: {
      code: 429, status: 'RESOURCE_EXHAUSTED', message: 'slow down',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3600s' }],
    } } }]);
    expect((await providerError(provider.complete(REQUEST))).retryAfterMs).toBe(60_000);
  });

  it('thought parts are the model\'s notes, not its answer; their tokens are counted as output', async () => {
    server.script([{ kind: 'malformed', raw: answer({
      content: { role: 'model', parts: [{ text: 'planning the game…', thought: true }, { text: 'the game' }] },
      finishReason: 'STOP',
    }, { thoughtsTokenCount: 100 }) }]);
    const done = await provider.complete(REQUEST);
    expect(done).toMatchObject({ text: 'the game', tokensIn: 12, tokensOut: 130, stopReason: 'stop' });
  });

  it('a wrong key is the API\'s 400 API_KEY_INVALID: non-retryable', async () => {
    const err = await providerError(gemini.create(server, { apiKey: 'AIza-wrong' }).complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'non_retryable', httpStatus: 400 });
    expect(err.message).toMatch(/API key not valid/);
  });

  it('the SDK does not take its base URL or key from the environment', async () => {
    const saved = { url: process.env.GOOGLE_GEMINI_BASE_URL, key: process.env.GEMINI_API_KEY };
    process.env.GOOGLE_GEMINI_BASE_URL = 'http://127.0.0.1:9';
    process.env.GEMINI_API_KEY = 'AIza-from-the-environment';
    try {
      const fresh = gemini.create(server);
      await fresh.complete(REQUEST);
      expect(server.requests[0]!.headers['x-goog-api-key']).toBe(server.expectedApiKey);
    } finally {
      for (const [name, value] of [['GOOGLE_GEMINI_BASE_URL', saved.url], ['GEMINI_API_KEY', saved.key]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
