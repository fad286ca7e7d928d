// Builds the configured provider chain. The order is LLM_PROVIDERS' order; a provider
// without an API key is left out (and said so), never called to fail with 401 each job.
// 'offline' is the lead's engine: kept in the order, built elsewhere.
import { createAnthropicProvider } from './anthropic.ts';
import { createGeminiProvider } from './gemini.ts';
import { createOpenAIProvider } from './openai.ts';
import type { LlmProvider, ProviderName } from './types.ts';

export type ChainEntry = ProviderName | 'offline';

export interface ProvidersConfig {
  LLM_PROVIDERS: ChainEntry[];
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL: string;
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_BASE_URL?: string;
  ANTHROPIC_MODEL: string;
  GEMINI_API_KEY?: string;
  GEMINI_BASE_URL?: string;
  GEMINI_MODEL: string;
}

export interface ProviderChain {
  /** LLM_PROVIDERS without duplicates and without the skipped providers. */
  order: ChainEntry[];
  providers: Partial<Record<ProviderName, LlmProvider>>;
  skipped: { name: string; reason: string }[];
}

const KEY_VARIABLE = {
  openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', gemini: 'GEMINI_API_KEY',
} as const satisfies Record<ProviderName, keyof ProvidersConfig>;

export function createProviders(cfg: ProvidersConfig, opts: { timeoutMs?: number } = {}): ProviderChain {
  const chain: ProviderChain = { order: [], providers: {}, skipped: [] };
  const timeout = opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs };
  const baseURL = (url: string | undefined) => (url === undefined || url === '' ? {} : { baseURL: url });
  const build: Record<ProviderName, (apiKey: string) => LlmProvider> = {
    openai: (apiKey) => createOpenAIProvider({
      apiKey, model: cfg.OPENAI_MODEL, ...baseURL(cfg.OPENAI_BASE_URL), ...timeout,
    }),
    anthropic: (apiKey) => createAnthropicProvider({
      apiKey, model: cfg.ANTHROPIC_MODEL, ...baseURL(cfg.ANTHROPIC_BASE_URL), ...timeout,
    }),
    gemini: (apiKey) => createGeminiProvider({
      apiKey, model: cfg.GEMINI_MODEL, ...baseURL(cfg.GEMINI_BASE_URL), ...timeout,
    }),
  };

  for (const name of cfg.LLM_PROVIDERS) {
    if (chain.order.includes(name)) continue;
    if (name === 'offline') {
      chain.order.push(name);
      continue;
    }
    const apiKey = cfg[KEY_VARIABLE[name]];
    if (apiKey === undefined || apiKey.trim() === '') {
      chain.skipped.push({ name, reason: `${KEY_VARIABLE[name]} is not set` });
      continue;
    }
    chain.providers[name] = build[name](apiKey);
    chain.order.push(name);
  }
  return chain;
}

export { classifyHttpError, parseRetryAfterMs, MAX_RETRY_AFTER_MS } from './classify.ts';
export { DEFAULT_TIMEOUT_MS } from './providerCall.ts';
export { createAnthropicProvider } from './anthropic.ts';
export { createOpenAIProvider } from './openai.ts';
export { createGeminiProvider } from './gemini.ts';
export { ProviderError, isProviderError } from './types.ts';
export type { Completion, CompletionRequest, CompleteOptions, ErrorClass, LlmProvider, ProviderName } from './types.ts';
