// "Sign in with Google" (or whichever OpenID provider the server is configured with), shown only
// when GET /api/auth/oidc says it is offered. It is a plain link: the sign-in is a browser
// navigation to the provider and back, which lands on this app with the session in its HttpOnly
// cookie, and main.ts's first refresh signs the page in. A refused sign-in comes back as
// #/signin?error=<code>.
import { api } from './api.ts';
import { h, show } from './dom.ts';

interface ProviderInfo {
  enabled: boolean;
  provider: string | null;
  start_url: string;
}

const REASONS: Record<string, string> = {
  oidc_denied: 'The sign-in was cancelled at the provider.',
  oidc_state_mismatch: 'That sign-in was started in another tab or browser. Please start again here.',
  oidc_expired: 'That sign-in link was already used or has expired. Please start again.',
  oidc_refused: 'The provider\'s answer could not be checked, so you were not signed in. Please try again.',
  oidc_unavailable: 'The sign-in provider cannot be reached right now. Try again later, or use your password.',
  oidc_no_email: 'The provider did not share your e-mail address. Allow it and try again.',
  oidc_email_unverified: 'An account here already uses that address, and the provider has not verified it. '
    + 'Sign in with your password instead.',
  account_link_unverified: 'An account here already uses that address, but has not verified it. '
    + 'Sign in with your password instead.',
  account_suspended: 'This account is suspended.',
};

/** The reason a provider sign-in came back refused, in plain words (null when it did not). */
export function providerSignInError(code: string | null): string | null {
  if (code === null) return null;
  return REASONS[code] ?? 'The sign-in with the provider did not work. Please try again.';
}

/** Empty until the server says a provider is offered; then its button. */
export function providerSignIn(): HTMLElement {
  const box = h('div', { class: 'provider-signin' });
  api<ProviderInfo>('GET', '/api/auth/oidc').then((info) => {
    if (!info.enabled || !info.provider) return;
    show(box,
      h('a', { href: info.start_url, class: 'provider-button', testid: 'oidc-signin' },
        `Sign in with ${info.provider}`),
      h('p', { class: 'or' }, 'or with your Playforge account'));
  }).catch(() => undefined);
  return box;
}
