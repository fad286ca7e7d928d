// The request headers of long-running routes (RouteSpec.longRunning): the registry parses
// them for those routes, and the OpenAPI document describes them from these same schemas.
import type { Request } from 'express';
import { z } from 'zod';
import { parseInput } from '../validate.ts';

export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, 'Idempotency-Key must be 8-200 of A-Z a-z 0-9 . _ : -');

/** `Prefer: wait=N` (RFC 7240): N at most 120 seconds; anything else is no wait. */
export const preferWait = z.string().regex(/^wait=\d{1,4}$/);

export const MAX_WAIT_SECONDS = 120;

export interface LongRunningHeaders {
  /** Seconds to wait for the job before answering 202; 0 answers 202 at once. */
  wait: number;
  /** A retried request with the same key gets the same job. */
  idempotencyKey?: string;
}

export function longRunningHeaders(req: Request): LongRunningHeaders {
  const key = req.get('idempotency-key');
  const m = /(?:^|[,;\s])wait=(\d{1,4})\b/i.exec(req.get('prefer') ?? '');
  return {
    wait: m ? Math.min(MAX_WAIT_SECONDS, Number(m[1])) : 0,
    ...(key === undefined ? {} : { idempotencyKey: parseInput(idempotencyKey, key, 'Idempotency-Key') }),
  };
}
