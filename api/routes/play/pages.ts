// The plain pages /play answers with when there is no game to show. Humans (and iframes)
// land here, so HTML rather than JSON; never a stack trace, never whether a private game
// exists (a missing token and a missing game look the same).
import type { Response } from 'express';

const TEXT: Record<number, [string, string]> = {
  404: ['Game not found', 'This game does not exist, is not public, or the play link has expired.'],
  500: ['Something went wrong', 'The game could not be loaded. Please try again later.'],
};

export function sendPlayError(res: Response, status: number): void {
  const [title, message] = TEXT[status] ?? TEXT[500]!;
  res.status(TEXT[status] ? status : 500).set({
    'Content-Type': 'text/html; charset=utf-8',
    // Static text only: no script, nothing loaded, sandboxed like a game in case it is framed.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'self'; sandbox",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  }).send(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#10182b;color:#e8ecf4;display:flex;align-items:center;
justify-content:center;height:100vh;margin:0}main{text-align:center}</style>
</head>
<body><main><h1>${title}</h1><p>${message}</p></main></body>
</html>
`);
}
