// What a template's play strategy needs: the fake game, a real-time step and a way to play
// until a frame shows a text. Each template has a strategy in strategies/<id>.ts.
import type { FakeGame } from './fake-dom.ts';
import type { Config } from './helpers.ts';

export const STEP_MS = 50; // the games clamp dt to 50 ms, so this is the fastest real-time step

/** Step until a frame shows `pattern` (or give up), calling `each` before every frame. */
export function playUntil(game: FakeGame, pattern: RegExp, maxFrames: number, each?: (i: number) => void): boolean {
  for (let i = 0; i < maxFrames; i++) {
    if (each) each(i);
    game.step(1, STEP_MS);
    if (game.frameTexts().some((s) => pattern.test(s))) return true;
  }
  return false;
}

/** How the suite loses and wins a template by playing it. */
export interface PlayStrategy {
  /** Settings under which doing nothing loses quickly (Game over). */
  fastLoss: Config;
  /** A configuration and a simple strategy that reaches the win screen ("You win!"): every
   *  template can be won, so a strategy without one does not compile. */
  win: { config: Config; play: (g: FakeGame) => boolean };
}
