// The chain built from configuration: LLM_PROVIDERS order, providers without a key left
// out with a reason, 'offline' kept for the lead's engine, base URL and model wired in.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createProviders } from '../../../game/providers/index.ts';
import type { ProvidersConfig } from '../../../game/providers/index.ts';
import { FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, startFakeAnthropic, startFakeOpenAI } from '../../../fakes/llmServers.ts';
import type { FakeLlmServer } from '../../../fakes/llmServers.ts';
import { REQUEST } from './harness.ts';

const base: ProvidersConfig = {
  LLM_PROVIDERS: ['openai', 'anthropic', 'offline'],
  OPENAI_MODEL: 'gpt-4.1-mini',
  ANTHROPIC_MODEL: 'claude-sonnet-4-5',
  GEMINI_MODEL: 'gemini-2.5-flash',
};

describe('createProviders', () => {
  it('with no keys, keeps only offline and says why the others are out', () => {
    const chain = createProviders(base);
    expect(chain.order).toEqual(['offline']);
    expect(chain.providers).toEqual({});
    expect(chain.skipped).toEqual([
      { name: 'openai', reason: 'OPENAI_API_KEY is not set' },
      { name: 'anthropic', reason: 'ANTHROPIC_API_KEY is not set' },
    ]);
  });

  it('keeps the configured order, whatever it is', () => {
    const chain = createProviders({
      ...base,
      LLM_PROVIDERS: ['anthropic', 'offline', 'openai'],
      OPENAI_API_KEY: 'k1',
      ANTHROPIC_API_KEY: 'k2',
    });
    expect(chain.order).toEqual(['anthropic', 'offline', 'openai']);
    expect(chain.skipped).toEqual([]);
    expect(chain.providers.openai).toMatchObject({ name: 'openai', model: 'gpt-4.1-mini' });
    expect(chain.providers.anthropic).toMatchObject({ name: 'anthropic', model: 'claude-sonnet-4-5' });
  });

  it('skips only the provider without a key (a blank key counts as none)', () => {
    const chain = createProviders({ ...base, OPENAI_API_KEY: '  ', ANTHROPIC_API_KEY: 'k2' });
    expect(chain.order).toEqual(['anthropic', 'offline']);
    expect(Object.keys(chain.providers)).toEqual(['anthropic']);
    expect(chain.skipped).toEqual([{ name: 'openai', reason: 'OPENAI_API_KEY is not set' }]);
  });

  it('builds only what LLM_PROVIDERS names, once each', () => {
    const chain = createProviders({
      ...base, LLM_PROVIDERS: ['openai', 'openai'], OPENAI_API_KEY: 'k1', ANTHROPIC_API_KEY: 'k2',
    });
    expect(chain.order).toEqual(['openai']);
    expect(Object.keys(chain.providers)).toEqual(['openai']);
  });

  describe('against the fake servers', () => {
    let openai: FakeLlmServer;
    let anthropic: FakeLlmServer;
    beforeAll(async () => {
      openai = await startFakeOpenAI();
      anthropic = await startFakeAnthropic();
    });
    afterAll(async () => {
      await openai.close();
      await anthropic.close();
    });

    it('passes each provider its base URL, key and model', async () => {
      const chain = createProviders(
        {
          ...base,
          OPENAI_API_KEY: FAKE_OPENAI_KEY,
          OPENAI_BASE_URL: openai.baseURL,
          OPENAI_MODEL: 'gpt-test-model',
          ANTHROPIC_API_KEY: FAKE_ANTHROPIC_KEY,
          ANTHROPIC_BASE_URL: anthropic.baseURL,
          ANTHROPIC_MODEL: 'claude-test-model',
        },
        { timeoutMs: 5000 },
      );
      await expect(chain.providers.openai!.complete(REQUEST))
        .resolves.toMatchObject({ model: 'gpt-test-model', stopReason: 'stop' });
      await expect(chain.providers.anthropic!.complete(REQUEST))
        .resolves.toMatchObject({ model: 'claude-test-model', stopReason: 'stop' });
      expect(openai.requests.map((r) => (r.body as { model: string }).model)).toEqual(['gpt-test-model']);
      expect(anthropic.requests.map((r) => (r.body as { model: string }).model)).toEqual(['claude-test-model']);
    });
  });
});
