// What every console request passes before AdminJS sees it:
// - the CSRF rule (AdminJS has no token): cross-site requests are refused, and a write must
//   name our origin (Origin) or be marked same-origin by the browser (Sec-Fetch-Site);
// - bounded bodies: a declared length under a small cap, and no multipart at all before
//   sign-in, so nothing is written to disk for a stranger (the formidable options below keep
//   files out for everyone else);
// - the signed-in user re-read on each request: a suspended or demoted account loses its
//   console session on its next request, and a changed role applies at once.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { canUseConsole } from '../api/policies.ts';
import type { ConsoleAccount } from '../api/services/consoleSignIn.ts';

/** Largest console request body: a template's code (MAX_GAME_BYTES at most) with its fields. */
export const CONSOLE_MAX_BODY_BYTES = 1024 * 1024;

const WRITE = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

type Refusal = [status: number, code: string, detail: string];

function refuse(res: Response, [status, code, detail]: Refusal): void {
  res.status(status).json({ detail, error_code: code, context: {} });
}

function originOk(origin: string, host: string | undefined, cfg: Config): boolean {
  if (origin === cfg.publicUrl) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // a malformed Origin is a refusal, not a crash
  }
}

export function csrfRefusal(req: Request, cfg: Config): Refusal | undefined {
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  const csrf: Refusal = [403, 'csrf_refused', 'Cross-site request refused'];
  if (crossSite) return csrf;
  if (!WRITE(req.method)) return undefined;
  if (origin === undefined) return site === 'same-origin' ? undefined : csrf;
  return originOk(origin, req.get('host'), cfg) ? undefined : csrf;
}

function bodyRefusal(req: Request, signedIn: boolean): Refusal | undefined {
  const length = req.get('content-length');
  const chunked = req.get('transfer-encoding') !== undefined;
  if (chunked && length === undefined) return [411, 'length_required', 'A console request body needs a Content-Length'];
  if (Number(length ?? 0) > CONSOLE_MAX_BODY_BYTES) {
    return [413, 'payload_too_large', `A console request body is at most ${CONSOLE_MAX_BODY_BYTES} bytes`];
  }
  if (!signedIn && req.is('multipart/form-data')) {
    return [415, 'unsupported_media_type', 'Sign in with the login form; uploads need a console session'];
  }
  return undefined;
}

/** Options for express-formidable: fields only, within the cap; a file part is dropped unread. */
export function formidableOptions() {
  const uploadDir = join(tmpdir(), 'playforge-admin-uploads');
  mkdirSync(uploadDir, { recursive: true, mode: 0o700 });
  return {
    uploadDir, maxFieldsSize: CONSOLE_MAX_BODY_BYTES, maxFileSize: 1, maxFields: 500,
    // No console form takes a file: a file part never reaches the disk.
    onPart(this: { handlePart: (part: unknown) => void }, part: { filename?: string }) {
      if (part.filename === undefined) this.handlePart(part);
    },
  };
}

/** Temp files a parser may still have left are removed once the answer is sent. */
function removeUploads(req: Request): void {
  const files = (req as unknown as { files?: Record<string, { path?: string } | { path?: string }[]> }).files ?? {};
  for (const f of Object.values(files).flat()) if (f.path) rmSync(f.path, { force: true });
}

interface ConsoleSession {
  adminUser?: ConsoleAccount;
  destroy: (cb: (err?: Error) => void) => void;
  save: (cb: (err?: Error) => void) => void;
}

async function recheck(db: Database, req: Request): Promise<void> {
  const sess = (req as unknown as { session?: ConsoleSession }).session;
  const account = sess?.adminUser;
  if (!sess || !account) return;
  const user = await db.models.User.findByPk(account.id, { attributes: ['id', 'role', 'status', 'email'] });
  if (!user || user.status !== 'active' || !canUseConsole(user)) {
    await new Promise<void>((resolve, reject) => sess.destroy((err) => (err ? reject(err) : resolve())));
    return;
  }
  if (user.role !== account.role || user.email !== account.email) {
    sess.adminUser = { ...account, role: user.role, email: user.email };
    await new Promise<void>((resolve, reject) => sess.save((err) => (err ? reject(err) : resolve())));
  }
}

export function consoleGate(inner: Router, deps: { cfg: Config; db: Database }, session: RequestHandler): Router {
  const gate = (req: Request, res: Response, next: NextFunction) => {
    const csrf = csrfRefusal(req, deps.cfg);
    if (csrf) return refuse(res, csrf);
    res.once('close', () => removeUploads(req));
    // The session is read here first; AdminJS's own session middleware then finds it in place.
    session(req, res, (err?: unknown) => {
      if (err) return next(err);
      recheck(deps.db, req).then(() => {
        const signedIn = (req as unknown as { session?: ConsoleSession }).session?.adminUser !== undefined;
        const tooBig = bodyRefusal(req, signedIn);
        if (tooBig) return refuse(res, tooBig);
        inner(req, res, next);
      }, next);
    });
  };
  return gate as unknown as Router;
}
