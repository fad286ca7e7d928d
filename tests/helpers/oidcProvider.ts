// A real OpenID Connect provider on 127.0.0.1 (the oidc-provider package, which implements the
// specification, not a fake of it): discovery, signed ID tokens, PKCE, userinfo. Its login and
// consent pages are replaced by a handler that signs in whichever account the test chose (or
// refuses), so a test can walk the whole redirect dance with plain HTTP or a real browser.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import Provider, { type Adapter, type AdapterPayload } from 'oidc-provider';

/** The provider's sessions, codes and grants, in memory for the life of the test (one Map per kind). */
function memoryAdapter(): new (name: string) => Adapter {
  const stores = new Map<string, Map<string, AdapterPayload>>();
  return class MapAdapter implements Adapter {
    private readonly rows: Map<string, AdapterPayload>;
    constructor(name: string) {
      this.rows = stores.get(name) ?? new Map();
      stores.set(name, this.rows);
    }
    upsert(id: string, payload: AdapterPayload) {
      this.rows.set(id, payload);
      return Promise.resolve();
    }
    find(id: string) { return Promise.resolve(this.rows.get(id)); }
    findByUserCode(code: string) { return Promise.resolve([...this.rows.values()].find((p) => p.userCode === code)); }
    findByUid(uid: string) { return Promise.resolve([...this.rows.values()].find((p) => p.uid === uid)); }
    consume(id: string) {
      const row = this.rows.get(id);
      if (row) row.consumed = Math.floor(Date.now() / 1000);
      return Promise.resolve();
    }
    destroy(id: string) {
      this.rows.delete(id);
      return Promise.resolve();
    }
    revokeByGrantId(grantId: string) {
      for (const [id, p] of this.rows) if (p.grantId === grantId) this.rows.delete(id);
      return Promise.resolve();
    }
  };
}

export interface ProviderAccount {
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, ProviderAccount>;
  /** Who the next login is (an account id), or 'deny' for a refused consent. */
  nextLogin: string;
  /** Token requests seen (the code exchange), for checking that a code is exchanged once. */
  tokenRequests: number;
  /** Registers our client with its redirect URI; the provider answers 503 until then. */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

/** Listens first (so the issuer URL is known), and serves once the client is registered. The issuer
 *  may be named `localhost` so that, to a browser, it is another site than an app on 127.0.0.1. */
export async function startOidcProvider(
  issuerHost: 'localhost' | '127.0.0.1' = '127.0.0.1',
): Promise<LocalOidcProvider> {
  const clientId = 'playforge-test';
  const clientSecret = 'test-secret-that-is-long-enough-0123456789';
  const accounts = new Map<string, ProviderAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${issuerHost}:${(server.address() as AddressInfo).port}`;

  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const register = (redirectUri: string) => {
    const provider = providerFor(redirectUri);
    const callback = provider.callback();
    handle = (req, res) => {
      if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
      interact(provider, req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    };
  };
  server.on('request', (req, res) => {
    if (handle) return handle(req, res);
    res.statusCode = 503;
    res.end();
  });

  const providerFor = (redirectUri: string) => new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri],
      grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Google puts email and email_verified into the ID token itself; do the same.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['a-test-cookie-signing-key-0123456789'] },
    adapter: memoryAdapter(),
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return Promise.resolve(undefined);
      const claims = { sub, email: account.email, email_verified: account.emailVerified, name: account.name };
      return Promise.resolve({ accountId: sub, claims: () => Promise.resolve(claims) });
    },
  }).on('grant.success', () => { state.tokenRequests += 1; }).on('grant.error', () => { state.tokenRequests += 1; });

  const state: LocalOidcProvider = {
    issuer, clientId, clientSecret, accounts, nextLogin: 'deny', tokenRequests: 0, register,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };

  const interact = async (provider: Provider, req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    if (state.nextLogin === 'deny') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'said no' },
        { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: state.nextLogin } },
        { mergeWithLastSubmission: false });
      return;
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId });
    grant.addOIDCScope('openid email profile');
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true });
  };
  return state;
}
