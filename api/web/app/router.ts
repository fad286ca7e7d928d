// Routes live in the URL's hash (#/games/<id>?v=2), so the server serves one page at `/` and a
// shared link opens the right view.
export interface Route {
  path: string;
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const [path = '/', query = ''] = location.hash.replace(/^#/, '').split('?');
  return { path: path || '/', params: new URLSearchParams(query) };
}

/** Shows a view; the same hash again renders it afresh. */
export function go(hash: string): void {
  const same = location.hash === hash || (hash === '#/' && !location.hash);
  if (same) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

const AFTER_SIGN_IN = 'playforge:after-sign-in';

/** Sends the player to sign in, then back here. */
export function signInFirst(): void {
  sessionStorage.setItem(AFTER_SIGN_IN, location.hash || '#/');
  go('#/signin');
}

export function afterSignIn(): string {
  const hash = sessionStorage.getItem(AFTER_SIGN_IN) ?? '#/';
  sessionStorage.removeItem(AFTER_SIGN_IN);
  return /^#\/[\w/?=&-]*$/.test(hash) ? hash : '#/';
}
