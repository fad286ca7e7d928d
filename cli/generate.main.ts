// npm run generate -- "<description>" [--template <id>] [--api <url>] [--timeout <s>]
// npm run generate -- --modify <game_id> "<change>" [--api <url>]
// A real client of a running API (HTTP + Socket.IO, nothing imported from the server): signs
// in, starts the job, draws its progress from `job:progress` events, saves the game to
// ./out/<game_id>-v<N>.html and prints the play, admin and Temporal UI links.
// Exit codes: 0 ok, 1 job failed/rejected (or the API refused), 2 usage, 3 API unreachable.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { io } from 'socket.io-client';

const USAGE = `usage: npm run generate -- "<description>" [--template <id>] [--api <url>] [--timeout <seconds>]
       npm run generate -- --modify <game_id> "<change>" [--api <url>] [--timeout <seconds>]
Signs in as PLAYFORGE_USER/PLAYFORGE_PASSWORD, or as a local cli_ account it registers once.`;
const TERMINAL = new Set(['completed', 'failed', 'rejected', 'cancelled']);
const root = resolve(import.meta.dirname, '..');

class CliError extends Error {
  readonly code: 1 | 2 | 3;
  constructor(code: 1 | 2 | 3, message: string) {
    super(message);
    this.code = code;
  }
}

interface Options { text: string; template?: string; modify?: string; api: string; timeoutMs: number }
interface Progress { job_id: string; seq: number; state: string; step?: string; message: string; percent: number; version?: number; error_code?: string; detail?: string }

function parseArgs(argv: string[]): Options {
  const words: string[] = [];
  let template: string | undefined, modify: string | undefined, timeout = 600;
  let api = process.env.PLAYFORGE_API ?? 'http://localhost:3000';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(2, `${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--template') template = value();
    else if (a === '--modify') modify = value();
    else if (a === '--api') api = value();
    else if (a === '--timeout') timeout = Number(value());
    else if (a === '--help' || a === '-h') throw new CliError(2, USAGE);
    else if (a.startsWith('--')) throw new CliError(2, `unknown option ${a}\n${USAGE}`);
    else words.push(a);
  }
  const text = words.join(' ').trim();
  if (text.length < 3) throw new CliError(2, `${modify ? 'say what to change' : 'describe the game'} (at least 3 characters)\n${USAGE}`);
  if (modify && !/^[0-9a-f-]{36}$/i.test(modify)) throw new CliError(2, `--modify needs a game id (a UUID), got ${JSON.stringify(modify)}`);
  if (modify && template) throw new CliError(2, '--template applies to new games only');
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 86_400) throw new CliError(2, '--timeout must be 1-86400 seconds');
  let base: URL;
  try {
    base = new URL(api);
  } catch {
    throw new CliError(2, `--api must be an http(s) URL, got ${JSON.stringify(api)}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new CliError(2, '--api must be an http(s) URL');
  return { text, template, modify, api: base.origin, timeoutMs: timeout * 1000 };
}

// ---- HTTP ----------------------------------------------------------------------------------

interface Answer { status: number; body: Record<string, unknown>; text: string }
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

class Api {
  token = '';
  readonly base: string;
  private readonly login: (api: Api) => Promise<string>;
  constructor(base: string, login: (api: Api) => Promise<string>) {
    this.base = base;
    this.login = login;
  }

  async raw(method: string, path: string, opts: { body?: unknown; auth?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
    const send = () => fetch(`${this.base}${path}`, {
      method,
      headers: { ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(opts.auth ? { Authorization: `Bearer ${this.token}` } : {}), ...opts.headers },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(30_000),
    }).catch((e: unknown) => {
      throw new CliError(3, `the API at ${this.base} is unreachable (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message})`);
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
  async call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Record<string, unknown>> {
    const res = await this.raw(method, path, { body, auth: true, headers });
    if (res.status >= 200 && res.status < 300) return res.body;
    throw new CliError(res.status === 404 && res.body.error_code === 'route_not_found' ? 3 : 1,
      `${method} ${path} → ${res.status} ${str(res.body.error_code)}: ${str(res.body.detail ?? res.text.slice(0, 200))}`);
  }
}

// ---- Signing in ----------------------------------------------------------------------------

function credentialsFile(): string {
  return join(resolve(root, process.env.PLAYFORGE_DATA_DIR ?? '.data'), 'cli-credentials.json');
}

/** The local CLI account for this API, registered on first use; the password stays in a 0600 file. */
async function localAccount(api: Api): Promise<{ login: string; password: string }> {
  const file = credentialsFile();
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { username: string; password: string }>) : {};
  const saved = all[api.base];
  if (saved) return { login: saved.username, password: saved.password };
  const host = hostname().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30) || 'local';
  const password = `${randomBytes(18).toString('base64url')}Aa1`;
  for (const username of [`cli_${host}`, `cli_${host}_${randomBytes(3).toString('hex')}`]) {
    const res = await api.raw('POST', '/api/auth/register', { body: { username, email: `${username}@cli.playforge.invalid`, password } });
    if (res.status === 201) {
      mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(file, `${JSON.stringify({ ...all, [api.base]: { username, password } }, null, 2)}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      return { login: username, password };
    }
    if (res.status !== 409) throw new CliError(res.status === 404 ? 3 : 1, `could not register a CLI account: ${res.status} ${str(res.body.detail)}`);
  }
  throw new CliError(1, 'could not register a CLI account: the name is taken');
}

async function signIn(api: Api): Promise<string> {
  const env = process.env.PLAYFORGE_USER && process.env.PLAYFORGE_PASSWORD
    ? { login: process.env.PLAYFORGE_USER, password: process.env.PLAYFORGE_PASSWORD } : await localAccount(api);
  const res = await api.raw('POST', '/api/auth/login', { body: env });
  if (res.status !== 200 || typeof res.body.access_token !== 'string') {
    throw new CliError(res.status === 404 ? 3 : 1, `sign-in as ${env.login} failed: ${res.status} ${str(res.body.detail)}`);
  }
  return res.body.access_token;
}

// ---- Progress ------------------------------------------------------------------------------

function progressView(out: NodeJS.WriteStream) {
  let seq = -1;
  let bar = false;
  return {
    show(e: Progress): void {
      if (e.seq <= seq) return; // duplicates (snapshot, then the same event live)
      seq = e.seq;
      const pct = Math.max(0, Math.min(100, Math.round(e.percent)));
      if (out.isTTY) {
        const width = 28;
        const filled = Math.round((pct / 100) * width);
        const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${e.state}: ${e.message}`;
        out.write(`\r\x1b[2K${line.slice(0, Math.max(20, (out.columns || 100) - 1))}`);
        bar = true;
      } else {
        out.write(`[${String(pct).padStart(3)}%] ${e.state}${e.step ? ` (${e.step})` : ''}: ${e.message}\n`);
      }
    },
    end(): void {
      if (bar) out.write('\n');
      bar = false;
    },
  };
}

/** Follows the job on the socket (the ack's snapshot covers events before subscribing) and
 *  polls GET /api/jobs/:id as a safety net, so a dropped socket never hangs the CLI. */
function followJob(api: Api, jobId: string, timeoutMs: number, show: (e: Progress) => void): Promise<Progress> {
  return new Promise((resolvePromise, reject) => {
    const socket = io(api.base, { auth: { token: api.token }, transports: ['websocket'], reconnectionAttempts: 5 });
    let finished = false;
    const finish = (fn: () => void): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(poll);
      socket.close();
      fn();
    };
    const seen = (e: Progress): void => {
      if (finished || e.job_id !== jobId) return;
      show(e);
      if (TERMINAL.has(e.state)) finish(() => resolvePromise(e));
    };
    const timer = setTimeout(() => finish(() => reject(new CliError(1, `the job did not finish within ${timeoutMs / 1000} s (job ${jobId})`))), timeoutMs);
    const poll = setInterval(() => {
      api.raw('GET', `/api/jobs/${jobId}`, { auth: true }).then((r) => { if (r.status === 200) seen(r.body as unknown as Progress); }, () => undefined);
    }, 5000);
    socket.on('connect', () => {
      socket.emitWithAck('subscribe', { job_id: jobId }).then((ack: { ok: boolean; snapshot?: Progress; detail?: string }) => {
        if (ack.ok && ack.snapshot) seen(ack.snapshot);
        else if (!ack.ok) process.stderr.write(`socket subscribe refused (${ack.detail ?? 'unknown'}); polling instead\n`);
      }, () => undefined);
    });
    for (const name of ['job:progress', 'job:completed', 'job:failed']) socket.on(name, seen);
  });
}

// ---- The run -------------------------------------------------------------------------------

async function startJob(api: Api, o: Options): Promise<{ jobId: string; gameId: string }> {
  const key = { 'Idempotency-Key': `cli-${randomBytes(12).toString('hex')}` };
  if (!o.modify) {
    // A session of its own, so that `--modify` can later talk to this game through chat.
    const session = await api.raw('POST', '/api/sessions/', { body: { client_info: { device_type: 'cli' } }, auth: true });
    const sessionId = session.status === 201 ? (session.body.session_id as string) : undefined;
    const body = await api.call('POST', '/api/games/generate', { description: o.text, ...(sessionId ? { session_id: sessionId } : {}), ...(o.template ? { template_id: o.template } : {}) }, key);
    return { jobId: body.job_id as string, gameId: body.game_id as string };
  }
  const game = await api.call('GET', `/api/games/${o.modify}?format=summary`);
  const sessionId = game.session_id as string | null;
  const session = sessionId ? await api.raw('GET', `/api/sessions/${sessionId}`, { auth: true }) : undefined;
  const current = (session?.body.current_game as { game_id?: string } | null | undefined)?.game_id;
  // Chat changes the session's current game: only when that is this game, else regenerate it.
  if (sessionId && session?.status === 200 && current === o.modify && session.body.status !== 'expired') {
    const body = await api.call('POST', '/api/chat/message', { message: o.text, session_id: sessionId }, key);
    return { jobId: body.job_id as string, gameId: body.game_id as string };
  }
  const body = await api.call('POST', `/api/games/${o.modify}/regenerate`, { modifications: { change_request: o.text.slice(0, 200) }, regeneration_reason: 'cli --modify' }, key);
  return { jobId: body.job_id as string, gameId: (body.game_id as string | undefined) ?? o.modify };
}

async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
  const out = process.stdout;
  const api = new Api(o.api, signIn);
  api.token = await signIn(api);
  const { jobId, gameId } = await startJob(api, o);
  const temporal = `${(process.env.TEMPORAL_UI_URL ?? 'http://localhost:8233').replace(/\/+$/, '')}/namespaces/${process.env.TEMPORAL_NAMESPACE ?? 'playforge'}/workflows/job-${jobId}`;
  out.write(`job ${jobId} (game ${gameId})\n`);
  const view = progressView(out);
  const final = await followJob(api, jobId, o.timeoutMs, (e) => view.show(e)).finally(() => view.end());
  if (final.state !== 'completed') {
    out.write(`job ${final.state}${final.error_code ? ` (${final.error_code})` : ''}: ${final.detail ?? final.message}\n  Temporal UI  ${temporal}\n`);
    return 1;
  }
  const version = final.version ?? ((await api.call('GET', `/api/jobs/${jobId}`)).version as number | undefined);
  if (!version) throw new CliError(1, 'the job completed without naming its version');
  const play = await api.call('GET', `/play/${gameId}/${version}/token`);
  const game = await api.raw('GET', `/play/${gameId}/${version}/game.html?t=${encodeURIComponent(play.token as string)}`);
  if (game.status !== 200) throw new CliError(1, `could not download the game: ${game.status}`);
  mkdirSync('out', { recursive: true });
  const file = join('out', `${gameId}-v${version}.html`);
  writeFileSync(file, game.text);
  const isPublic = (await api.raw('HEAD', `/play/${gameId}/${version}`)).status === 200;
  out.write([
    `saved        ${relative(process.cwd(), resolve(file))} (${Buffer.byteLength(game.text)} bytes)`,
    isPublic ? `play         ${api.base}/play/${gameId}/${version}` : `play         ${api.base}${str(play.url)}  (private link, valid until ${str(play.expires_at)})`,
    `admin        ${api.base}/admin/resources/games/records/${gameId}/show`,
    `Temporal UI  ${temporal}`,
    '',
  ].join('\n'));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = e instanceof CliError ? e.code : 1;
}
// The socket's reconnection timers must not keep a finished run alive.
setTimeout(() => process.exit(), 100).unref();
