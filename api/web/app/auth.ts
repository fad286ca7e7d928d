// Sign up and sign in. After either, the refresh token is in an HttpOnly cookie and the access
// token in memory (api.ts); the page goes back to where the player was going. account.ts builds
// its forms (forgot and reset password) with the same helper.
import { signInWith, signUp } from './api.ts';
import { field, h, show } from './dom.ts';
import { plainError } from './errors.ts';
import { afterSignIn, currentRoute, go } from './router.ts';
import { providerSignIn, providerSignInError } from './providerSignIn.ts';

/** An account form: runs on submit, shows a plain error, and then (by default) goes where the player was going. */
export function form(
  title: string, fields: HTMLElement[], submit: HTMLButtonElement, run: () => Promise<void>, alt: HTMLElement,
  done: () => void = () => go(afterSignIn()),
  initialError: string | null = null,
) {
  const error = h('p', { class: 'error', role: 'alert' }, initialError);
  const el = h('form', { class: 'card auth', 'aria-label': title, novalidate: true },
    h('h1', {}, title), ...fields, error, submit, alt);
  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    show(error, '');
    run().then(done)
      .catch((err: unknown) => show(error, plainError(err)))
      .finally(() => {
        submit.disabled = false;
      });
  });
  return el;
}

export const PASSWORD_RULES = 'At least 8 characters, with an upper-case letter, a lower-case letter and a digit';

export const input = (testid: string, attrs: Record<string, string>) =>
  h('input', { testid, required: true, maxlength: 254, ...attrs });

export function signUpView(): HTMLElement {
  const username = input('signup-username', { autocomplete: 'username', pattern: '[A-Za-z0-9_]{3,50}' });
  const email = input('signup-email', { type: 'email', autocomplete: 'email' });
  const password = input('signup-password', { type: 'password', autocomplete: 'new-password', maxlength: '128' });
  return form('Create your account', [
    providerSignIn(),
    field('Username', username, '3–50 letters, digits or _'),
    field('E-mail', email),
    field('Password', password, PASSWORD_RULES),
  ], h('button', { type: 'submit', testid: 'signup-submit' }, 'Sign up'),
  () => signUp(username.value, email.value, password.value),
  h('p', {}, 'Have an account? ', h('a', { href: '#/signin' }, 'Sign in')));
}

export function signInView(): HTMLElement {
  const login = input('signin-username', { autocomplete: 'username' });
  const password = input('signin-password', { type: 'password', autocomplete: 'current-password', maxlength: '128' });
  return form('Sign in', [providerSignIn(), field('Username or e-mail', login), field('Password', password)],
    h('button', { type: 'submit', testid: 'signin-submit' }, 'Sign in'),
    () => signInWith(login.value, password.value),
    h('p', {}, 'New here? ', h('a', { href: '#/signup' }, 'Create an account'), ' · ',
      h('a', { href: '#/forgot', testid: 'forgot-link' }, 'Forgot password?')),
    undefined, providerSignInError(currentRoute().params.get('error')));
}
