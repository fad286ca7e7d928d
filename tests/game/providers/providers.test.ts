// Both adapters through their real SDKs against the fake servers: every fault kind ends
// as the right ProviderError (or a 'length' completion), and the SDK sends exactly one
// request per call — Temporal owns retries, so an SDK retry would multiply them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { MAX_RETRY_AFTER_MS } from '../../../game/providers/classify.ts';
import type { LlmProvider } from '../../../game/providers/types.ts';
import { DEFAULT_GAME_TITLE, fakeGameAnswer } from '../../../fakes/llmServers.ts';
import type { FakeLlmServer } from '../../../fakes/llmServers.ts';
import { harnesses, providerError, REQUEST } from './harness.ts';

describe.each(harnesses.map((h) => [h.name, h] as const))('%s provider', (_name, h) => {
  let server: FakeLlmServer;
  let provider: LlmProvider;

  beforeAll(async () => {
    server = await h.start();
    provider = h.create(server);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.clear());

  it('returns the default game answer with model, tokens, latency and request id', async () => {
    const done = await provider.complete(REQUEST);
    expect(done.text).toBe(fakeGameAnswer(DEFAULT_GAME_TITLE));
    expect(done.text).toMatch(/```html\n<!DOCTYPE html>[\s\S]*requestAnimationFrame[\s\S]*```/);
    expect(done.model).toBe(h.model);
    expect(done.stopReason).toBe('stop');
    expect(done.tokensIn).toBeGreaterThan(0);
    expect(done.tokensOut).toBeGreaterThan(0);
    expect(done.latencyMs).toBeGreaterThanOrEqual(0);
    expect(done.requestId).toMatch(h.wire.requestId);
    expect(provider).toMatchObject({ name: h.name, model: h.model });
    expect(server.requests).toHaveLength(1);
  });

  it('reports the model and token counts the API returned', async () => {
    server.script([{
      kind: 'ok', text: 'hello', model: `${h.model}-2025-01-01`, tokensIn: 321, tokensOut: 654, delayMs: 60,
    }]);
    const done = await provider.complete(REQUEST);
    expect(done).toMatchObject({
      text: 'hello', model: `${h.model}-2025-01-01`, tokensIn: 321, tokensOut: 654, stopReason: 'stop',
    });
    expect(done.latencyMs).toBeGreaterThanOrEqual(50);
  });

  it('sends one request with the key, the model, the limits and the conversation', async () => {
    await provider.complete(REQUEST);
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    const body = sent.body as Record<string, unknown>;
    expect(sent.method).toBe('POST');
    if (h.name === 'gemini') {
      // The model is in the path, the key in its own header, the limits in generationConfig.
      expect(sent.path).toBe(`/v1/models/${h.model}:generateContent`);
      expect(sent.headers['x-goog-api-key']).toBe(server.expectedApiKey);
      expect(body['generationConfig']).toEqual({ maxOutputTokens: 4000, temperature: 0.4 });
      expect(body['systemInstruction']).toMatchObject({ parts: [{ text: REQUEST.system }] });
      expect(body['contents']).toEqual(REQUEST.messages.map((m) => ({
        role: m.role === 'user' ? 'user' : 'model', parts: [{ text: m.content }],
      })));
      return;
    }
    expect(body['model']).toBe(h.model);
    expect(body['temperature']).toBe(0.4);
    expect(body['stream']).toBeFalsy();
    if (h.name === 'openai') {
      expect(sent.path).toBe('/v1/chat/completions');
      expect(sent.headers['authorization']).toBe(`Bearer ${server.expectedApiKey}`);
      expect(body['max_completion_tokens']).toBe(4000);
      expect(body['messages']).toEqual([{ role: 'system', content: REQUEST.system }, ...REQUEST.messages]);
    } else {
      expect(sent.path).toBe('/v1/messages');
      // SDK 1.x sends the API key as a Bearer token; older ones used x-api-key.
      const key = sent.headers['x-api-key'] ?? sent.headers['authorization']?.replace(/^Bearer /, '');
      expect(key).toBe(server.expectedApiKey);
      expect(sent.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(body['max_tokens']).toBe(4000);
      expect(body['system']).toBe(REQUEST.system);
      expect(body['messages']).toEqual(REQUEST.messages);
    }
    // The SDK's own retry machinery is off: no retry-count header beyond the first try.
    expect(sent.headers['x-stainless-retry-count'] ?? '0').toBe('0');
  });

  it.each([500, 502, 408, 409])('HTTP %i is retryable, after one request', async (status) => {
    server.script([{ kind: 'status', status }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ provider: h.name, errorClass: 'retryable', httpStatus: status });
    expect(err.retryAfterMs).toBeUndefined();
    expect(err.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.requests).toHaveLength(1);
  });

  it('the API\'s overloaded status is retryable', async () => {
    server.script([{ kind: 'status', status: h.overloadedStatus }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'retryable', httpStatus: h.overloadedStatus });
    expect(err.message).toMatch(/overloaded/i);
    expect(server.requests).toHaveLength(1);
  });

  it('429 with Retry-After: 2 is retryable after 2000 ms', async () => {
    server.script([{ kind: 'status', status: 429, headers: { 'retry-after': '2' } }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'retryable', httpStatus: 429, retryAfterMs: 2000 });
    expect(err.message).toMatch(h.wire.rateLimited);
    expect(server.requests).toHaveLength(1);
  });

  it('429 with an HTTP-date Retry-After waits until that date', async () => {
    const at = new Date(Date.now() + 5000).toUTCString();
    server.script([{ kind: 'status', status: 429, headers: { 'retry-after': at } }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err.errorClass).toBe('retryable');
    // HTTP dates have whole seconds: anything from 3 s to 5 s is that date.
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(3000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(5000);
    expect(server.requests).toHaveLength(1);
  });

  it('prefers retry-after-ms and caps long waits', async () => {
    server.script([
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '750', 'retry-after': '1' } },
      { kind: 'status', status: 503, headers: { 'retry-after': '3600' } },
    ]);
    expect((await providerError(provider.complete(REQUEST))).retryAfterMs).toBe(750);
    expect((await providerError(provider.complete(REQUEST))).retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
    expect(server.requests).toHaveLength(2);
  });

  it('a wrong API key gets the API\'s 401: non-retryable', async () => {
    const badKey = h.create(server, { apiKey: 'sk-wrong-key-1234' });
    const err = await providerError(badKey.complete(REQUEST));
    expect(err).toMatchObject({ provider: h.name, errorClass: 'non_retryable', httpStatus: h.wire.badKeyStatus });
    expect(err.message).toMatch(/api.key/i);
    if (h.wire.errorRequestId) expect(err.requestId).toMatch(h.wire.requestId);
    expect(server.requests).toHaveLength(1);
  });

  it.each([400, 403, 404, 422])('HTTP %i is non-retryable', async (status) => {
    server.script([{ kind: 'status', status }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'non_retryable', httpStatus: status });
    expect(server.requests).toHaveLength(1);
  });

  it('a prompt over the context window is context_too_long', async () => {
    server.script([{ kind: 'context_too_long' }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'context_too_long', httpStatus: 400 });
    expect(err.message).toMatch(h.wire.tooLong);
    expect(server.requests).toHaveLength(1);
  });

  it('a refusal is safety_refusal carrying the provider\'s reason', async () => {
    const reason = "I can't help with a game that depicts real-world violence against a named person.";
    server.script([{ kind: 'refusal', reason }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ provider: h.name, errorClass: 'safety_refusal', message: reason });
    expect(err.httpStatus).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('a cut-off answer is returned with stopReason length, not thrown', async () => {
    server.script([{ kind: 'truncated', text: '```html\n<!DOCTYPE html><html><body><canvas' }]);
    const done = await provider.complete(REQUEST);
    expect(done).toMatchObject({ stopReason: 'length', text: '```html\n<!DOCTYPE html><html><body><canvas' });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['invalid JSON under a JSON content type', { raw: '{"id": "x", "choices": [', contentType: undefined }],
    ['JSON without the expected fields', { raw: '{"id":"x","object":"something.else"}', contentType: undefined }],
    ['an HTML page', { raw: '<html><body>Bad gateway</body></html>', contentType: 'text/html' }],
    ['an empty JSON array', { raw: '[]', contentType: undefined }],
  ])('a 200 with %s is malformed', async (_what, o) => {
    server.script([{ kind: 'malformed', raw: o.raw, ...(o.contentType ? { contentType: o.contentType } : {}) }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ provider: h.name, errorClass: 'malformed' });
    expect(server.requests).toHaveLength(1);
  });

  it('a server that hangs past timeoutMs is retryable, and the call returns on time', async () => {
    server.script([{ kind: 'hang', ms: 5000 }]);
    const timeoutMs = 300;
    const started = Date.now();
    const err = await providerError(provider.complete(REQUEST, { timeoutMs }));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ errorClass: 'retryable' });
    expect(err.message).toMatch(/timed out after 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 20);
    expect(elapsed).toBeLessThan(timeoutMs + 700);
    expect(err.latencyMs).toBeGreaterThanOrEqual(timeoutMs - 20);
    expect(server.requests).toHaveLength(1);
  });

  it('the provider-wide timeout applies when the call sets none', async () => {
    const quick = h.create(server, { timeoutMs: 250 });
    server.script([{ kind: 'hang' }]);
    const started = Date.now();
    const err = await providerError(quick.complete(REQUEST));
    expect(err.errorClass).toBe('retryable');
    expect(Date.now() - started).toBeLessThan(250 + 700);
    expect(server.requests).toHaveLength(1);
  });

  it('a slow answer inside the deadline succeeds', async () => {
    server.script([{ kind: 'hang', ms: 150 }]);
    const done = await provider.complete(REQUEST, { timeoutMs: 3000 });
    expect(done.text).toBe(fakeGameAnswer(DEFAULT_GAME_TITLE));
    expect(done.latencyMs).toBeGreaterThanOrEqual(140);
  });

  it('a reset connection is retryable, after one request', async () => {
    server.script([{ kind: 'reset' }]);
    const err = await providerError(provider.complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'retryable' });
    expect(err.httpStatus).toBeUndefined();
    expect(err.message).toMatch(/connection failed/);
    expect(server.requests).toHaveLength(1);
    // And the next call on the same client is fine.
    await expect(provider.complete(REQUEST)).resolves.toMatchObject({ stopReason: 'stop' });
  });

  it('an AbortSignal cancels a call in flight: retryable', async () => {
    server.script([{ kind: 'hang' }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await providerError(provider.complete(REQUEST, { signal: controller.signal }));
    expect(err.errorClass).toBe('retryable');
    expect(err.message).toMatch(/aborted/);
    expect(Date.now() - started).toBeLessThan(100 + 700);
    expect(server.requests).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const err = await providerError(provider.complete(REQUEST, { signal: AbortSignal.abort() }));
    expect(err.errorClass).toBe('retryable');
    expect(server.requests).toHaveLength(0);
  });

  it('a refused connection (nothing listening) is retryable', async () => {
    const gone = await h.start();
    const orphan = h.create(gone);
    await gone.close();
    const err = await providerError(orphan.complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'retryable' });
    expect(err.message).toMatch(/ECONNREFUSED|connect/i);
  });
});
