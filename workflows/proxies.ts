// The activities gameJob calls, each group with the timeouts and retries its kind of work
// needs, and how their failures read in the workflow.
import {
  ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities, type LocalActivityOptions,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import type { Draft, GenerateRequest, JobPlan } from '../game/generate/types.ts';
import type { ProviderId } from '../game/vocabulary.ts';

export const quick = proxyActivities<Activities>({
  // Short: these are single database writes; a worker that died mid-write is retried soon.
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 10,
  },
});

// The fast layout (workflows started after the 'local-steps' patch): the short steps run as
// local activities in the worker that runs the workflow, with no task-queue round trip between
// them; a worker that dies mid-step has its workflow task retried elsewhere, steps included.
export const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 10,
  },
});

export const localChecks = proxyLocalActivities<Activities>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 3 },
});

export const checks = proxyActivities<Activities>({
  startToCloseTimeout: '90 seconds',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 3 },
});

export const { notify } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '5 seconds',
  retry: { initialInterval: '100 milliseconds', maximumAttempts: 3 },
});

// Failures that another attempt at the same provider cannot fix.
const NON_RETRYABLE = ['non_retryable', 'context_too_long', 'safety_refusal', 'offline_unusable'];

export function generators(plan: JobPlan, fast: boolean) {
  const llm = proxyActivities<Activities>({
    startToCloseTimeout: `${plan.llmTimeoutSeconds} seconds`,
    heartbeatTimeout: '15 seconds',
    retry: {
      initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 3,
      nonRetryableErrorTypes: NON_RETRYABLE,
    },
  });
  const offlineOptions: LocalActivityOptions = {
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '200 milliseconds', maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE },
  };
  // The offline engine fills a template in a few milliseconds: in the fast layout, a local step.
  const offline = fast ? proxyLocalActivities<Activities>(offlineOptions) : proxyActivities<Activities>(offlineOptions);
  // One activity type per provider, so Temporal UI shows which provider each attempt used.
  return {
    openai: llm.generateWithOpenAI,
    anthropic: llm.generateWithAnthropic,
    gemini: llm.generateWithGemini,
    offline: offline.generateOffline,
  } satisfies Record<ProviderId, (req: GenerateRequest) => Promise<Draft>>;
}

export function failureOf(err: unknown): { type: string; message: string } {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'error', message: cause.message };
  return { type: 'error', message: err instanceof Error ? err.message : String(err) };
}
