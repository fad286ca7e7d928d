// The app and a local OpenID provider wired together, and the redirect dance walked with plain
// HTTP (manual redirects, a cookie jar per site), for tests/api/auth/oidc.test.ts.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { parseConfig, type Config } from '../../config.ts';
import { listenTestApp } from './app.ts';
import type { Services } from './services.ts';
import { startOidcProvider, type LocalOidcProvider } from './oidcProvider.ts';

export const CALLBACK_PATH = '/api/auth/oidc/callback';
const MAX_REDIRECTS = 10;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface OidcStack {
  idp: LocalOidcProvider;
  app: Express;
  cfg: Config;
  base: string;
  close(): Promise<void>;
}

/** A provider, and the app on a port fixed in advance (its PUBLIC_URL is the redirect URI's base). */
export async function startOidcStack(
  s: Services, env: Record<string, string> = {}, issuerHost?: 'localhost' | '127.0.0.1',
): Promise<OidcStack> {
  const idp = await startOidcProvider(issuerHost);
  const port = await freePort();
  const cfg = parseConfig({
    ...process.env, PUBLIC_URL: `http://127.0.0.1:${port}`, OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret, OIDC_PROVIDER_NAME: 'Test ID', ...env,
  });
  idp.register(cfg.publicUrl + CALLBACK_PATH);
  const api = await listenTestApp(s, { cfg, port });
  return {
    idp, cfg, base: api.base, app: api.app,
    close: async () => {
      await api.close();
      await idp.close();
    },
  };
}

/** name=value of each Set-Cookie (attributes dropped); an expired cookie's value is ''. */
export function setCookies(res: Response): Map<string, { value: string; attributes: string }> {
  const out = new Map<string, { value: string; attributes: string }>();
  for (const header of res.headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';');
    const at = pair.indexOf('=');
    out.set(pair.slice(0, at).trim(), { value: pair.slice(at + 1).trim(), attributes: attributes.join(';') });
  }
  return out;
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** GET /api/auth/oidc/start: the provider URL and the state cookie this "browser" now holds. */
export async function beginSignIn(stack: OidcStack): Promise<{ providerUrl: URL; stateCookie: string }> {
  const res = await fetch(`${stack.base}/api/auth/oidc/start`, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`start answered ${res.status}: ${await res.text()}`);
  const state = setCookies(res).get('playforge_oidc_state');
  if (!state) throw new Error('start set no state cookie');
  return { providerUrl: new URL(res.headers.get('location')!), stateCookie: state.value };
}

/** Follows the provider's redirects (login and consent answered by the test's choice) to our callback URL. */
export async function throughProvider(stack: OidcStack, providerUrl: URL): Promise<URL> {
  const jar = new Map<string, string>();
  let url = providerUrl;
  for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
    for (const [name, { value }] of setCookies(res)) jar.set(name, value);
    const location = res.headers.get('location');
    if (location === null) throw new Error(`provider stopped at ${url.pathname} with ${res.status}`);
    const next = new URL(location, url);
    if (next.href.startsWith(stack.cfg.publicUrl + CALLBACK_PATH)) return next;
    url = next;
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects at the provider`);
}

/** The provider's redirect back, delivered to the app as the browser would (with its state cookie). */
export function deliverCallback(
  stack: OidcStack, callbackUrl: URL, stateCookie: string | undefined, accept = 'application/json',
): Promise<Response> {
  const headers: Record<string, string> = { accept };
  if (stateCookie !== undefined) headers.cookie = `playforge_oidc_state=${stateCookie}`;
  return fetch(`${stack.base}${callbackUrl.pathname}${callbackUrl.search}`, { redirect: 'manual', headers });
}

/** The whole sign-in as account `accountId` at the provider; the callback's answer. */
export async function signInThrough(stack: OidcStack, accountId: string): Promise<Response> {
  stack.idp.nextLogin = accountId;
  const { providerUrl, stateCookie } = await beginSignIn(stack);
  return deliverCallback(stack, await throughProvider(stack, providerUrl), stateCookie);
}

/** The signed-in user, as the web app learns it: POST /api/auth/refresh with the refresh cookie. */
export async function whoIsSignedIn(stack: OidcStack, callback: Response): Promise<{ id: string; username: string }> {
  const refresh = setCookies(callback).get('playforge_refresh');
  if (!refresh?.value) throw new Error(`callback ${callback.status} set no refresh cookie`);
  const res = await fetch(`${stack.base}/api/auth/refresh`, {
    method: 'POST', body: '{}',
    headers: {
      'content-type': 'application/json', 'x-playforge-client': 'web', cookie: `playforge_refresh=${refresh.value}`,
    },
  });
  if (res.status !== 200) throw new Error(`refresh answered ${res.status}`);
  return ((await res.json()) as { user: { id: string; username: string } }).user;
}
