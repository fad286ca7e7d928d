// Creator progression in the app: the leaderboard (this week's XP or all-time, switched by
// links so the choice is in the URL) and the signed-in player's level, XP bar and achievements.
import { api, currentUser } from './api.ts';
import { h, when } from './dom.ts';
import { plainError } from './errors.ts';

interface Entry {
  rank: number;
  user_id: string;
  username: string;
  display_name: string | null;
  level: number;
  xp: number;
}

interface Progression {
  xp: number;
  level: number;
  level_xp: number;
  next_level_xp: number;
  achievements: { id: string; title: string; description: string; awarded_at: string }[];
}

const PERIODS: Record<string, string> = { week: 'This week', all: 'All time' };

function table(entries: Entry[], period: string): HTMLElement {
  const me = currentUser();
  return h('table', { class: 'board', testid: 'leaderboard' },
    h('caption', {}, period === 'week' ? 'XP earned in the last 7 days' : 'Total XP'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Creator'),
      h('th', { scope: 'col' }, 'Level'), h('th', { scope: 'col' }, 'XP'))),
    h('tbody', {}, entries.map((e) => h('tr', { class: e.user_id === me?.id ? 'me' : undefined },
      h('td', {}, e.rank),
      h('td', {}, h('strong', {}, e.display_name ?? e.username), ' ', h('span', { class: 'meta' }, `@${e.username}`)),
      h('td', {}, e.level),
      h('td', {}, e.xp.toLocaleString())))));
}

export async function leaderboardView(params: URLSearchParams): Promise<HTMLElement> {
  const period = PERIODS[params.get('period') ?? ''] ? params.get('period')! : 'week';
  const toggle = h('nav', { class: 'toggle', 'aria-label': 'Period' },
    Object.entries(PERIODS).map(([value, label]) => h('a', {
      href: `#/leaderboard?period=${value}`, class: value === period ? 'chip current' : 'chip',
      'aria-current': value === period ? 'page' : undefined,
    }, label)));
  let body: HTMLElement;
  try {
    const board = await api<{ entries: Entry[] }>('GET', `/api/leaderboard?period=${period}&limit=50`);
    body = board.entries.length ? table(board.entries, period)
      : h('p', {}, period === 'week' ? 'No XP earned this week yet: make a game!' : 'No XP earned yet.');
  } catch (err) {
    body = h('p', { class: 'error' }, plainError(err));
  }
  return h('section', { class: 'leaderboard' }, h('h1', {}, 'Leaderboard'), toggle, body);
}

/** The signed-in player's level, how far to the next, and the achievements they hold. */
export async function levelCard(): Promise<HTMLElement | null> {
  if (!currentUser()) return null;
  const p = await api<Progression>('GET', '/api/users/profile/progression').catch(() => null);
  if (!p) return null;
  const span = p.next_level_xp - p.level_xp;
  return h('section', { class: 'card level-card', 'aria-labelledby': 'level-h', testid: 'level-card' },
    h('h2', { id: 'level-h' }, `Level ${p.level}`),
    h('progress', { max: span, value: p.xp - p.level_xp, 'aria-label': 'XP towards the next level' }),
    h('p', { class: 'meta' }, `${p.xp.toLocaleString()} XP · ${(p.next_level_xp - p.xp).toLocaleString()} to level `
      + `${p.level + 1} · `, h('a', { href: '#/leaderboard' }, 'Leaderboard')),
    p.achievements.length
      ? h('ul', { class: 'achievements' }, p.achievements.map((a) => h('li', { title: a.description },
        h('strong', {}, a.title), ' ', h('span', { class: 'meta' }, when(a.awarded_at)))))
      : h('p', { class: 'meta' }, 'No achievements yet: your first game earns one.'));
}
