// How a 2xx body becomes a Completion (or a refusal / malformed error), for the shapes
// the fake servers do not produce by default: filters, partial refusals, odd stop reasons.
import { describe, expect, it } from '@jest/globals';
import { interpretMessage } from '../../../game/providers/anthropic.ts';
import { interpretChatCompletion } from '../../../game/providers/openai.ts';
import { ProviderError } from '../../../game/providers/types.ts';

function thrown(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

const chat = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4.1-mini-2025-04-14',
  choices: [{ index: 0, logprobs: null, ...choice }],
  usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  ...extra,
});

describe('interpretChatCompletion', () => {
  it('maps text, model, usage and finish reasons', () => {
    const done = interpretChatCompletion(
      chat({ message: { role: 'assistant', content: 'hi', refusal: null }, finish_reason: 'stop' }), 'm', 5);
    expect(done).toEqual({
      text: 'hi', model: 'gpt-4.1-mini-2025-04-14', tokensIn: 10, tokensOut: 20, stopReason: 'stop', latencyMs: 5,
    });
    const tool = interpretChatCompletion(
      chat({ message: { role: 'assistant', content: '', refusal: null }, finish_reason: 'tool_calls' }), 'm', 5);
    expect(tool.stopReason).toBe('other');
  });

  it('accepts a length stop with no text yet', () => {
    const done = interpretChatCompletion(
      chat({ message: { role: 'assistant', content: null, refusal: null }, finish_reason: 'length' }), 'm', 1);
    expect(done).toMatchObject({ text: '', stopReason: 'length' });
  });

  it('falls back to the configured model and zero tokens when the API leaves them out', () => {
    const body = { choices: [{ message: { content: 'x' }, finish_reason: 'stop' }] };
    expect(interpretChatCompletion(body, 'configured', 1))
      .toMatchObject({ model: 'configured', tokensIn: 0, tokensOut: 0 });
  });

  it('a content_filter stop is a safety refusal naming the filtered categories', () => {
    const err = thrown(() =>
      interpretChatCompletion(
        chat({
          message: { role: 'assistant', content: null },
          finish_reason: 'content_filter',
          content_filter_results: { hate: { filtered: false }, violence: { filtered: true, severity: 'high' } },
        }),
        'm',
        1,
      ),
    );
    expect(err).toMatchObject({ errorClass: 'safety_refusal', provider: 'openai' });
    expect(err.message).toBe("The response was blocked by the provider's content filter (violence).");
  });

  it('a refusal wins over any content', () => {
    const err = thrown(() =>
      interpretChatCompletion(chat({
        message: { role: 'assistant', content: 'partial', refusal: 'I cannot do that.' }, finish_reason: 'stop',
      }), 'm', 1),
    );
    expect(err).toMatchObject({ errorClass: 'safety_refusal', message: 'I cannot do that.' });
  });

  it.each([
    ['a string', 'upstream error'],
    ['no choices', { id: 'x' }],
    ['empty choices', chat({}, { choices: [] })],
    ['a choice without message', chat({ finish_reason: 'stop' })],
    ['a message without content',
      chat({ message: { role: 'assistant', content: null, refusal: null }, finish_reason: 'stop' })],
  ])('%s is malformed', (_label, body) => {
    expect(thrown(() => interpretChatCompletion(body, 'm', 1)).errorClass).toBe('malformed');
  });
});

const msg = (extra: Record<string, unknown>) => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 7, output_tokens: 9 },
  ...extra,
});

describe('interpretMessage', () => {
  it('maps text blocks, model, usage and stop reasons', () => {
    expect(interpretMessage(msg({}), 'm', 3)).toEqual({
      text: 'hello', model: 'claude-sonnet-4-5-20250929', tokensIn: 7, tokensOut: 9, stopReason: 'stop', latencyMs: 3,
    });
    const blocks = [{ type: 'thinking', thinking: '…' }, { type: 'text', text: 'a' }, { type: 'text', text: 'b' }];
    expect(interpretMessage(msg({ content: blocks }), 'm', 1).text).toBe('ab');
    expect(interpretMessage(msg({ stop_reason: 'stop_sequence' }), 'm', 1).stopReason).toBe('stop');
    expect(interpretMessage(msg({ stop_reason: 'max_tokens' }), 'm', 1).stopReason).toBe('length');
    expect(interpretMessage(msg({ stop_reason: 'model_context_window_exceeded' }), 'm', 1).stopReason).toBe('length');
    expect(interpretMessage(msg({ stop_reason: 'tool_use' }), 'm', 1).stopReason).toBe('other');
  });

  it('accepts a max_tokens stop with no text block yet', () => {
    expect(interpretMessage(msg({ content: [], stop_reason: 'max_tokens' }), 'm', 1))
      .toMatchObject({ text: '', stopReason: 'length' });
  });

  it('a refusal carries the explanation, else the text, else the category', () => {
    const details = { type: 'refusal', category: 'cyber', explanation: 'This looks like malware.' };
    expect(thrown(() => interpretMessage(msg({ stop_reason: 'refusal', stop_details: details }), 'm', 1)).message)
      .toBe('This looks like malware.');
    const textOnly = msg({
      stop_reason: 'refusal', stop_details: null, content: [{ type: 'text', text: "I can't help with that." }],
    });
    expect(thrown(() => interpretMessage(textOnly, 'm', 1)).message).toBe("I can't help with that.");
    const bare = msg({
      stop_reason: 'refusal', stop_details: { type: 'refusal', category: 'bio', explanation: null }, content: [],
    });
    const err = thrown(() => interpretMessage(bare, 'm', 1));
    expect(err).toMatchObject({ errorClass: 'safety_refusal', message: 'The model declined the request (bio).' });
  });

  it.each([
    ['a string', 'upstream error'],
    ['another object type', { type: 'error', error: { type: 'api_error', message: 'x' } }],
    ['no content array', msg({ content: undefined })],
    ['no text block', msg({ content: [{ type: 'tool_use', id: 't', name: 'x', input: {} }] })],
  ])('%s is malformed', (_label, body) => {
    expect(thrown(() => interpretMessage(body, 'm', 1)).errorClass).toBe('malformed');
  });
});
