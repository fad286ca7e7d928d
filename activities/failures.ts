// Domain errors of the services become Temporal failures here, and only here: the type is what
// the workflow and Temporal UI see, nonRetryable says another attempt cannot help, and a
// provider's Retry-After becomes the delay before Temporal's next attempt.
import { ApplicationFailure } from '@temporalio/activity';
import { JobDataError } from '../db/jobContext.ts';
import { OfflineEngineError } from '../game/offline/index.ts';
import { ProviderError } from '../game/providers/types.ts';

/** The Temporal failure for a known domain error; anything else is returned as it is. */
export function toFailure(err: unknown): unknown {
  if (err instanceof JobDataError) {
    return ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
  }
  if (err instanceof OfflineEngineError) {
    return ApplicationFailure.create({ type: 'offline_unusable', message: err.message, nonRetryable: true });
  }
  if (err instanceof ProviderError) {
    return ApplicationFailure.create({
      type: err.errorClass,
      message: err.message,
      nonRetryable: err.errorClass !== 'retryable' && err.errorClass !== 'malformed',
      ...(err.retryAfterMs !== undefined ? { nextRetryDelay: err.retryAfterMs } : {}),
    });
  }
  return err;
}

/** Runs a service call, translating its domain errors. */
export async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toFailure(err);
  }
}
