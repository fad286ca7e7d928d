// Sign-in through an OpenID Connect provider (Google by default): the authorization-code flow
// with PKCE (S256), `state` and `nonce`, and the ID token checked by openid-client (signature
// against the issuer's keys, iss, aud, exp, nonce). What a sign-in has to remember between the
// redirect out and the callback lives in Redis for ten minutes under its `state`, and is taken
// with GETDEL: a callback URL works once. The browser carries the same `state` in a cookie, so a
// callback that was not started by this browser (login CSRF) is refused.
import * as client from 'openid-client';
import type { Config } from '../../config.ts';
import type { Redis } from '../../lib/redis.ts';
import { AppError } from '../errors.ts';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
export const PENDING_TTL_SECONDS = 600;
const PENDING_PREFIX = 'oidc:pending:';
const DISCOVERY_TIMEOUT_SECONDS = 10;
/** openid-client's state and our cookie: base64url of 32 random bytes. */
const STATE_FORMAT = /^[A-Za-z0-9_-]{20,128}$/;

/** Who the provider says signed in: the subject is the stable key; the e-mail may change. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

interface Pending {
  verifier: string;
  nonce: string;
}

export interface OidcSignIn {
  providerName: string;
  issuer: string;
  /** The provider's authorization URL and the state the browser must carry back. */
  begin(): Promise<{ url: string; state: string }>;
  /** Checks the callback (state bound to this browser, single use, code + PKCE, ID token). */
  finish(callbackUrl: URL, boundState: string | undefined): Promise<OidcIdentity>;
}

const unavailable = (why: string) =>
  new AppError(503, 'oidc_unavailable', `The sign-in provider cannot be reached right now (${why})`);
const refused = (why: string) => new AppError(400, 'oidc_refused', `The sign-in could not be completed: ${why}`);

/** Nothing answering, a timeout or a provider answering 5xx is its outage; anything else is this sign-in's fault. */
function isOutage(err: unknown): boolean {
  if (err instanceof client.ResponseBodyError) return err.status >= 500;
  if (!(err instanceof Error)) return false;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Response) return cause.status >= 500;
  // fetch() rejects with a TypeError when nothing answers, and with a TimeoutError past the timeout.
  const noAnswer = (e: unknown) => e instanceof TypeError
    || (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'));
  return noAnswer(err) || noAnswer(cause);
}

export function oidcConfigured(cfg: Config): boolean {
  return cfg.OIDC_CLIENT_ID !== undefined && cfg.OIDC_CLIENT_SECRET !== undefined;
}

export function createOidcSignIn(cfg: Config, redis: Redis): OidcSignIn {
  const clientId = cfg.OIDC_CLIENT_ID;
  const secret = cfg.OIDC_CLIENT_SECRET;
  if (clientId === undefined || secret === undefined) throw new Error('OIDC is not configured');
  const issuer = new URL(cfg.OIDC_ISSUER);
  const redirectUri = new URL(OIDC_CALLBACK_PATH, cfg.publicUrl).href;
  let discovered: Promise<client.Configuration> | undefined;

  // Discovery is cached once it worked; a failure is retried by the next sign-in.
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client.discovery(issuer, clientId, { redirect_uris: [redirectUri] },
      client.ClientSecretBasic(secret), {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        // config.ts allows http only for a provider on this machine.
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      });
    discovered.catch(() => { discovered = undefined; });
    return discovered;
  };
  const provider = async (): Promise<client.Configuration> => {
    try {
      return await configuration();
    } catch (err) {
      throw unavailable(err instanceof Error ? err.message.slice(0, 200) : 'discovery failed');
    }
  };

  return {
    providerName: cfg.OIDC_PROVIDER_NAME,
    issuer: issuer.href,
    async begin() {
      const config = await provider();
      const verifier = client.randomPKCECodeVerifier();
      const nonce = client.randomNonce();
      const state = client.randomState();
      const pending: Pending = { verifier, nonce };
      await redis.set(PENDING_PREFIX + state, JSON.stringify(pending), 'EX', PENDING_TTL_SECONDS);
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri, scope: 'openid email profile', state, nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      });
      return { url: url.href, state };
    },

    async finish(callbackUrl, boundState) {
      const state = callbackUrl.searchParams.get('state') ?? '';
      if (!STATE_FORMAT.test(state) || boundState !== state) {
        throw new AppError(400, 'oidc_state_mismatch', 'This sign-in was not started in this browser; start again');
      }
      const saved = await redis.getdel(PENDING_PREFIX + state);
      if (saved === null) {
        throw new AppError(400, 'oidc_expired', 'This sign-in link was already used or has expired; start again');
      }
      const pending = JSON.parse(saved) as Pending;
      const denied = callbackUrl.searchParams.get('error');
      if (denied !== null) {
        throw new AppError(400, 'oidc_denied', 'The sign-in was cancelled or refused at the provider',
          { provider_error: denied.slice(0, 100) });
      }
      const config = await provider();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.verifier, expectedNonce: pending.nonce, expectedState: state,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw refused('the provider sent no ID token');
        let { email, email_verified: verified, name } = claims as Record<string, unknown>;
        if (typeof email !== 'string') {
          // Some providers put the address only in userinfo.
          const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
          ({ email, email_verified: verified, name } = info as Record<string, unknown>);
        }
        return {
          issuer: claims.iss, subject: claims.sub,
          email: typeof email === 'string' && email.length <= 254 ? email.toLowerCase() : null,
          emailVerified: verified === true || verified === 'true',
          name: typeof name === 'string' ? name.slice(0, 100) : null,
        };
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (isOutage(err)) throw unavailable(err instanceof Error ? err.message.slice(0, 200) : 'no answer');
        throw refused(err instanceof Error ? err.message.slice(0, 200) : 'the provider\'s answer was not valid');
      }
    },
  };
}
