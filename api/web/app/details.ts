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

// What the owner typed and has not saved, per game: the page is drawn again whenever something
// about the game changes (a job ends, it is made public), and typing must survive that.
const unsaved = new Map<string, { title: string; tags: string }>();

export function detailsPanel(o: DetailsOptions): HTMLElement {
  const typed = unsaved.get(o.gameId);
  const title = h('input', { value: typed?.title ?? o.title, maxlength: 200, minlength: 3, required: true });
  const tags = h('input', { value: typed?.tags ?? o.tags.join(', '), maxlength: 400, placeholder: 'arcade, snake' });
  const keep = () => {
    // One game's draft at a time: the map never grows past the game being edited.
    unsaved.clear();
    unsaved.set(o.gameId, { title: title.value, tags: tags.value });
  };
  title.addEventListener('input', keep);
  tags.addEventListener('input', keep);
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card details', 'aria-labelledby': 'details-h' },
    h('h2', { id: 'details-h' }, 'Title and tags'),
    field('Title', title), field('Tags', tags, 'Comma-separated, up to 10; players search by them'),
    error, h('button', { type: 'submit' }, 'Save'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const sent = { title: title.value, tags: tags.value };
    api('PATCH', `/api/games/${o.gameId}`, { title: sent.title.trim(), tags: tagsFrom(sent.tags) })
      .then(() => {
        // Saved: the stored values are shown from now on, unless the owner typed on meanwhile.
        const now = unsaved.get(o.gameId);
        if (now && now.title === sent.title && now.tags === sent.tags) unsaved.delete(o.gameId);
        o.changed();
      }).catch((err: unknown) => show(error, plainError(err)));
  });
  return form;
}
