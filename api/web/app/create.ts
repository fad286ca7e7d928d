// Create: the prompt box with examples, the genre picker (GET /api/templates) and preferences.
// A game is made in a fresh workspace session, so the player can go on to change it by chat;
// its page shows the job's live progress.
import { api } from './api.ts';
import { button, field, h, show } from './dom.ts';
import { plainError } from './errors.ts';
import { rememberJob } from './progress.ts';
import { go } from './router.ts';

const EXAMPLES = [
  'snake game', 'a blue platformer where I jump to a golden coin', 'breakout with neon bricks',
  'a very hard space shooter with zombies', 'memory match with animals for my 5 year old',
];
const COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'black', 'white'];

interface Templates {
  categories: string[];
}

export async function createPanel(): Promise<HTMLElement> {
  const templates = await api<Templates>('GET', '/api/templates').catch(() => ({ categories: [] as string[] }));
  const prompt = h('textarea', {
    testid: 'prompt-input', rows: 3, maxlength: 5000, required: true,
    placeholder: 'a snake game where I collect golden apples',
  });
  const genre = h('select', {}, h('option', { value: '' }, 'Any (read from my words)'),
    templates.categories.map((c) => h('option', { value: c }, c.replace(/_/g, ' '))));
  const difficulty = h('select', {}, h('option', { value: '' }, 'As described'),
    ['easy', 'medium', 'hard'].map((d) => h('option', { value: d }, d)));
  const colour = h('select', {}, h('option', { value: '' }, 'As described'),
    COLOURS.map((c) => h('option', { value: c }, c)));
  const submit = h('button', { type: 'submit', testid: 'create-submit', class: 'cta' }, 'Make my game');
  const error = h('p', { class: 'error', role: 'alert' });
  const examples = h('p', { class: 'examples' }, 'Try: ', EXAMPLES.map((text) => button(text, () => {
    prompt.value = text;
    prompt.focus();
  }, { class: 'chip' })));

  const form = h('form', { class: 'card create', 'aria-labelledby': 'create-h' },
    h('h1', { id: 'create-h' }, 'Make a game'),
    field('Describe your game', prompt), examples,
    h('details', {}, h('summary', {}, 'Preferences'),
      h('div', { class: 'row' }, field('Genre', genre), field('Difficulty', difficulty),
        field('Main colour (added to your words)', colour))),
    error, submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    show(error, '');
    const description = prompt.value.trim() + (colour.value ? `, ${colour.value}` : '');
    if (description.length < 3) return show(error, 'Describe the game in a few words first.');
    submit.disabled = true;
    void (async () => {
      const session = await api<{ session_id: string }>('POST', '/api/sessions/', {});
      const job = await api<{ job_id: string; game_id: string }>('POST', '/api/games/generate', {
        description, session_id: session.session_id, ...(genre.value ? { game_type: genre.value } : {}),
        ...(difficulty.value ? { preferences: { difficulty: difficulty.value } } : {}),
      });
      // The game's page follows the job (and picks it up again after a reload).
      rememberJob({ jobId: job.job_id, gameId: job.game_id });
      go(`#/games/${job.game_id}`);
    })().catch((err: unknown) => {
      submit.disabled = false;
      show(error, plainError(err));
    });
  });
  return form;
}
