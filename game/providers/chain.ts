// providerChain: which providers this worker tries, in order (LLM_PROVIDERS), built once
// per process. A provider without an API key is left out and the reason kept.
import type { Config } from '../../config.ts';
import { createProviders } from './index.ts';
import type { LlmProvider, ProviderName } from './types.ts';
import type { ProviderId } from '../vocabulary.ts';

export interface ProviderChain {
  order: ProviderId[];
  skipped: { name: string; reason: string }[];
  llm: Partial<Record<ProviderName, LlmProvider>>;
}

export function providerChain(cfg: Config): ProviderChain {
  const built = createProviders(cfg, { timeoutMs: cfg.LLM_TIMEOUT_SECONDS * 1000 });
  return { order: built.order, skipped: built.skipped, llm: built.providers };
}
