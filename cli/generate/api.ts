// The HTTP side of the generate CLI: JSON calls with a bearer token that renews itself, and
// signing in (as PLAYFORGE_USER, or as a local CLI account registered on first use).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { CliError } from './args.ts';

const root = resolve(import.meta.dirname, '..', '..');

interface Answer { status: number; body: Record<string, unknown>; text: string }
interface RawOptions { body?: unknown; auth?: boolean; headers?: Record<string, string> }

export const str = (v: unknown): string =>
  (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

export class Api {
  token = '';
  readonly base: string;
  private readonly login: (api: Api) => Promise<string>;
  constructor(base: string, login: (api: Api) => Promise<string>) {
    this.base = base;
    this.login = login;
  }

  async raw(method: string, path: string, opts: RawOptions = {}): Promise<Answer> {
    const send = () => fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(opts.auth ? { Authorization: `Bearer ${this.token}` } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(30_000),
    }).catch((e: unknown) => {
      const error = e as Error;
      const reason = error.cause instanceof Error ? error.cause.message : error.message;
      throw new CliError(3, `the API at ${this.base} is unreachable (${reason})`);
    });
    let res = await send();
    // Access tokens live 15 minutes; a long job may outlive one.
    if (res.status === 401 && opts.auth) {
      this.token = await this.login(this);
      res = await send();
    }
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // HTML pages (the game) and empty answers are not JSON.
    }
    return { status: res.status, body, text };
  }

  /** A JSON call that must succeed (2xx); anything else ends the run with the API's reason. */
  async call(
    method: string, path: string, body?: unknown, headers?: Record<string, string>,
  ): Promise<Record<string, unknown>> {
    const res = await this.raw(method, path, { body, auth: true, headers });
    if (res.status >= 200 && res.status < 300) return res.body;
    throw new CliError(res.status === 404 && res.body.error_code === 'route_not_found' ? 3 : 1,
      `${method} ${path} → ${res.status} ${str(res.body.error_code)}: ` +
      str(res.body.detail ?? res.text.slice(0, 200)));
  }
}

// ---- Signing in ----------------------------------------------------------------------------

function credentialsFile(): string {
  return join(resolve(root, process.env.PLAYFORGE_DATA_DIR ?? '.data'), 'cli-credentials.json');
}

type SavedAccounts = Record<string, { username: string; password: string }>;

/** The local CLI account for this API, registered on first use; the password stays in a 0600 file. */
async function localAccount(api: Api): Promise<{ login: string; password: string }> {
  const file = credentialsFile();
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SavedAccounts) : {};
  const saved = all[api.base];
  if (saved) return { login: saved.username, password: saved.password };
  const host = hostname().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30) || 'local';
  const password = `${randomBytes(18).toString('base64url')}Aa1`;
  for (const username of [`cli_${host}`, `cli_${host}_${randomBytes(3).toString('hex')}`]) {
    const res = await api.raw('POST', '/api/auth/register', {
      body: { username, email: `${username}@cli.playforge.invalid`, password },
    });
    if (res.status === 201) {
      mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
      const accounts = { ...all, [api.base]: { username, password } };
      writeFileSync(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      return { login: username, password };
    }
    if (res.status !== 409) {
      throw new CliError(res.status === 404 ? 3 : 1,
        `could not register a CLI account: ${res.status} ${str(res.body.detail)}`);
    }
  }
  throw new CliError(1, 'could not register a CLI account: the name is taken');
}

export async function signIn(api: Api): Promise<string> {
  const env = process.env.PLAYFORGE_USER && process.env.PLAYFORGE_PASSWORD
    ? { login: process.env.PLAYFORGE_USER, password: process.env.PLAYFORGE_PASSWORD } : await localAccount(api);
  const res = await api.raw('POST', '/api/auth/login', { body: env });
  if (res.status !== 200 || typeof res.body.access_token !== 'string') {
    throw new CliError(res.status === 404 ? 3 : 1,
      `sign-in as ${env.login} failed: ${res.status} ${str(res.body.detail)}`);
  }
  return res.body.access_token;
}
