// The fakes themselves, spoken to with plain fetch: each API's auth and error formats,
// the response objects, request recording, scripting, clean close with requests hanging,
// and the default answer's game actually running.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { runGame } from '../../templates/fake-dom.ts';
import { gameScripts } from '../../templates/helpers.ts';
import {
  DEFAULT_GAME_TITLE,
  fakeGameAnswer,
  fakeGameHtml,
  startFakeAnthropic,
  startFakeOpenAI,
} from '../../../fakes/llmServers.ts';
import type { FakeLlmServer } from '../../../fakes/llmServers.ts';

async function post(
  url: string, headers: Record<string, string>, body: unknown,
): Promise<{ status: number; headers: Headers; json: ReturnType<typeof JSON.parse> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) };
}

const chatBody = { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] };
const messagesBody = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

describe('fake OpenAI', () => {
  let s: FakeLlmServer;
  let url: string;
  const auth = () => ({ authorization: `Bearer ${s.expectedApiKey}` });
  beforeAll(async () => {
    s = await startFakeOpenAI();
    url = `${s.baseURL}/chat/completions`;
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(() => s.clear());

  it('answers a chat.completion object with the default game and records the request', async () => {
    const r = await post(url, auth(), chatBody);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(r.json).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4.1-mini',
      choices: [{
        index: 0,
        message: { role: 'assistant', content: fakeGameAnswer(DEFAULT_GAME_TITLE), refusal: null },
        finish_reason: 'stop',
      }],
      usage: {
        prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number),
      },
    });
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: chatBody });
    expect(s.requests[0]!.headers['authorization']).toBe(`Bearer ${s.expectedApiKey}`);
    expect(s.requests[0]!.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('rejects a missing or wrong key with the API\'s 401 body, never echoing the key', async () => {
    const missing = await post(url, {}, chatBody);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      error: {
        message: expect.stringMatching(/didn't provide an API key/),
        type: 'invalid_request_error', param: null, code: null,
      },
    });
    const wrong = await post(url, { authorization: 'Bearer sk-proj-abcdefghijklmnop9999' }, chatBody);
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('invalid_api_key');
    expect(wrong.json.error.message).toContain('sk-proj-****9999');
    expect(wrong.json.error.message).not.toContain('abcdefghijklmnop');
    expect(s.requests).toHaveLength(2);
  });

  it('rejects unknown paths, bad JSON and missing fields like the API', async () => {
    const res = await fetch(`${s.baseURL}/models`, { headers: auth() });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { message: 'Invalid URL (GET /v1/models)' } });
    expect((await post(url, auth(), '{nope')).json.error.message).toMatch(/could not parse the JSON body/);
    expect((await post(url, auth(), { model: 'x' })).json.error.code).toBe('missing_required_parameter');
  });

  it('plays a script in order, then the default; setDefault and clear', async () => {
    s.script([{ kind: 'status', status: 503 }, { kind: 'truncated', text: 'cut' }]);
    s.setDefault({ kind: 'ok', text: 'plain' });
    expect((await post(url, auth(), chatBody)).status).toBe(503);
    expect((await post(url, auth(), chatBody)).json.choices[0])
      .toMatchObject({ finish_reason: 'length', message: { content: 'cut' } });
    expect((await post(url, auth(), chatBody)).json.choices[0].message.content).toBe('plain');
    s.clear();
    expect(s.requests).toEqual([]);
    expect((await post(url, auth(), chatBody)).json.choices[0].message.content)
      .toBe(fakeGameAnswer(DEFAULT_GAME_TITLE));
  });

  it('a refusal is a 200 with message.refusal and no content', async () => {
    s.script([{ kind: 'refusal', reason: 'No.' }]);
    const r = await post(url, auth(), chatBody);
    expect(r.json.choices[0].message).toEqual({ role: 'assistant', content: null, refusal: 'No.', annotations: [] });
  });
});

describe('fake Anthropic', () => {
  let s: FakeLlmServer;
  let url: string;
  const auth = () => ({ 'x-api-key': s.expectedApiKey, 'anthropic-version': '2023-06-01' });
  beforeAll(async () => {
    s = await startFakeAnthropic();
    url = `${s.baseURL}/v1/messages`;
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(() => s.clear());

  it('answers a message object, by x-api-key or Bearer key', async () => {
    const r = await post(url, auth(), messagesBody);
    expect(r.status).toBe(200);
    expect(r.headers.get('request-id')).toMatch(/^req_011C/);
    expect(r.json).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: fakeGameAnswer(DEFAULT_GAME_TITLE) }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
    const bearer = await post(url, {
      authorization: `Bearer ${s.expectedApiKey}`, 'anthropic-version': '2023-06-01',
    }, messagesBody);
    expect(bearer.status).toBe(200);
    expect(s.requests.map((r) => r.headers['anthropic-version'])).toEqual(['2023-06-01', '2023-06-01']);
  });

  it('answers errors in the API\'s format with the request id', async () => {
    const wrong = await post(url, { 'x-api-key': 'nope', 'anthropic-version': '2023-06-01' }, messagesBody);
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({
      type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' },
      request_id: wrong.headers.get('request-id'),
    });
    const noVersion = await post(url, { 'x-api-key': s.expectedApiKey }, messagesBody);
    expect(noVersion.json.error)
      .toEqual({ type: 'invalid_request_error', message: 'anthropic-version: header is required' });
    const noMax = await post(url, auth(), { ...messagesBody, max_tokens: undefined });
    expect(noMax.json.error.message).toBe('max_tokens: Field required');
    s.script([{ kind: 'status', status: 529 }]);
    expect((await post(url, auth(), messagesBody)).json.error)
      .toEqual({ type: 'overloaded_error', message: 'Overloaded' });
  });

  it('truncated and refusal steps set stop_reason (and stop_details)', async () => {
    s.script([{ kind: 'truncated', text: 'cut' }, { kind: 'refusal', reason: 'No.' }]);
    expect((await post(url, auth(), messagesBody)).json)
      .toMatchObject({ stop_reason: 'max_tokens', content: [{ type: 'text', text: 'cut' }] });
    expect((await post(url, auth(), messagesBody)).json).toMatchObject({
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', explanation: 'No.' },
    });
  });
});

describe('closing', () => {
  it('close() ends at once with a request hanging forever and a delayed answer pending', async () => {
    const s = await startFakeOpenAI();
    s.script([{ kind: 'hang' }, { kind: 'ok', text: 'late', delayMs: 60_000 }]);
    const headers = { authorization: `Bearer ${s.expectedApiKey}`, 'content-type': 'application/json' };
    const init = { method: 'POST', headers, body: JSON.stringify(chatBody) };
    const hanging = fetch(`${s.baseURL}/chat/completions`, init).then(() => 'answered', () => 'failed');
    const delayed = fetch(`${s.baseURL}/chat/completions`, init).then(() => 'answered', () => 'failed');
    for (let i = 0; i < 100 && s.requests.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(s.requests).toHaveLength(2);
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hanging).toBe('failed');
    expect(await delayed).toBe('failed');
  });
});

describe('fakeGameHtml', () => {
  it('is a page whose game runs a frame loop, draws its title and takes keys', () => {
    const html = fakeGameHtml('Star Hopper');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/fetch\(|XMLHttpRequest|WebSocket|localStorage|sessionStorage|indexedDB|<script[^>]+src=/);
    const game = runGame(gameScripts(html).join('\n'), {});
    expect(game.documentTitle()).toBe('Star Hopper');
    game.step(1, 16);
    expect(game.frameTexts()).toContain('Star Hopper  Score: 0/10');
    const keys = ['ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowDown', 'KeyA', 'KeyW', 'KeyD', 'KeyS'];
    for (let i = 0; i < 600; i++) {
      const key = keys[i % keys.length]!;
      if (i % 20 === 0) game.keyDown(key);
      if (i % 20 === 15) game.keyUp(key);
      game.step(1, 16);
    }
    expect(game.pendingFrames()).toBe(1);
    expect(game.problems).toEqual([]);
  });

  it('escapes the title for HTML and for the script', () => {
    const title = '</script><img src=x onerror=alert(1)> "Q&A"';
    const html = fakeGameHtml(title);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;Q&amp;A&quot;</title>');
    const game = runGame(gameScripts(html).join('\n'), {});
    expect(game.documentTitle()).toBe(title);
  });
});
