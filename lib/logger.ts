// One pino logger per process; child loggers carry the request id / job id.
import { pino, type Logger } from 'pino';
import type { Config } from '../config.ts';

export type { Logger };

export function createLogger(cfg: Pick<Config, 'LOG_LEVEL'>, name: string): Logger {
  return pino({
    name,
    level: cfg.LOG_LEVEL,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Never let a credential reach a log line, whatever object is logged.
    redact: {
      paths: [
        'req.headers.authorization', 'req.headers.cookie',
        '*.password', '*.password_hash', '*.token', '*.refresh_token', '*.access_token',
      ],
      censor: '[redacted]',
    },
  });
}
