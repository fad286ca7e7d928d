// The account pages reached by mail: "forgot password" (asks for the address, then says to check
// the mail), the reset page of the mail's link (#/reset?token=…), the verification link
// (#/verify?token=…), and the banner that tells a signed-in player their address is unverified.
import { askPasswordReset, currentUser, resendVerification, resetPassword, verifyAddress } from './api.ts';
import { button, field, h, show } from './dom.ts';
import { plainError } from './errors.ts';
import { form, input, PASSWORD_RULES } from './auth.ts';

const signInLink = () => h('p', {}, h('a', { href: '#/signin' }, 'Back to sign in'));

export function forgotView(): HTMLElement {
  const email = input('forgot-email', { type: 'email', autocomplete: 'email' });
  const card = h('div', {});
  const sent = () => show(card, h('section', { class: 'card auth', testid: 'forgot-sent', role: 'status' },
    h('h1', {}, 'Check your mail'),
    h('p', {}, `If an account has the address ${email.value.trim()}, a link to choose a new password is on its way. `
      + 'It works once, for a short while.'),
    signInLink()));
  show(card, form('Forgot your password?', [
    h('p', { class: 'hint' }, 'Give the address of your account: we mail you a link to choose a new password.'),
    field('E-mail', email),
  ], h('button', { type: 'submit', testid: 'forgot-submit' }, 'Send the link'),
  () => askPasswordReset(email.value), signInLink(), sent));
  return card;
}

export function resetView(params: URLSearchParams): HTMLElement {
  const token = params.get('token') ?? '';
  const password = input('reset-password', { type: 'password', autocomplete: 'new-password', maxlength: '128' });
  const card = h('div', {});
  const done = () => show(card, h('section', { class: 'card auth', testid: 'reset-done', role: 'status' },
    h('h1', {}, 'Password changed'),
    h('p', {}, 'Every session of your account has been signed out. Sign in with the new password.'),
    h('p', {}, h('a', { href: '#/signin', class: 'cta' }, 'Sign in'))));
  show(card, form('Choose a new password', [field('New password', password, PASSWORD_RULES)],
    h('button', { type: 'submit', testid: 'reset-submit' }, 'Change password'),
    () => resetPassword(token, password.value), signInLink(), done));
  return card;
}

export function verifyView(params: URLSearchParams): HTMLElement {
  const status = h('p', { role: 'status', testid: 'verify-status' }, 'Checking the link…');
  const card = h('section', { class: 'card auth' }, h('h1', {}, 'Your e-mail address'), status);
  verifyAddress(params.get('token') ?? '')
    .then(() => show(status, 'Thank you: your address is verified.'))
    .catch((err: unknown) => {
      status.classList.add('error');
      show(status, plainError(err));
    });
  return card;
}

/** For a signed-in player whose address is not verified yet: says so, and offers a new link. */
export function verificationBanner(): HTMLElement | null {
  const me = currentUser();
  if (!me || me.email_verified) return null;
  const note = h('span', {}, `Your address ${me.email} is not verified yet. `);
  const resend = button('Resend the link', () => {
    resend.disabled = true;
    resendVerification()
      .then(() => show(note, `A new link is on its way to ${me.email}. `))
      .catch((err: unknown) => show(note, `${plainError(err)} `))
      .finally(() => resend.remove());
  }, { testid: 'verify-resend', class: 'link' });
  return h('div', { class: 'banner', role: 'status', testid: 'verify-banner' }, note, resend);
}
