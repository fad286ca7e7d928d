// zod → {detail, error_code, context} with the field path, so a client can point at it.
import type { z } from 'zod';
import { AppError } from './errors.ts';

/** The parsed value, or a 400 naming the first bad field (`what` when the value as a whole is). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.') || what;
  throw new AppError(400, 'validation_error', `${field}: ${issue.message}`, {
    field, issues: r.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}
