// Sharing and what others do with a shared game: the owner makes a game public (when
// moderation allows) and copies a link to the latest or to a pinned version; other players
// rate it (1–5 stars) and remix it into a game of their own.
import { api, currentUser } from './api.ts';
import { button, h, show } from './dom.ts';
import { plainError } from './errors.ts';
import { featureOn } from './features.ts';
import { go, signInFirst } from './router.ts';
import { stars } from './home.ts';

export interface ShareOptions {
  gameId: string;
  isPublic: boolean;
  playing: number | null;
  changed: () => void;
}

export function shareLink(gameId: string, version?: number): string {
  return `${location.origin}/#/games/${gameId}${version ? `?v=${version}` : ''}`;
}

export function sharePanel(o: ShareOptions): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const toggle = button(o.isPublic ? 'Make private' : 'Make public', () => {
    toggle.disabled = true;
    api('PATCH', `/api/games/${o.gameId}`, { is_public: !o.isPublic }).then(() => o.changed())
      .catch((err: unknown) => {
        toggle.disabled = false;
        show(error, plainError(err));
      });
  }, { testid: 'make-public', class: o.isPublic ? '' : 'cta' });
  if (!o.isPublic) {
    return h('section', { class: 'card share', 'aria-label': 'Share' }, h('h2', {}, 'Share'),
      h('p', {}, 'Only you can see this game. Make it public to share it and let others rate and remix it.'),
      toggle, error);
  }
  const link = h('input', {
    testid: 'share-link', readonly: true, value: shareLink(o.gameId), 'aria-label': 'Share link',
  });
  const pinned = h('input', { type: 'checkbox', id: 'share-pinned' });
  pinned.addEventListener('change', () => {
    link.value = shareLink(o.gameId, pinned.checked && o.playing ? o.playing : undefined);
  });
  const copy = button('Copy link', () => {
    link.select();
    void navigator.clipboard?.writeText(link.value).catch(() => undefined);
  });
  return h('section', { class: 'card share', 'aria-label': 'Share' }, h('h2', {}, 'Share'),
    h('p', {}, 'Public: anyone with the link can play, rate and remix it.'),
    h('div', { class: 'row' }, link, copy),
    h('p', {}, pinned,
      h('label', { for: 'share-pinned' }, ` Link to version ${o.playing ?? ''} only (otherwise always the latest)`)),
    toggle, error);
}

export interface RateOptions {
  gameId: string;
  rating: number;
  count: number;
}

export function ratingControl(o: RateOptions): HTMLElement {
  const summary = h('span', { class: 'rating-summary' });
  const say = (avg: number, count: number) =>
    show(summary, `${stars(avg)} ${avg.toFixed(1)} (${count} rating${count === 1 ? '' : 's'})`);
  say(o.rating, o.count);
  const error = h('p', { class: 'error', role: 'alert' });
  const thanks = h('p', { class: 'note', role: 'status' });
  const buttons = [1, 2, 3, 4, 5].map((n) => button('★', () => {
    if (!currentUser()) return signInFirst();
    type Rated = { game_rating: { rating: number; rating_count: number } };
    api<Rated>('POST', `/api/games/${o.gameId}/rating`, { rating: n })
      .then((r) => {
        say(r.game_rating.rating, r.game_rating.rating_count);
        buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(i + 1 === n)));
        show(error, '');
        show(thanks, `Thanks — you rated it ${n} of 5.`);
      }).catch((err: unknown) => show(error, plainError(err)));
  }, { 'aria-pressed': 'false', 'aria-label': `Rate ${n} star${n === 1 ? '' : 's'}`, class: 'star' }));
  return h('div', { class: 'rate' }, summary,
    h('div', { testid: 'rating', role: 'group', 'aria-label': 'Your rating', class: 'stars' }, buttons),
    thanks, error);
}

export function remixButton(gameId: string, version: number | null): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const remix = button('Remix', () => {
    if (!currentUser()) return signInFirst();
    remix.disabled = true;
    void (async () => {
      const session = await api<{ session_id: string }>('POST', '/api/sessions/', {});
      const game = await api<{ id: string }>('POST', `/api/games/${gameId}/remix`, {
        session_id: session.session_id, ...(version ? { version } : {}),
      });
      go(`#/games/${game.id}`);
    })().catch((err: unknown) => {
      remix.disabled = false;
      show(error, plainError(err));
    });
  }, { testid: 'remix', class: 'cta', 'aria-label': 'Remix: make your own copy of this game to change' });
  const box = h('div', { class: 'remix' }, remix, error);
  // The remix flag may be off for this player (a staged feature): say so instead of a button that fails.
  void featureOn('remix').then((on) => {
    const note = 'Remixing is not open to your account yet.';
    if (!on) show(box, h('p', { class: 'meta', testid: 'remix-unavailable' }, note));
  });
  return box;
}
