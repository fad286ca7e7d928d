// Plays two copies of a game in lockstep of virtual time (clock.ts): the played copy gets a
// click at its centre and the key presses, the idle copy nothing; after each input both are
// advanced by the same time and their signatures are kept as a checkpoint (response.ts).
// Without an idle copy (a draft whose response to input is proven elsewhere) the played copy is
// its own reference: the checkpoints tell whether it draws and moves, not whether it responds.
import type { Frame, Page } from 'playwright-core';
import type { ControlsSpec } from '../../templates/spec.ts';
import { PROBE_KEY, type Advanced } from './clock.ts';
import { judgeResponse, type Checkpoint } from './response.ts';

/** One input: a KeyboardEvent.code held for `hold` ms of virtual time, or a click. */
export interface Step { input: string; hold: number }

/** A copy of the game: its page (for input) and the game's frame (for time and signatures). */
export interface Copy { page: Page; frame: Frame }

/** Virtual time the game runs before the first input: it draws its first frames. */
export const BOOT_MS = 300;
/** Frames of the boot are 30 a second: cheap, and enough to measure what a frame costs. */
const BOOT_FRAME_MS = 1000 / 30;
/** Wall-clock time the play after the boot should take, whatever the game's frames cost: a
 *  game whose frames are expensive (software WebGL) is played at fewer frames a second, the
 *  same in both copies, and its own clock still sees the whole play. */
const PLAY_BUDGET_MS = 600;
/** Past this much wall-clock time the play stops, even with virtual time left (the bound on a
 *  game whose every frame is slow); what was not pressed by then is reported. */
const PLAY_LIMIT_MS = 2500;
const FASTEST_FRAME_MS = 1000 / 60;
const SLOWEST_FRAME_MS = 1000 / 8;
/** Virtual time between releasing a key and pressing the next. */
const GAP_MS = 40;
const CLICK_MS = 100;

/** A model's draft declares nothing: it gets the standard set (after a click at its centre) —
 *  Enter, Space, arrows, WASD. */
export const STANDARD_STEPS: Step[] = [
  ['Enter', 60], ['Space', 60], ['ArrowRight', 350], ['ArrowUp', 80], ['ArrowLeft', 350], ['Space', 120],
  ['KeyD', 200], ['KeyW', 80], ['KeyA', 200], ['Space', 60],
].map(([input, hold]) => ({ input: input as string, hold: hold as number }));

/** A template's declared controls: start once, then each move key held and each action tapped. */
export function declaredSteps(controls: ControlsSpec): Step[] {
  const steps: Step[] = [{ input: controls.start[0]!, hold: 60 }];
  const rounds = Math.max(controls.move.length, controls.action.length, 1);
  for (let i = 0; i < rounds; i++) {
    const move = controls.move[i];
    const action = controls.action[i % Math.max(1, controls.action.length)];
    if (move) steps.push({ input: move, hold: 250 });
    if (action) steps.push({ input: action, hold: 80 });
  }
  return steps;
}

/** The inputs a playtest gives, for reports and repair messages: click, then each key once. */
export function inputNames(steps: Step[]): string[] {
  return ['click', ...new Set(steps.map((s) => s.input))];
}

type Probe = Record<string, { advance(ms: number, frameMs: number, probe: boolean): Promise<Advanced> }>;

async function advance(frame: Frame, ms: number, frameMs: number, probe: boolean): Promise<Advanced> {
  return frame.evaluate(
    async ([key, time, beat, wanted]) => {
      const clock = (window as unknown as Probe)[key];
      if (!clock) throw new Error('the game document has no virtual clock (did it navigate away?)');
      return clock.advance(time, beat, wanted);
    },
    [PROBE_KEY, ms, frameMs, probe] as const,
  );
}

/** Two copies in lockstep: every advance moves both by the same time, at the same frame rate. */
class Lockstep {
  at = 0;
  frameMs = BOOT_FRAME_MS;
  readonly checkpoints: Checkpoint[] = [];
  readonly played: Copy;
  readonly idle: Copy | undefined;
  /** Wall-clock milliseconds a frame of both copies costs (smoothed), measured round trip:
   *  a WebGL game's drawing runs after its script returns. */
  private perFrame = 0;
  private pacing?: { virtualEnd: number; wallEnd: number };
  constructor(played: Copy, idle: Copy | undefined) {
    this.played = played;
    this.idle = idle;
  }

  /** From now on, fit `virtualMs` of play into about `wallMs`: fewer frames when they are costly. */
  pace(virtualMs: number, wallMs: number): void {
    this.pacing = { virtualEnd: this.at + virtualMs, wallEnd: performance.now() + wallMs };
    this.repace();
  }

  private repace(): void {
    if (!this.pacing) return;
    const left = Math.max(0, this.pacing.virtualEnd - this.at);
    const wall = this.pacing.wallEnd - performance.now();
    const wanted = wall > 0 ? (left * this.perFrame) / wall : SLOWEST_FRAME_MS;
    this.frameMs = Math.min(SLOWEST_FRAME_MS, Math.max(FASTEST_FRAME_MS, wanted));
  }

  /** Advance both; with `after`, keep their signatures as a checkpoint. */
  async advance(ms: number, after?: string): Promise<void> {
    const started = performance.now();
    const copies = this.idle ? [this.played, this.idle] : [this.played];
    const [p, alone] = await Promise.all(copies.map((c) => advance(c.frame, ms, this.frameMs, !!after)));
    const i = this.idle ? alone : p;
    this.at += ms;
    if (after && p?.signature && i?.signature) {
      this.checkpoints.push({ after, at_ms: Math.round(this.at), played: p.signature, idle: i.signature });
    }
    const frames = Math.max(p?.frames ?? 0, i?.frames ?? 0);
    if (frames > 0) {
      const cost = (performance.now() - started) / frames;
      this.perFrame = this.perFrame ? (this.perFrame + cost) / 2 : cost;
    }
    this.repace();
  }
}

/** Where a click lands: the centre of the game's largest canvas, else of the whole game. */
async function centre(copy: Copy): Promise<{ x: number; y: number } | undefined> {
  const canvases = await copy.frame.locator('canvas').all();
  const boxes = await Promise.all([copy.page.locator('iframe').first(), ...canvases].map((l) => l.boundingBox()));
  const [frameBox, ...canvasBoxes] = boxes;
  const largest = canvasBoxes.filter((b) => b !== null && b.width * b.height > 0)
    .sort((a, b) => b!.width * b!.height - a!.width * a!.height)[0];
  const box = largest ?? frameBox;
  return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : undefined;
}

/** The checkpoints of a play, the inputs given, and those it had no time left to give. */
export interface Played {
  checkpoints: Checkpoint[];
  /** Given, in order: a play ends as soon as the game has answered one and is seen changing. */
  given: string[];
  untried: string[];
}

/** Enough has been seen: the played copy departed from the idle one after an input, and moves
 *  (alone: it moves). */
function answered(checkpoints: Checkpoint[], alone: boolean): boolean {
  const verdict = judgeResponse(checkpoints);
  return (alone || verdict.responds === true) && verdict.changes;
}

/**
 * Boot both copies, then give the played one the inputs (the steps, repeated) until the game
 * has answered one (then the play has told what it is for; errors an input causes later are
 * the smoke run's to find, which presses keys through 90 s of game time), `durationMs` of
 * virtual time have passed, or PLAY_LIMIT_MS of wall-clock time. The first checkpoint is taken
 * before any input.
 */
export async function playSideBySide(
  played: Copy, idle: Copy | undefined, steps: Step[], durationMs: number,
): Promise<Played> {
  const limit = performance.now() + PLAY_LIMIT_MS;
  const untried = new Set(inputNames(steps));
  const given: string[] = [];
  const both = new Lockstep(played, idle);
  await both.advance(BOOT_MS, 'start');
  both.pace(CLICK_MS + durationMs, PLAY_BUDGET_MS);
  const point = await centre(played);
  if (point) await played.page.mouse.click(point.x, point.y);
  await both.advance(CLICK_MS, 'click');
  untried.delete('click');
  given.push('click');
  const end = both.at + durationMs;
  for (let i = 0; both.at < end - 0.5 && steps.length > 0 && performance.now() < limit; i++) {
    // Alone, at least one key is pressed after the click: its handlers run once in the browser.
    if (answered(both.checkpoints, !idle) && (idle || given.length > 1)) {
      return { checkpoints: both.checkpoints, given, untried: [] };
    }
    const step = steps[i % steps.length]!;
    await played.page.keyboard.down(step.input);
    await both.advance(Math.min(step.hold, end - both.at), step.input);
    untried.delete(step.input);
    if (!given.includes(step.input)) given.push(step.input);
    await played.page.keyboard.up(step.input);
    const gap = Math.min(GAP_MS, Math.max(0, end - both.at));
    // A response to the release shows at the next checkpoint (or ends the play here).
    await both.advance(gap, step.input);
  }
  return { checkpoints: both.checkpoints, given, untried: [...untried] };
}
