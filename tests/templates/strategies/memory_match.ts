// How the suite plays memory_match.
import type { FakeGame } from '../fake-dom.ts';
import { playUntil, STEP_MS, type PlayStrategy } from '../playing.ts';

const COLS = 4;
const ROWS = 3;

export const strategy: PlayStrategy = {
  fastLoss: { time_limit: 15, difficulty: 'hard' },
  // Numbered faces, played like a person with a perfect memory: turn cards over with the
  // keyboard cursor, remember every number seen, and pair up what is known.
  win: {
    config: { theme: 'numbers', grid_columns: COLS, grid_rows: ROWS, difficulty: 'medium', time_limit: 600 },
    play: (g) => new MemoryPlayer(g).play(),
  },
};

type Shown = { n: number; at: string };

class MemoryPlayer {
  private cursor = 0;
  private readonly known = new Map<number, number>(); // cell -> number on its face
  private readonly seenAt = new Set<string>(); // where the faces of known cells are drawn
  private readonly matched = new Set<number>();

  private readonly g: FakeGame;

  constructor(g: FakeGame) { this.g = g; }

  play(): boolean {
    // The opening preview shows every card for a moment; this player does not peek.
    if (!this.waitFor(() => this.faces().length === COLS * ROWS, 200)) return false;
    if (!this.waitFor(() => this.faces().length === 0, 200)) return false;
    for (let guard = 0; this.matched.size < COLS * ROWS && guard < COLS * ROWS; guard++) {
      const pair = this.knownPair();
      if (pair) { this.flip(pair[0]); this.flip(pair[1]); this.pairUp(pair[0], pair[1]); continue; }
      const a = this.unknownCell();
      const na = this.reveal(a);
      const partner = this.knownCellWith(na, a);
      if (partner !== undefined) { this.flip(partner); this.pairUp(a, partner); continue; }
      const b = this.unknownCell();
      if (this.reveal(b) === na) this.pairUp(a, b);
    }
    return playUntil(this.g, /^You win!$/, 20);
  }

  /** Digits drawn this frame: the faces of the cards that are face up. */
  private faces(): Shown[] {
    return this.g.frameTextsAt()
      .filter((t) => /^\d+$/.test(t.text))
      .map((t) => ({ n: Number(t.text), at: `${Math.round(t.x)},${Math.round(t.y)}` }));
  }

  private waitFor(done: () => boolean, frames: number): boolean {
    for (let i = 0; i < frames; i++) {
      if (done()) return true;
      this.g.step(1, STEP_MS);
    }
    return done();
  }

  private moveTo(cell: number): void {
    const keys: [string, number][] = [
      ['ArrowRight', (cell % COLS) - (this.cursor % COLS)],
      ['ArrowDown', Math.floor(cell / COLS) - Math.floor(this.cursor / COLS)],
    ];
    for (const [key, d] of keys) {
      const press = d < 0 ? (key === 'ArrowRight' ? 'ArrowLeft' : 'ArrowUp') : key;
      for (let i = 0; i < Math.abs(d); i++) { this.g.tap(press); this.g.step(1, STEP_MS); }
    }
    this.cursor = cell;
  }

  private flip(cell: number): void {
    this.moveTo(cell);
    this.g.tap('Space');
    this.g.step(3, STEP_MS);
  }

  /** Flip an unknown card and read its number: the one face drawn where no known face is. */
  private reveal(cell: number): number {
    this.moveTo(cell);
    this.g.tap('Space');
    let fresh: Shown | undefined;
    for (let i = 0; i < 20 && !fresh; i++) {
      this.g.step(1, STEP_MS);
      fresh = this.faces().find((f) => !this.seenAt.has(f.at));
    }
    if (!fresh) throw new Error(`card ${cell} did not turn over`);
    this.known.set(cell, fresh.n);
    this.seenAt.add(fresh.at);
    return fresh.n;
  }

  private pairUp(a: number, b: number): void { this.matched.add(a); this.matched.add(b); }

  private knownPair(): [number, number] | undefined {
    for (const [a, n] of this.known) {
      const b = this.knownCellWith(n, a);
      if (!this.matched.has(a) && b !== undefined) return [a, b];
    }
    return undefined;
  }

  private knownCellWith(n: number, not: number): number | undefined {
    for (const [cell, m] of this.known) if (m === n && cell !== not && !this.matched.has(cell)) return cell;
    return undefined;
  }

  private unknownCell(): number {
    for (let cell = 0; cell < COLS * ROWS; cell++) if (!this.known.has(cell)) return cell;
    throw new Error('every card is already known');
  }
}
