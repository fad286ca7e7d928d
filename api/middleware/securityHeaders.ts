// Security headers from helmet for everything but /play, whose pages set their own (the game's
// CSP and sandbox, a framing policy, cross-origin resources for the engine) and keep exactly
// the headers they had. JSON answers get `default-src 'none'`; the docs page replaces it with
// its own CSP; the console (AdminJS renders with inline scripts and styles) gets no CSP but
// every other header.
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

const common = {
  // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on
  // same-site form posts, which the console's CSRF guard refuses.
  referrerPolicy: { policy: 'same-origin' as const },
  crossOriginOpenerPolicy: { policy: 'same-origin' as const },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
  strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: true },
};

const forApi = helmet({
  ...common,
  frameguard: { action: 'deny' },
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"],
    },
  },
});

const forConsole = helmet({ ...common, frameguard: { action: 'sameorigin' }, contentSecurityPolicy: false });

/** What /play answered with before helmet; its routes add their own on top. */
function playHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  next();
}

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

export function securityHeaders(consoleRoot: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (under(req.path, '/play')) return playHeaders(req, res, next);
    if (consoleRoot && under(req.path, consoleRoot)) return forConsole(req, res, next);
    return forApi(req, res, next);
  };
}
