// Shapes only one of the APIs produces, still through the real SDKs and the fakes:
// OpenAI's content filter, message-only context errors and quota 429s; Anthropic's 413
// and text-only refusals; and error pages that are not JSON at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { LlmProvider } from '../../../game/providers/types.ts';
import type { FakeLlmServer } from '../../../fakes/llmServers.ts';
import { harnesses, providerError, REQUEST } from './harness.ts';

const [openaiHarness, anthropicHarness] = harnesses as [(typeof harnesses)[0], (typeof harnesses)[0]];

function useFake(h: typeof openaiHarness): { server: () => FakeLlmServer; provider: () => LlmProvider } {
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
  return { server: () => server, provider: () => provider };
}

describe('openai specifics', () => {
  const fake = useFake(openaiHarness);

  it('finish_reason content_filter is a safety refusal', async () => {
    const body = {
      id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4.1-mini',
      choices: [{
        index: 0, message: { role: 'assistant', content: null, refusal: null }, logprobs: null,
        finish_reason: 'content_filter',
      }],
      usage: { prompt_tokens: 5, completion_tokens: 0, total_tokens: 5 },
    };
    fake.server().script([{ kind: 'malformed', raw: JSON.stringify(body) }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'safety_refusal' });
    expect(err.message).toMatch(/content filter/);
  });

  it('a context error with only the message (no code) is context_too_long', async () => {
    const body = {
      error: {
        message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens. " +
          'Please reduce your prompt.',
        type: 'invalid_request_error', param: null, code: null,
      },
    };
    fake.server().script([{ kind: 'status', status: 400, body }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'context_too_long', httpStatus: 400 });
  });

  it('429 insufficient_quota is non-retryable (waiting does not add credit)', async () => {
    const body = {
      error: {
        message: 'You exceeded your current quota, please check your plan and billing details.',
        type: 'insufficient_quota', param: null, code: 'insufficient_quota',
      },
    };
    fake.server().script([{ kind: 'status', status: 429, body }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'non_retryable', httpStatus: 429 });
    expect(err.message).toMatch(/quota/);
  });

  it('the request id of a failed call is kept', async () => {
    fake.server().script([{ kind: 'status', status: 500, headers: { 'x-request-id': 'req_fixed_123' } }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err.requestId).toBe('req_fixed_123');
  });
});

describe('anthropic specifics', () => {
  const fake = useFake(anthropicHarness);

  it('413 request_too_large is context_too_long', async () => {
    fake.server().script([{ kind: 'status', status: 413 }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'context_too_long', httpStatus: 413 });
  });

  it('a refusal whose reason is only in the text is still carried', async () => {
    const body = {
      id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: "I won't make a game that targets a real person." }],
      stop_reason: 'refusal', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 12 },
    };
    fake.server().script([{ kind: 'malformed', raw: JSON.stringify(body) }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err).toMatchObject({
      errorClass: 'safety_refusal', message: "I won't make a game that targets a real person.",
    });
  });

  it('a 200 error object (not a message) is malformed', async () => {
    fake.server().script([{
      kind: 'malformed', raw: JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'x' } }),
    }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err.errorClass).toBe('malformed');
  });
});

describe.each(harnesses.map((h) => [h.name, h] as const))('%s: SDK retry hints are ignored', (_name, h) => {
  const fake = useFake(h);

  it('x-should-retry: true on a 500 still means one request', async () => {
    fake.server().script([{ kind: 'status', status: 500, headers: { 'x-should-retry': 'true' } }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err.errorClass).toBe('retryable');
    expect(fake.server().requests).toHaveLength(1);
  });

  it('a 502 HTML page from a proxy is retryable and its text stays short', async () => {
    const page = `<html><head><title>502 Bad Gateway</title></head><body>${'<p>nginx</p>'.repeat(200)}</body></html>`;
    fake.server().script([{ kind: 'status', status: 502, body: page, headers: { 'content-type': 'text/html' } }]);
    const err = await providerError(fake.provider().complete(REQUEST));
    expect(err).toMatchObject({ errorClass: 'retryable', httpStatus: 502 });
    expect(err.message).toMatch(/502 Bad Gateway/);
    expect(err.message.length).toBeLessThan(700);
    expect(fake.server().requests).toHaveLength(1);
  });
});
