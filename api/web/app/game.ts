// A game's page. Its owner gets the workspace: play, live progress, change by chat, versions
// (play, roll back, compare) and sharing. Everyone else gets the public page: play, plays,
// rating, remix. `?v=N` pins a version (a shared link to that version).
import { api, currentUser } from './api.ts';
import { h } from './dom.ts';
import { plainError } from './errors.ts';
import { plays, stars, tagLink } from './home.ts';
import { playFrame } from './player.ts';
import { latestJob, progressBox } from './progress.ts';
import { go } from './router.ts';
import { chatPanel } from './chat.ts';
import { ratingControl, remixButton, sharePanel } from './share.ts';
import { detailsPanel } from './details.ts';
import { versionsPanel, type VersionSummary } from './versions.ts';

interface GameDetail {
  game_id: string;
  session_id: string | null;
  current_version: number | null;
  metadata: {
    title: string; description: string | null; creator_username: string | null; is_public: boolean; status: string;
    play_count: number; rating: number; rating_count: number; tags: string[];
    remixed_from: { game_id: string; version: number | null; title: string | null } | null; remix_count: number;
  };
  version_history: VersionSummary[];
}

function heading(d: GameDetail): HTMLElement {
  const m = d.metadata;
  const from = m.remixed_from;
  return h('header', { class: 'game-head' },
    h('h1', {}, m.title),
    h('p', { class: 'meta' },
      m.creator_username ? `by @${m.creator_username} · ` : '', plays(m.play_count),
      h('span', { 'aria-label': `rated ${m.rating} of 5` }, stars(m.rating)),
      ` ${m.rating.toFixed(1)} (${m.rating_count})`,
      m.is_public ? ' · public' : ' · private'),
    from ? h('p', { class: 'remix-note' }, 'Remixed from ',
      h('a', { href: `#/games/${from.game_id}${from.version ? `?v=${from.version}` : ''}` },
        from.title ?? 'another game'),
      from.version ? ` (version ${from.version})` : '') : null,
    m.remix_count
      ? h('p', { class: 'remix-note' }, `Remixed ${m.remix_count} time${m.remix_count === 1 ? '' : 's'}`)
      : null,
    m.description ? h('p', { class: 'description' }, m.description) : null,
    m.tags.length ? h('p', { class: 'tags' }, m.tags.map(tagLink)) : null);
}

export async function gameView(gameId: string, params: URLSearchParams): Promise<HTMLElement> {
  let d: GameDetail;
  try {
    d = await api<GameDetail>('GET', `/api/games/${gameId}?format=summary&include_history=true`);
  } catch (err) {
    return h('section', { class: 'card' }, h('h1', {}, 'Game not found'), h('p', {}, plainError(err)),
      h('a', { href: '#/explore' }, 'Explore games'));
  }
  const pinned = Number(params.get('v')) || null;
  const me = currentUser();
  const owner = me !== null && me.username === d.metadata.creator_username;
  const playing = pinned ?? d.current_version;
  const again = () => go(`#/games/${gameId}${pinned ? `?v=${pinned}` : ''}`);
  const latest = latestJob();
  const running = latest?.gameId === gameId && !latest.ended;
  const progress = progressBox(gameId, () => again());

  const frame = playing
    ? playFrame({ gameId, version: playing, title: d.metadata.title, needsToken: owner || !d.metadata.is_public })
    : h('p', { class: 'card' }, running ? 'Your game is being made…' : 'This game has no playable version yet.');
  if (!owner) {
    if (d.metadata.is_public) void api('POST', `/api/games/${gameId}/play`).catch(() => undefined);
    return h('div', { class: 'game public' }, heading(d), frame,
      d.metadata.is_public ? h('div', { class: 'card social' }, ratingControl({
        gameId, rating: d.metadata.rating, count: d.metadata.rating_count,
      }), remixButton(gameId, playing)) : null);
  }
  const play = (v: number) => go(`#/games/${gameId}?v=${v}`);
  return h('div', { class: 'game workspace' },
    heading(d),
    h('div', { class: 'columns' },
      h('div', { class: 'main-col' }, frame, progress,
        versionsPanel({ gameId, versions: d.version_history, playing, canChange: true, play, changed: again })),
      h('div', { class: 'side-col' },
        await chatPanel({ gameId, sessionId: d.session_id, version: d.current_version, started: again }),
        sharePanel({ gameId, isPublic: d.metadata.is_public, playing, changed: again }),
        detailsPanel({ gameId, title: d.metadata.title, tags: d.metadata.tags, changed: again }))));
}
