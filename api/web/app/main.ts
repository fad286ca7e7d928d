// The player's app: a hash router over a handful of views. Plain TypeScript modules and the
// DOM, bundled by esbuild; the only library is the Socket.IO client.
import { currentUser, onAccountChange, refresh, signOut } from './api.ts';
import { button, h, show } from './dom.ts';
import { disconnect } from './live.ts';
import { signInView, signUpView } from './auth.ts';
import { forgotView, resetView, verificationBanner, verifyView } from './account.ts';
import { homeView } from './home.ts';
import { exploreView } from './explore.ts';
import { gameView } from './game.ts';
import { leaderboardView } from './leaderboard.ts';
import { currentRoute, go } from './router.ts';

const root = document.getElementById('app')!;
const header = h('header', { class: 'top' });
const banner = h('div', {});
const view = h('main', { id: 'view', tabindex: -1 });
root.replaceChildren(header, banner, view);

function renderHeader(): void {
  const me = currentUser();
  show(header,
    h('a', { href: '#/', class: 'brand' }, 'Playforge'),
    h('nav', { 'aria-label': 'Main' },
      h('a', { href: '#/' }, me ? 'Create' : 'Home'),
      h('a', { href: '#/explore' }, 'Explore'),
      h('a', { href: '#/leaderboard' }, 'Leaderboard'),
      me
        ? [h('span', { class: 'who' }, `@${me.username}`), button('Sign out', () => void signOut().then(() => {
          disconnect();
          go('#/');
        }))]
        : [h('a', { href: '#/signin' }, 'Sign in'), h('a', { href: '#/signup', class: 'cta' }, 'Sign up')]));
  show(banner, verificationBanner());
}

const PAGES: Record<string, (params: URLSearchParams) => HTMLElement | Promise<HTMLElement>> = {
  '/signin': signInView, '/signup': signUpView, '/forgot': forgotView, '/reset': resetView, '/verify': verifyView,
  '/explore': exploreView, '/leaderboard': leaderboardView,
};

let rendering = 0;
async function render(): Promise<void> {
  const ticket = ++rendering;
  const route = currentRoute();
  const game = /^\/games\/([0-9a-f-]{36})$/.exec(route.path);
  const page = PAGES[route.path];
  const next = page ? page(route.params) : game ? gameView(game[1]!, route.params) : homeView();
  const el = await next;
  if (ticket !== rendering) return;
  show(view, el);
  view.focus({ preventScroll: true });
}

onAccountChange(renderHeader);
window.addEventListener('hashchange', () => void render());
renderHeader();
// A session kept in the HttpOnly cookie signs the page in again after a reload.
void refresh().finally(() => void render());
