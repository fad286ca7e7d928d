// The public API, as this app calls it. The access token lives in this module's memory only
// (gone on reload); the refresh token is an HttpOnly cookie the page cannot read, spent by
// POST /api/auth/refresh with our client header when the access token is missing or expired.
export interface Me {
  id: string;
  username: string;
  email: string;
  display_name: string | null;
  email_verified: boolean;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly context: Record<string, unknown>;

  constructor(status: number, code: string, detail: string, context: Record<string, unknown> = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.context = context;
  }
}

const WEB = { 'X-Playforge-Client': 'web' };
let accessToken: string | null = null;
let me: Me | null = null;
const listeners = new Set<() => void>();

export const currentUser = (): Me | null => me;
export const token = (): string | null => accessToken;
export const onAccountChange = (f: () => void): void => void listeners.add(f);

function signedIn(answer: { access_token: string; user: Me } | null): void {
  accessToken = answer?.access_token ?? null;
  me = answer?.user ?? null;
  for (const f of listeners) f();
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = await res.json().catch(() => ({})) as {
    detail?: string; error_code?: string; context?: Record<string, unknown>;
  };
  return new ApiError(res.status, body.error_code ?? 'error', body.detail ?? res.statusText, body.context ?? {});
}

let refreshing: Promise<boolean> | null = null;

/** A new access token from the cookie; false when there is no (valid) session. */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST', headers: { ...WEB, 'Content-Type': 'application/json' }, body: '{}', credentials: 'same-origin',
      });
      signedIn(res.ok ? await res.json() as { access_token: string; user: Me } : null);
      return res.ok;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { ...WEB };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
}

/** One call; an expired access token is renewed once and the call repeated. */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body);
  if (res.status === 401 && accessToken && await refresh()) res = await send(method, path, body);
  if (!res.ok) throw await errorOf(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** An image the caller may see (private versions need the token): as a blob: URL, or null. */
export async function imageUrl(path: string): Promise<string | null> {
  const res = await send('GET', path);
  return res.ok ? URL.createObjectURL(await res.blob()) : null;
}

export async function signUp(username: string, email: string, password: string): Promise<void> {
  signedIn(await api('POST', '/api/auth/register', { username, email, password }));
}

export async function signInWith(login: string, password: string): Promise<void> {
  signedIn(await api('POST', '/api/auth/login', { login, password }));
}

export async function signOut(): Promise<void> {
  try {
    await api('POST', '/api/auth/logout', {});
  } finally {
    signedIn(null);
  }
}

/** Mails a reset link if an account has the address; the answer is the same either way. */
export async function askPasswordReset(email: string): Promise<void> {
  await api('POST', '/api/auth/password-reset', { email });
}

/** Sets the new password with the mail's token; every session (this page's too) is over. */
export async function resetPassword(resetToken: string, password: string): Promise<void> {
  await api('POST', '/api/auth/password-reset/confirm', { token: resetToken, password });
  signedIn(null);
}

export async function verifyAddress(verifyToken: string): Promise<void> {
  await api('POST', '/api/auth/verify-email', { token: verifyToken });
  if (me) {
    me = { ...me, email_verified: true };
    for (const f of listeners) f();
  }
}

export async function resendVerification(): Promise<void> {
  await api('POST', '/api/auth/verify-email/resend');
}
