// Access log lines from pino-http: one per request, including a request the client aborted
// before the answer ("request aborted", at warn). Only the method and the path are logged —
// never the query string (play links carry tokens) nor a header (Authorization, cookies).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../lib/logger.ts';

const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0]!;

// The client went away before the body was read or the answer was written.
const aborted = (req: IncomingMessage, res: ServerResponse): boolean => req.readableAborted || !res.writableEnded;

export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    // requestContext has set req.id and req.log already; pino-http keeps both.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'request_id' },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => {
      if (err || res.statusCode >= 500) return 'error';
      return aborted(req, res) ? 'warn' : 'info';
    },
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
      (aborted(req, res) ? 'request aborted' : 'request completed'),
  });
}
