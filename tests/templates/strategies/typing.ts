// How the suite plays typing.
import type { FakeGame } from '../fake-dom.ts';
import { STEP_MS, type PlayStrategy } from '../playing.ts';

export const strategy: PlayStrategy = {
  // Fast words and one life: the first word nobody types lands and ends it.
  fastLoss: { fall_speed: 200, lives: 1, no_fail: false, difficulty: 'hard' },
  // The wasd pack is typed with the only letter keys the fake keyboard has: read the lowest falling word
  // and type it, letter by letter, as a player would.
  win: {
    config: { words: 'wasd', words_to_win: 8, lives: 3, fall_speed: 40, spawn_gap: 1, difficulty: 'medium' },
    play: (g) => typeWords(g),
  },
};

function typeWords(g: FakeGame): boolean {
  for (let frame = 0; frame < 3000; frame++) {
    g.step(1, STEP_MS);
    const texts = g.frameTextsAt();
    if (texts.some((t) => t.text === 'You win!')) return true;
    if (texts.some((t) => t.text === 'Game over')) return false;
    // The lowest word; its typed letters are drawn over it again, so take the longest text there.
    const word = texts.filter((t) => /^[adsw]+$/.test(t.text))
      .sort((a, b) => b.y - a.y || b.text.length - a.text.length)[0];
    if (!word) continue;
    for (const ch of word.text) { g.tap(`Key${ch.toUpperCase()}`); g.step(1, STEP_MS); }
  }
  return false;
}
