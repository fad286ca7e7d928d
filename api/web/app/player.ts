// The play frame: the /play wrapper page, which runs the game in its own sandboxed frame with
// the game's CSP. A private (or not yet public) version plays through a short-lived link from
// the token route; a public one through its plain link. Fullscreen and restart act on the frame.
import { api } from './api.ts';
import { button, h } from './dom.ts';

export interface PlayTarget {
  gameId: string;
  version: number;
  title: string;
  /** The owner (or staff) of a game that may not be public: play through a token link. */
  needsToken: boolean;
}

async function playUrl(t: PlayTarget): Promise<string> {
  if (!t.needsToken) return `/play/${t.gameId}/${t.version}`;
  return (await api<{ url: string }>('GET', `/play/${t.gameId}/${t.version}/token`)).url;
}

export function playFrame(t: PlayTarget): HTMLElement {
  const frame = h('iframe', {
    testid: 'game-frame', title: `Game: ${t.title} (version ${t.version})`, allow: 'fullscreen; gamepad; autoplay',
    referrerpolicy: 'same-origin', class: 'game-frame',
  });
  const status = h('p', { class: 'hint', role: 'status' });
  const load = () => playUrl(t).then((url) => {
    frame.src = url;
    status.textContent = '';
  }).catch(() => {
    status.textContent = 'This version cannot be played right now.';
  });
  frame.addEventListener('load', () => frame.focus());
  void load();
  return h('section', { class: 'player', 'aria-label': 'Play' },
    h('div', { class: 'frame-box' }, frame),
    h('div', { class: 'player-actions' },
      h('span', { class: 'playing' }, `Playing version ${t.version}`),
      button('Fullscreen', () => void frame.requestFullscreen().catch(() => undefined),
        { 'aria-label': 'Play fullscreen' }),
      button('Restart', () => {
        frame.removeAttribute('src');
        void load();
      }, { 'aria-label': 'Restart the game' })),
    status);
}
