// The scan under attack: the seeded pathological pages (fakes/pathologicalGames.ts), each
// through validate + the static scan + the answer extraction, as the pipeline would. Reports
// the slowest and the most memory-hungry input; the target is at most 1 s for every one.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { envSchema } from '../config.ts';
import { pathologicalInputs } from '../fakes/pathologicalGames.ts';
import { parseEdits } from '../game/generate/edits.ts';
import { extractGame, summaryOf } from '../game/generate/extract.ts';
import { analyzeStatic } from '../game/scan/static.ts';
import { validateGame } from '../game/validate/index.ts';

const round = (n: number): number => Math.round(n * 10) / 10;

/** A full collection before each input, so the heap figure is that input's own. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
}

export interface StallFigures {
  inputs: number;
  seeds: number[];
  max_bytes: number;
  worst_ms: { input: string; ms: number };
  worst_heap: { input: string; mb: number };
  budget_exceeded: string[];
  target_le_1s: boolean;
}

export function benchStall(seeds: number[]): StallFigures {
  const maxBytes = envSchema.shape.MAX_GAME_BYTES.parse(undefined);
  const gc = collector();
  let worstMs = { input: '', ms: 0 };
  let worstHeap = { input: '', mb: 0 };
  const exceeded: string[] = [];
  let count = 0;
  for (const seed of seeds) {
    for (const input of pathologicalInputs(seed, maxBytes)) {
      const name = `${input.name}#${seed}`;
      gc();
      const heap = process.memoryUsage().heapUsed;
      const started = performance.now();
      validateGame(input.html, { maxBytes });
      const { findings } = analyzeStatic(input.html);
      extractGame(input.html, { stopReason: 'stop', maxBytes });
      parseEdits(input.html);
      summaryOf(input.html);
      const ms = performance.now() - started;
      const mb = (process.memoryUsage().heapUsed - heap) / 1e6;
      if (ms > worstMs.ms) worstMs = { input: name, ms: round(ms) };
      if (mb > worstHeap.mb) worstHeap = { input: name, mb: round(mb) };
      if (findings.some((f) => f.rule === 'scan.budget_exceeded')) exceeded.push(name);
      count++;
    }
  }
  return {
    inputs: count, seeds, max_bytes: maxBytes, worst_ms: worstMs, worst_heap: worstHeap, budget_exceeded: exceeded,
    target_le_1s: worstMs.ms <= 1000,
  };
}
