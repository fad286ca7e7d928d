// Sign-in over OpenID Connect, end to end against a real provider on 127.0.0.1: our redirect
// (PKCE S256, state, nonce), the provider's login and consent, the callback's checks (state bound
// to the browser, single use, nonce, code exchange), then find / link / create the account and
// our own tokens. Every refusal is checked to leave no identity behind.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { connectServices, type Services } from '../../helpers/services.ts';
import {
  beginSignIn, deliverCallback, setCookies, signInThrough, startOidcStack, throughProvider, whoIsSignedIn,
  type OidcStack,
} from '../../helpers/oidcFlow.ts';
import { listenTestApp } from '../../helpers/app.ts';
import { parseConfig } from '../../../config.ts';
import { register } from './helpers.ts';

let s: Services;
let stack: OidcStack;

beforeAll(async () => {
  s = await connectServices();
  stack = await startOidcStack(s);
});
afterAll(async () => {
  await stack.close();
  await s.close();
});

/** A provider account with a fresh address; returns its id (the provider's subject). */
function providerAccount(over: { email?: string; emailVerified?: boolean } = {}): { id: string; email: string } {
  const id = `sub-${randomBytes(6).toString('hex')}`;
  const email = over.email ?? `${id.replace('sub-', 'g')}@gmail.test`;
  stack.idp.accounts.set(id, { email, emailVerified: over.emailVerified ?? true, name: 'Ada Player' });
  return { id, email };
}

const verify = (id: string) =>
  s.db.models.User.update({ emailVerified: true, emailVerifiedAt: new Date() }, { where: { id } });
const identitiesOf = (subject: string) => s.db.models.UserIdentity.count({ where: { subject } });
const errorOf = async (res: Response) => ((await res.json()) as { error_code: string }).error_code;

describe('sign-in with an OpenID provider', () => {
  it('says it is on, and start sends the browser to the provider with PKCE, state and nonce', async () => {
    const info = await (await fetch(`${stack.base}/api/auth/oidc`)).json();
    expect(info).toEqual({ enabled: true, provider: 'Test ID', start_url: '/api/auth/oidc/start' });
    const res = await fetch(`${stack.base}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(stack.idp.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('redirect_uri')).toBe(`${stack.cfg.publicUrl}/api/auth/oidc/callback`);
    expect(to.searchParams.get('scope')).toBe('openid email profile');
    expect(to.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const state = setCookies(res).get('playforge_oidc_state')!;
    expect(state.value).toBe(to.searchParams.get('state'));
    expect(state.attributes).toMatch(/HttpOnly/i);
    expect(state.attributes).toMatch(/SameSite=Lax/i);
    expect(state.attributes).toMatch(/Path=\/api\/auth\/oidc(;|$)/);
  });

  it('a new identity becomes a new account, signed in with our tokens; the next sign-in finds it', async () => {
    const account = providerAccount();
    const first = await signInThrough(stack, account.id);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/#/');
    const refresh = setCookies(first).get('playforge_refresh')!;
    expect(refresh.attributes).toMatch(/HttpOnly/i);
    expect(refresh.attributes).toMatch(/SameSite=Strict/i);
    const user = await whoIsSignedIn(stack, first);
    const row = await s.db.models.User.findByPk(user.id);
    expect(row!.email).toBe(account.email);
    expect(row!.emailVerified).toBe(true);
    expect(row!.displayName).toBe('Ada Player');
    expect(user.username).toMatch(/^g[0-9a-f]{12}$/);

    const again = await signInThrough(stack, account.id);
    expect(again.status).toBe(303);
    expect((await whoIsSignedIn(stack, again)).id).toBe(user.id);
    expect(await identitiesOf(account.id)).toBe(1);
    expect(await s.db.models.User.count({ where: { email: account.email } })).toBe(1);
  });

  it('links to an existing account by an address verified on both sides (audited)', async () => {
    const local = await register(stack.app);
    await verify(local.id);
    const account = providerAccount({ email: local.email });
    const res = await signInThrough(stack, account.id);
    expect(res.status).toBe(303);
    expect((await whoIsSignedIn(stack, res)).id).toBe(local.id);
    expect(await s.db.models.AuditLog.count({ where: { action: 'user.identity_linked', targetId: local.id } }))
      .toBe(1);
  });

  it('refuses to link when either side has not verified the address, and links nothing', async () => {
    const unverifiedHere = await register(stack.app);
    const a = providerAccount({ email: unverifiedHere.email });
    const first = await signInThrough(stack, a.id);
    expect(first.status).toBe(409);
    expect(await errorOf(first)).toBe('account_link_unverified');
    expect(await identitiesOf(a.id)).toBe(0);

    const verifiedHere = await register(stack.app);
    await verify(verifiedHere.id);
    const b = providerAccount({ email: verifiedHere.email, emailVerified: false });
    const second = await signInThrough(stack, b.id);
    expect(second.status).toBe(409);
    expect(await errorOf(second)).toBe('oidc_email_unverified');
    expect(await identitiesOf(b.id)).toBe(0);
  });

  it('refuses a callback this browser did not start (no or another state cookie) without spending the code',
    async () => {
      const account = providerAccount();
      stack.idp.nextLogin = account.id;
      const { providerUrl, stateCookie } = await beginSignIn(stack);
      const callback = await throughProvider(stack, providerUrl);
      const exchanges = stack.idp.tokenRequests;
      const other = (await beginSignIn(stack)).stateCookie;
      for (const cookie of [undefined, other]) {
        const res = await deliverCallback(stack, callback, cookie);
        expect(res.status).toBe(400);
        expect(await errorOf(res)).toBe('oidc_state_mismatch');
      }
      expect(stack.idp.tokenRequests).toBe(exchanges);
      // The rightful browser can still finish, once; the same callback again is refused.
      expect((await deliverCallback(stack, callback, stateCookie)).status).toBe(303);
      const replay = await deliverCallback(stack, callback, stateCookie);
      expect(replay.status).toBe(400);
      expect(await errorOf(replay)).toBe('oidc_expired');
      expect(await identitiesOf(account.id)).toBe(1);
    });

  it('a browser is sent back to the app\'s sign-in page with the reason instead of JSON', async () => {
    const account = providerAccount();
    stack.idp.nextLogin = account.id;
    const { providerUrl } = await beginSignIn(stack);
    const res = await deliverCallback(stack, await throughProvider(stack, providerUrl), 'x'.repeat(43), 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/#/signin?error=oidc_state_mismatch');
  });

  it('a refusal at the provider is oidc_denied', async () => {
    const res = await signInThrough(stack, 'deny');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe('oidc_denied');
  });

  it('checks the nonce and the PKCE verifier: a tampered pending sign-in is refused', async () => {
    for (const field of ['nonce', 'verifier'] as const) {
      const account = providerAccount();
      stack.idp.nextLogin = account.id;
      const { providerUrl, stateCookie } = await beginSignIn(stack);
      const key = `oidc:pending:${stateCookie}`;
      const pending = JSON.parse((await s.redis.get(key))!) as Record<string, string>;
      pending[field] = randomBytes(32).toString('base64url');
      await s.redis.set(key, JSON.stringify(pending), 'EX', 60);
      const res = await deliverCallback(stack, await throughProvider(stack, providerUrl), stateCookie);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toBe('oidc_refused');
      expect(await identitiesOf(account.id)).toBe(0);
    }
  });

  it('a suspended account is refused', async () => {
    const account = providerAccount();
    const user = await whoIsSignedIn(stack, await signInThrough(stack, account.id));
    await s.db.models.User.update({ status: 'suspended' }, { where: { id: user.id } });
    const res = await signInThrough(stack, account.id);
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toBe('account_suspended');
  });
});

describe('sign-in with a provider, not configured or unreachable', () => {
  it('not configured: info says so, start and callback answer 404', async () => {
    const cfg = parseConfig({ ...process.env, OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: '' });
    const api = await listenTestApp(s, { cfg });
    try {
      expect(await (await fetch(`${api.base}/api/auth/oidc`)).json())
        .toEqual({ enabled: false, provider: null, start_url: '/api/auth/oidc/start' });
      for (const path of ['/api/auth/oidc/start', '/api/auth/oidc/callback?state=abc&code=def']) {
        const res = await fetch(api.base + path, { redirect: 'manual' });
        expect(res.status).toBe(404);
        expect(await errorOf(res)).toBe('oidc_not_configured');
      }
    } finally {
      await api.close();
    }
  });

  it('a provider that does not answer is 503 oidc_unavailable', async () => {
    const down = await startOidcStack(s);
    await down.idp.close();
    try {
      const res = await fetch(`${down.base}/api/auth/oidc/start`, { redirect: 'manual' });
      expect(res.status).toBe(503);
      expect(await errorOf(res)).toBe('oidc_unavailable');
    } finally {
      await down.close().catch(() => undefined);
    }
  });
});
