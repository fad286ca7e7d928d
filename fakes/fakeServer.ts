// The protocol-neutral half of the fake LLM servers: an HTTP server on 127.0.0.1 that
// records every request, checks auth and body the way the real API does (through a
// WireProtocol), then answers with the next scripted FakeStep (or the default one).
// Delayed and hanging answers never keep the process alive past close().
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeStep =
  | { kind: 'ok'; text: string; model?: string; tokensIn?: number; tokensOut?: number; delayMs?: number }
  | { kind: 'truncated'; text: string }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'refusal'; reason: string }
  | { kind: 'context_too_long' }
  /** Answers (with the default step) after ms; no ms, or Infinity, means never before close. */
  | { kind: 'hang'; ms?: number }
  /** A 200 whose body is `raw` as sent; content type application/json unless given. */
  | { kind: 'malformed'; raw: string; contentType?: string }
  /** Destroys the socket without any response. */
  | { kind: 'reset' };

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased names, as Node gives them. */
  headers: Record<string, string>;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

/** A complete HTTP answer: status, JSON (object) or raw (string) body, extra headers. */
export interface WireReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What differs between OpenAI and Anthropic: endpoint, auth, and the JSON on the wire. */
export interface WireProtocol {
  /** The body of a request to an unknown path or method, or undefined when it is the endpoint. */
  routeError(method: string, path: string): WireReply | undefined;
  /** A 401/400 for a missing or wrong key or missing version header; undefined when fine. */
  authError(headers: Record<string, string>, expectedApiKey: string): WireReply | undefined;
  /** A 400 for a body the real API would reject; undefined when fine. */
  bodyError(body: unknown): WireReply | undefined;
  /** The answer to a step that produces an HTTP response (ok, truncated, refusal, …). */
  reply(step: Exclude<FakeStep, { kind: 'hang' | 'reset' }>, request: RecordedRequest): WireReply;
  /** Header names and values every response carries (request id and the like). */
  commonHeaders(): Record<string, string>;
}

export interface FakeLlmServer {
  /** What to pass to the SDK as baseURL. */
  baseURL: string;
  port: number;
  expectedApiKey: string;
  requests: RecordedRequest[];
  /** Replaces the queue of steps still to come; each request takes the next one. */
  script(steps: FakeStep[]): void;
  /** The step answering when the script is empty. */
  setDefault(step: FakeStep): void;
  /** Forgets requests and script and restores the built-in default step. */
  clear(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large for the fake'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(res: http.ServerResponse, reply: WireReply, common: Record<string, string>): void {
  if (res.destroyed || res.writableEnded) return;
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    ...common,
    ...reply.headers,
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

export async function startFakeServer(o: {
  protocol: WireProtocol;
  expectedApiKey: string;
  defaultStep: FakeStep;
  /** Appended to the origin to form baseURL (OpenAI's SDK wants /v1, Anthropic's none). */
  basePath: string;
}): Promise<FakeLlmServer> {
  const requests: RecordedRequest[] = [];
  let queue: FakeStep[] = [];
  let defaultStep = o.defaultStep;
  const timers = new Set<NodeJS.Timeout>();

  /** Runs fn after ms unless the client goes away or the server closes first. */
  function later(res: http.ServerResponse, ms: number, fn: () => void): void {
    if (!Number.isFinite(ms)) return; // a hang that only close() (or the client) ends
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  function answer(step: FakeStep, request: RecordedRequest, req: http.IncomingMessage, res: http.ServerResponse): void {
    const common = o.protocol.commonHeaders();
    switch (step.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang': {
        // A hang that ends answers like the default (itself never a hang, or it never ends).
        const after = defaultStep.kind === 'hang' || defaultStep.kind === 'reset'
          ? { kind: 'ok' as const, text: '' }
          : defaultStep;
        later(res, step.ms ?? Infinity, () => send(res, o.protocol.reply(after, request), common));
        return;
      }
      case 'ok':
        if (step.delayMs !== undefined && step.delayMs > 0) {
          later(res, step.delayMs, () => send(res, o.protocol.reply(step, request), common));
          return;
        }
        send(res, o.protocol.reply(step, request), common);
        return;
      default:
        send(res, o.protocol.reply(step, request), common);
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    let body: unknown;
    try {
      body = rawBody === '' ? undefined : JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: flatHeaders(req),
      body,
      rawBody,
      receivedAt: Date.now(),
    };
    requests.push(request);
    const common = o.protocol.commonHeaders();
    const rejection =
      o.protocol.routeError(request.method, request.path) ??
      o.protocol.authError(request.headers, o.expectedApiKey) ??
      o.protocol.bodyError(rawBody !== '' && body === undefined ? rawBody : body);
    if (rejection) {
      send(res, rejection, common);
      return;
    }
    answer(queue.shift() ?? defaultStep, request, req, res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      send(res, { status: 500, body: `fake server error: ${String(err)}` }, {});
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const initialDefault = o.defaultStep;

  return {
    baseURL: `http://127.0.0.1:${port}${o.basePath}`,
    port,
    expectedApiKey: o.expectedApiKey,
    requests,
    script(steps) {
      queue = [...steps];
    },
    setDefault(step) {
      defaultStep = step;
    },
    clear() {
      requests.length = 0;
      queue = [];
      defaultStep = initialDefault;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Hanging requests and idle keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
    },
  };
}
