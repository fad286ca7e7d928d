// Turns every failure into {detail, error_code, context} with a 4xx/5xx status; never a
// stack trace. Unknown errors are logged with the request id and answered as a plain 500.
import type { NextFunction, Request, Response } from 'express';
import { ConnectionError } from 'sequelize';
import { AppError } from '../errors.ts';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  limit?: number;
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new AppError(
    404, 'route_not_found', `No route for ${req.method} ${req.path}`, { method: req.method, path: req.path },
  ));
}

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const e = toAppError(err);
  if (e.status >= 500) req.log?.error({ err }, 'unhandled error');
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
  res.status(e.status).json({
    detail: e.message, error_code: e.errorCode, context: { ...e.context, request_id: req.id },
  });
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const h = (err ?? {}) as HttpishError;
  // body-parser's own errors carry a type and a 4xx status.
  switch (h.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', 'The request body is too large', { limit_bytes: h.limit });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_encoding', 'The request body encoding is not supported');
    default:
      break;
  }
  // PostgreSQL restarting or out of reach: the client may try again (the chaos bench's
  // submitters do, with the same Idempotency-Key), so say so instead of a bare 500.
  if (err instanceof ConnectionError) {
    return new AppError(503, 'database_unavailable', 'The database is unavailable; try again shortly', {}, {
      'Retry-After': '2',
    });
  }
  const status = h.status ?? h.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', 'The request could not be processed');
  }
  return new AppError(500, 'internal_error', 'Internal server error');
}
