// Explore: public games, searched by words and tags and sorted by rating, plays or newest.
import { api } from './api.ts';
import { field, h } from './dom.ts';
import { plainError } from './errors.ts';
import { gameCard, type GameItem } from './home.ts';
import { go } from './router.ts';

const SORTS: Record<string, string> = { newest: 'Newest', popular: 'Most played', rating: 'Best rated' };

export async function exploreView(params: URLSearchParams): Promise<HTMLElement> {
  const q = (params.get('q') ?? '').slice(0, 100);
  const tag = (params.get('tag') ?? '').slice(0, 30);
  const sort = SORTS[params.get('sort') ?? ''] ? params.get('sort')! : 'newest';
  const search = h('input', { type: 'search', value: q, maxlength: 100, placeholder: 'snake, racing, neon…' });
  const tagInput = h('input', { value: tag, maxlength: 30, placeholder: 'e.g. arcade' });
  const sortSelect = h('select', {},
    Object.entries(SORTS).map(([v, label]) => h('option', { value: v, selected: v === sort }, label)));
  const form = h('form', { class: 'card explore-form', role: 'search' },
    h('div', { class: 'row' }, field('Search', search), field('Tag', tagInput), field('Sort by', sortSelect),
      h('button', { type: 'submit' }, 'Search')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams({ sort: sortSelect.value });
    if (search.value.trim()) next.set('q', search.value.trim());
    if (tagInput.value.trim()) next.set('tag', tagInput.value.trim().toLowerCase());
    go(`#/explore?${next.toString()}`);
  });
  sortSelect.addEventListener('change', () => form.requestSubmit());
  const query = new URLSearchParams({ sort, per_page: '24' });
  if (q) query.set('q', q);
  if (tag) query.set('tag', tag);
  let results: HTMLElement;
  try {
    const list = await api<{ games: GameItem[]; total: number }>('GET', `/api/games?${query.toString()}`);
    results = list.games.length
      ? h('ul', { class: 'cards' }, list.games.map(gameCard))
      : h('p', {}, 'No public games match. Make one and share it!');
  } catch (err) {
    results = h('p', { class: 'error' }, plainError(err));
  }
  return h('div', { class: 'explore' }, h('h1', {}, 'Explore games'), form, results);
}
