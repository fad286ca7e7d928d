// The owner names the game and tags it, so players can find it on the explore page.
import { api } from './api.ts';
import { field, h, show } from './dom.ts';
import { plainError } from './errors.ts';

export interface DetailsOptions {
  gameId: string;
  title: string;
  tags: string[];
  changed: () => void;
}

/** "Arcade, Snake game" → ["arcade", "snake-game"]: the API's tag alphabet (a-z 0-9 -). */
export function tagsFrom(text: string): string[] {
  return text.split(',')
    .map((t) => t.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30))
    .filter((t) => t.length > 0).slice(0, 10);
}

export function detailsPanel(o: DetailsOptions): HTMLElement {
  const title = h('input', { value: o.title, maxlength: 200, minlength: 3, required: true });
  const tags = h('input', { value: o.tags.join(', '), maxlength: 400, placeholder: 'arcade, snake' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card details', 'aria-labelledby': 'details-h' },
    h('h2', { id: 'details-h' }, 'Title and tags'),
    field('Title', title), field('Tags', tags, 'Comma-separated, up to 10; players search by them'),
    error, h('button', { type: 'submit' }, 'Save'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    api('PATCH', `/api/games/${o.gameId}`, { title: title.value.trim(), tags: tagsFrom(tags.value) })
      .then(() => o.changed()).catch((err: unknown) => show(error, plainError(err)));
  });
  return form;
}
