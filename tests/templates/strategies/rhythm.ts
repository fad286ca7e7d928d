// How the suite plays rhythm.
import type { FakeGame } from '../fake-dom.ts';
import { playUntil, type PlayStrategy } from '../playing.ts';

const LANE_KEYS: Record<string, string> = { D: 'ArrowLeft', F: 'ArrowDown', J: 'ArrowUp', K: 'ArrowRight' };

/** Tap the lane of every note whose letter has just reached the ring of its key (drawn as "D ←"). */
function hitNotes(g: FakeGame): void {
  const texts = g.frameTextsAt();
  const ring = texts.find((t) => /^[DFJK] /.test(t.text));
  if (!ring) return;
  // Notes fall 15 px a frame at 300 px/s and 50 ms frames: a 15 px band catches each note once.
  for (const t of texts) {
    if (/^[DFJK]$/.test(t.text) && t.y >= ring.y - 8 && t.y < ring.y + 7) g.tap(LANE_KEYS[t.text]!);
  }
}

export const strategy: PlayStrategy = {
  // No misses allowed at a fast tempo: the first note that falls past the line ends the game.
  fastLoss: { misses_allowed: 0, bpm: 200, no_fail: false },
  // A short easy song at 300 px/s, every note tapped when its letter is in its key's ring.
  win: {
    config: { note_count: 20, note_speed: 300, bpm: 100, difficulty: 'easy', misses_allowed: 10, no_fail: false },
    play: (g) => playUntil(g, /^You win!$/, 1500, () => hitNotes(g)),
  },
};
