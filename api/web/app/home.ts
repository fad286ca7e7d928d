// The first page: for a visitor, what Playforge is and where to start; for a player, the
// prompt box (create.ts) and their games.
import { api, currentUser, imageUrl } from './api.ts';
import { h } from './dom.ts';
import { createPanel } from './create.ts';
import { levelCard } from './leaderboard.ts';

export interface GameItem {
  id: string;
  title: string;
  description: string | null;
  game_type: string | null;
  tags: string[];
  is_public: boolean;
  status: string;
  creator_username: string | null;
  current_version: number | null;
  play_count: number;
  rating: number;
  rating_count: number;
  remixed_from: string | null;
  thumbnail_url: string | null;
  created_at: string;
}

export const plays = (n: number) => `${n} play${n === 1 ? '' : 's'} · `;

/** A tag, leading to the explore page's games with it. */
export const tagLink = (tag: string) =>
  h('a', { class: 'tag', href: `#/explore?tag=${encodeURIComponent(tag)}` }, tag);

export const stars = (rating: number) => `${'★'.repeat(Math.round(rating))}${'☆'.repeat(5 - Math.round(rating))}`;

/** One game as a card linking to its page, with the picture of its current version. */
export function gameCard(g: GameItem): HTMLElement {
  const img = h('img', { alt: '', class: 'thumb', width: 160, height: 120 });
  if (g.thumbnail_url) {
    void imageUrl(g.thumbnail_url).then((url) => {
      if (url) img.src = url;
    });
  }
  return h('li', { class: 'card game-card' },
    h('a', { href: `#/games/${g.id}` }, img, h('strong', {}, g.title)),
    h('p', { class: 'meta' },
      g.creator_username ? `by @${g.creator_username} · ` : '',
      plays(g.play_count),
      h('span', { 'aria-label': `rated ${g.rating} of 5` }, stars(g.rating)), ` (${g.rating_count})`,
      g.is_public ? '' : ' · private', g.status === 'active' ? '' : ` · ${g.status}`),
    g.tags.length ? h('p', { class: 'tags' }, g.tags.map(tagLink)) : null);
}

export async function homeView(): Promise<HTMLElement> {
  if (!currentUser()) {
    return h('section', { class: 'welcome' },
      h('h1', {}, 'Type a sentence, get a game.'),
      h('p', {}, 'Describe a game — “a snake game where I collect golden apples” — and watch it being made. '
        + 'Play it, ask for changes in plain words, flip through every version, share it and remix others.'),
      h('p', { class: 'actions' }, h('a', { href: '#/signup', class: 'cta' }, 'Create an account'), ' ',
        h('a', { href: '#/signin' }, 'Sign in'), ' ', h('a', { href: '#/explore' }, 'Explore games')));
  }
  const [mine, level] = await Promise.all([
    api<{ games: GameItem[] }>('GET', '/api/games/mine?per_page=24').catch(() => ({ games: [] })), levelCard(),
  ]);
  return h('div', { class: 'home' }, level, await createPanel(),
    h('section', { 'aria-labelledby': 'mine-h' }, h('h2', { id: 'mine-h' }, 'Your games'),
      mine.games.length
        ? h('ul', { class: 'cards' }, mine.games.map(gameCard))
        : h('p', {}, 'No games yet: make your first above.')));
}
