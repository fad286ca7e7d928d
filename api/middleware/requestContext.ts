// Request id (accepted from a trusted-looking X-Request-Id or made here), a per-request
// logger and X-Process-Time (seconds, as the seed's API answers). The access log line is
// accessLog.ts's (pino-http).
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../lib/logger.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ request_id: req.id });
    res.setHeader('X-Request-Id', req.id);
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    // Headers must be set before they are sent: time the request up to that moment.
    res.writeHead = ((...args: unknown[]) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!res.headersSent) res.setHeader('X-Process-Time', seconds.toFixed(4));
      return writeHead(...args);
    }) as Response['writeHead'];
    next();
  };
}
